from django.urls import path

from . import views

urlpatterns = [
    path("inzicht/", views.dashboard, name="insights"),
    path("inzicht/cijfers.csv", views.dashboard_csv, name="insights_csv"),
    path("inzicht/rode-draden/", views.pairs, name="insights_pairs"),
    path("inzicht/rode-draden/cijfers.csv", views.pairs_csv, name="insights_pairs_csv"),
]
