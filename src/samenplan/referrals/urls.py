from django.urls import path

from .views import inbox, plan

# Mounted under plans/<int:plan_id>/ (see samenplan/urls.py).
plan_urlpatterns = [
    path("referrals/", plan.referrals, name="referrals"),
    path("referrals/new/", plan.referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/", plan.referral, name="referral"),
]

urlpatterns = [
    path("referrals/inbox/", inbox.inbox, name="referral_inbox"),
    path("referrals/inbox/<int:referral_id>/", inbox.received, name="referral_received"),
]
