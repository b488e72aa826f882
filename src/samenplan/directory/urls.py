from django.urls import path

from . import views

# Public: no login needed.
urlpatterns = [
    path("sociale-kaart/", views.social_map, name="social_map"),
    path("sociale-kaart/<int:service_id>/", views.service, name="social_map_service"),
    path("sociale-kaart/organisatie/<int:organisation_id>/", views.organisation, name="social_map_organisation"),
]
