from django.urls import path

from . import views

# Under plans/<int:plan_id>/
plan_urlpatterns = [
    path("access-log/", views.access_log_view, name="access_log"),
]
