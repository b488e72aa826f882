from django.urls import path

from . import views
from .views_erasure import plan_erase_view

urlpatterns = [
    path("mijn-gegevens/", views.my_data_view, name="my_data"),
    path("mijn-gegevens/download/", views.my_data_download, name="my_data_download"),
    path("mijn-gegevens/correctie/", views.correction_new, name="correction_new"),
    path("correcties/", views.corrections, name="corrections"),
    path("correcties/<int:correction_id>/", views.correction_answer, name="correction_answer"),
    path("plans/<int:plan_id>/wissen/", plan_erase_view, name="plan_erase"),
]
