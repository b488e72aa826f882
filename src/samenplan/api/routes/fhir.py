"""Routes of the fhir area of `/api/v1/`: the plan as a FHIR R4B Bundle (`views/fhir.py`)."""

from django.urls import path

from ..views import fhir

urlpatterns = [
    path("plans/<int:planId>/fhir", fhir.PlanFhir.as_view(), name="plan_fhir"),
]
