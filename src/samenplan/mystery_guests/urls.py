from django.urls import path

from . import views

urlpatterns = [
    path("mysteryguests/", views.reports, name="mystery_reports"),
    path("mysteryguests/nieuw/", views.report_new, name="mystery_report_new"),
    path("mysteryguests/<int:report_id>/", views.report, name="mystery_report"),
    path("mysteryguests/contactmomenten/", views.touchpoints, name="mystery_touchpoints"),
    path("mysteryguests/gasten/", views.guests, name="mystery_guests"),
    path("mysteryguests/bevindingen/", views.findings, name="mystery_findings"),
]
