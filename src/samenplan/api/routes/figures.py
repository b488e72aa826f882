"""Routes of the figures area of `/api/v1/` (the insights, suppressed)."""

from django.urls import path

from ..views import figures

urlpatterns = [
    path("insights/measures", figures.Measures.as_view(), name="measures"),
    path("insights/figures", figures.Figures.as_view(), name="figures"),
]
