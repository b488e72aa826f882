"""Routes of the referrals area of `/api/v1/`: the receiving organisation's inbox
(`views/referrals.py`)."""

from django.urls import path

from ..views import referrals

urlpatterns = [
    path("referrals", referrals.Referrals.as_view(), name="referrals"),
    path("referrals/<int:referralId>", referrals.ReferralRead.as_view(), name="referral"),
    path("referrals/<int:referralId>/accept", referrals.ReferralAccept.as_view(), name="referral_accept"),
    path("referrals/<int:referralId>/reject", referrals.ReferralReject.as_view(), name="referral_reject"),
    path("referrals/<int:referralId>/start", referrals.ReferralStart.as_view(), name="referral_start"),
    path("referrals/<int:referralId>/complete", referrals.ReferralComplete.as_view(), name="referral_complete"),
    path("referrals/<int:referralId>/fail", referrals.ReferralFail.as_view(), name="referral_fail"),
]
