from django.urls import path

from . import views

# Mounted under plans/<int:plan_id>/ (see samenplan/urls.py).
plan_urlpatterns = [
    path("fhir/", views.plan_fhir, name="plan_fhir"),
]
