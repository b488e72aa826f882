"""Stopping password guessing (docs/security.md, "Lockout"). django-axes counts wrong
passwords per username and address and refuses that combination for a while; this module
gives it the username as Samenplan knows it and the page a locked-out person sees."""

from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend (first in AUTHENTICATION_BACKENDS): refuses a locked-out
    username and address before any password is checked. Every login form passes the
    request; a check without one (the test client's `login`, a shell) has no address to
    count and is not refused here, where axes itself would raise."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def attempted_username(request, credentials) -> str | None:
    """The username the attempt was for. People may log in with their email address too
    (accounts.backends): both count against the same account, so ten guesses are not
    five with each."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    if not typed:
        return None
    typed = typed.strip()
    if "@" in typed:
        username = get_user_model().objects.filter(email__iexact=typed).values_list("username", flat=True).first()
        if username is not None:
            return username
    return typed


def lockout_until(request, credentials) -> datetime | None:
    """When this username may be tried again from this address: the cool-off after the
    last counted wrong password (tries during a lockout are not counted, settings)."""
    latest = AccessAttempt.objects.filter(
        username=attempted_username(request, credentials), ip_address=request.axes_ip_address
    ).aggregate(latest=Max("attempt_time"))["latest"]
    cool_off = get_cool_off(request)
    if latest is None or cool_off is None:
        return None
    until = latest + cool_off
    # Never promise a minute too early: 14:34:20 shows as 14:35.
    if until.second or until.microsecond:
        until = until.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return until


def lockout_response(request, original_response=None, credentials=None):
    """The page axes shows instead of the login form once the limit is reached."""
    until = lockout_until(request, credentials)
    local = timezone.localtime(until) if until is not None else None
    context = {
        "until": local,
        "until_today": local is not None and local.date() == timezone.localdate(),
        "attempts": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "signin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
