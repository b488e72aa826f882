from django.urls import path

from . import views

# Under plans/<int:plan_id>/
plan_urlpatterns = [
    path("conversations/", views.conversations, name="conversations"),
    path("conversations/<int:thread_id>/", views.thread, name="thread"),
]
