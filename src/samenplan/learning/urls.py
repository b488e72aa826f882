from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:plan_id>/leren/", views.plan_learning, name="learning_plan"),
    path("leersessies/", views.sessions, name="learning_sessions"),
    path("leersessies/nieuw/", views.session_new, name="learning_session_new"),
    path("leersessies/<int:session_id>/", views.session, name="learning_session"),
    path("leersessies/casus/<int:case_id>/", views.case_review, name="learning_case"),
    path("leersessies/doorbraakvoorstellen/", views.breakthrough_proposals, name="learning_breakthrough_proposals"),
]
