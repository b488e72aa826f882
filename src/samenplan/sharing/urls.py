from django.urls import path

from . import views

# Under plans/<int:plan_id>/
plan_urlpatterns = [
    path("network/", views.network, name="network"),
    path("network/<int:membership_id>/", views.network_person, name="network_person"),
    path("network/<int:membership_id>/invite/", views.invite, name="invite"),
    path("network/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
    path("network/<int:membership_id>/coordinator/", views.coordinator_set, name="coordinator_set"),
    path("invitations/<int:invitation_id>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:invitation_id>/cancel/", views.invitation_cancel, name="invitation_cancel"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/everyone/", views.sharing_overview, name="sharing_overview"),
    path("sharing/<int:membership_id>/", views.sharing_person, name="sharing_person"),
    path("sharing/view-as/<int:membership_id>/", views.view_as, name="view_as"),
    path("emergency/", views.emergency, name="emergency"),
    path("emergency/<int:emergency_id>/end/", views.emergency_end, name="emergency_end"),
]

urlpatterns = [
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
