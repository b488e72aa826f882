from django.urls import path

from . import views

urlpatterns = [
    path("buddys/", views.home, name="buddies"),
    path("buddys/aanmelden/", views.sign_up, name="buddy_sign_up"),
    path("buddys/aanmelden/ontvangen/", views.sign_up_done, name="buddy_sign_up_done"),
    path("buddys/vrijwilligers/<int:volunteer_id>/", views.volunteer, name="buddy_volunteer"),
    path("buddys/verzoeken/<int:request_id>/", views.buddy_request, name="buddy_request"),
    path("buddys/koppelingen/<int:match_id>/", views.match, name="buddy_match"),
    path("buddys/vraag/<int:question_id>/", views.from_question, name="buddy_from_question"),
    path("plans/<int:plan_id>/buddy/", views.plan_buddy, name="plan_buddy"),
]
