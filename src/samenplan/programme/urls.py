from django.urls import path

from . import views

urlpatterns = [
    path("programma/", views.public, name="programme"),
    path("programma/<int:goal_id>/", views.goal, name="programme_goal"),
    path("programma/beheer/", views.manage, name="programme_manage"),
    path("programma/beheer/verzoeken/<int:request_id>/", views.decide, name="programme_request_decide"),
    path("programma/beheer/doelen/<int:goal_id>/cijfers/", views.goal_figures, name="programme_goal_figures"),
    path("programma/beheer/nieuw/", views.programme_create, name="programme_create"),
    path("programma/beheer/doelen/nieuw/", views.goal_create, name="programme_goal_create"),
    path("programma/beheer/doelen/<int:goal_id>/", views.goal_edit, name="programme_goal_edit"),
    path("programma/beheer/doelen/<int:goal_id>/acties/nieuw/", views.action_create, name="programme_action_create"),
    path("programma/beheer/acties/<int:action_id>/", views.action_edit, name="programme_action_edit"),
    path("programma/beheer/acties/<int:action_id>/werkgroep/", views.member_add, name="programme_member_add"),
    path(
        "programma/beheer/acties/<int:action_id>/werkgroep/<int:member_id>/verwijderen/",
        views.member_remove,
        name="programme_member_remove",
    ),
    path("programma/acties/", views.mine, name="programme_mine"),
    path("programma/acties/<int:action_id>/", views.action, name="programme_action"),
    path("programma/acties/<int:action_id>/aansluiten/", views.join, name="programme_join"),
    path("programma/voorstellen/", views.propose, name="programme_propose"),
]
