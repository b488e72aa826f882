"""The organisation admin's pages for API connections (`/organisatie/koppelingen/`)."""

from django.urls import path

from .views import clients

app_name = "api_clients"

urlpatterns: list = [
    path("organisatie/koppelingen/", clients.client_list, name="list"),
    path("organisatie/koppelingen/nieuw/", clients.client_add, name="add"),
    path("organisatie/koppelingen/<int:client_id>/intrekken/", clients.client_revoke, name="revoke"),
]
