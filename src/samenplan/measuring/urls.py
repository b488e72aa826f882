from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="assessment"),
    path("voortgang/", views.progress, name="assessment_progress"),
    path("<slug:code>/new/", views.record, name="assessment_record"),
    path("<slug:code>/steps/", views.steps, name="assessment_steps"),
]
