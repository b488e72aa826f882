from django.urls import path

from . import views

urlpatterns = [
    path("organisatie/", views.organisation, name="organisation"),
    path("organisatie/bewerken/", views.organisation_edit, name="organisation_edit"),
    path("organisatie/medewerkers/nieuw/", views.staff_add, name="staff_add"),
    path("organisatie/medewerkers/<int:member_id>/toegang/", views.staff_access, name="staff_access"),
    path("organisatie/medewerkers/<int:member_id>/uit-dienst/", views.staff_leave, name="staff_leave"),
    path("organisatie/locaties/nieuw/", views.location_add, name="location_add"),
    path("organisatie/locaties/<int:location_id>/", views.location_edit, name="location_edit"),
    path("organisatie/locaties/<int:location_id>/verwijderen/", views.location_delete, name="location_delete"),
    path("organisatie/diensten/nieuw/", views.service_add, name="service_add"),
    path("organisatie/diensten/<int:service_id>/", views.service_edit, name="service_edit"),
    path("organisatie/diensten/<int:service_id>/klopt-nog/", views.service_confirm, name="service_confirm"),
]
