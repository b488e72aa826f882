from django.urls import path

from . import views

urlpatterns = [
    path("programma/", views.public, name="programme"),
    path("programma/<int:goal_id>/", views.goal, name="programme_goal"),
    path("programma/beheer/", views.manage, name="programme_manage"),
    path("programma/beheer/verzoeken/<int:request_id>/", views.decide, name="programme_request_decide"),
    path("programma/beheer/doelen/<int:goal_id>/cijfers/", views.goal_figures, name="programme_goal_figures"),
    path("programma/acties/", views.mine, name="programme_mine"),
    path("programma/acties/<int:action_id>/", views.action, name="programme_action"),
    path("programma/acties/<int:action_id>/aansluiten/", views.join, name="programme_join"),
    path("programma/voorstellen/", views.propose, name="programme_propose"),
]
