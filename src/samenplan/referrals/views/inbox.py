"""Referrals seen by the receiving organisation: the team queue and each referral."""

from django.http import Http404


def inbox(request):  # placeholder, replaced by the team queue
    raise Http404


received = inbox
