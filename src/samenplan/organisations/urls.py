from django.urls import path

from . import views

urlpatterns = [
    path("organisatie/", views.organisation, name="organisation"),
    path("organisatie/bewerken/", views.organisation_edit, name="organisation_edit"),
    path("organisatie/medewerkers/nieuw/", views.staff_add, name="staff_add"),
    path("organisatie/medewerkers/<int:member_id>/toegang/", views.staff_access, name="staff_access"),
]
