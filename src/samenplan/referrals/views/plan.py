"""Referrals seen from the plan: "Wie helpt mij", proposing one, the resident's consent."""

from django.http import Http404


def referrals(request, plan_id):  # placeholder, replaced by the plan-side pages
    raise Http404


referral_new = referral = referrals
