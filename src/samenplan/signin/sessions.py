"""Session limits for staff and the form kept across a new login (docs/security.md,
"Sessions").

Staff (everyone but residents and network members) are logged out after
SAMENPLAN_STAFF_IDLE_MINUTES without a request and SAMENPLAN_STAFF_SESSION_HOURS after
they logged in; residents keep the session Django gives everyone. A form sent on an ended
session is not lost: what was typed (never a password, the CSRF token or a file) waits in
the new, anonymous session; after logging in again as the same person, a page shows it and
sends it once more with one button, to the page it came from, which checks it as usual."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

STARTED = "signin_started"
SEEN = "signin_seen"
KEPT_FORM = "signin_kept_form"
# Writing the session on every request would cost a write per page; a minute is precise
# enough for a limit of a quarter of an hour.
SEEN_PRECISION = 60
# How long a kept form waits for its writer to log in again.
KEPT_FORM_SECONDS = 30 * 60
# A kept form is what someone typed, not an upload: larger ones are not kept.
KEPT_FORM_MAX_CHARS = 100_000
# Sending these again would make no sense (or would be a secret).
NOT_KEPT_VIEWS = {"login", "logout", "set_language", "form_kept", "admin:login", "admin:logout"}

IDLE, TOTAL = "idle", "total"


def is_staff_session(user) -> bool:
    """Whether this person's session has the staff limits (BIO 9.4.2)."""
    return user.is_authenticated and user.has_staff_role


def _kept_fields(request) -> list[tuple[str, list[str]]] | None:
    fields = [
        (name, values)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken" and "password" not in name.lower()
    ]
    if not fields:
        return None
    if sum(len(name) + sum(len(value) for value in values) for name, values in fields) > KEPT_FORM_MAX_CHARS:
        return None
    return fields


class StaffSessionMiddleware:
    """Ends a staff session that was idle or lasted too long, with a message on the login
    page; keeps a form sent on it. Sits after the CSRF middleware: only a form that passed
    the CSRF check is kept, so no other site can plant one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not is_staff_session(user):
            return None
        session = request.session
        now = time.time()
        started, seen = session.get(STARTED), session.get(SEEN)
        if started is None or seen is None:
            # The first request after logging in starts the clock.
            session[STARTED] = session[SEEN] = now
            return None
        if now - seen > settings.SAMENPLAN_STAFF_IDLE_MINUTES * 60:
            return self._end(request, IDLE, now)
        if now - started > settings.SAMENPLAN_STAFF_SESSION_HOURS * 3600:
            return self._end(request, TOTAL, now)
        if now - seen >= SEEN_PRECISION:
            session[SEEN] = now
        return None

    def _end(self, request, reason, now):
        user_id = request.user.pk
        match = request.resolver_match
        view_name = match.view_name if match else ""
        kept = None
        if request.method == "POST" and view_name not in NOT_KEPT_VIEWS:
            fields = _kept_fields(request)
            if fields is not None:
                kept = {
                    "user": user_id,
                    "path": request.get_full_path(),
                    "fields": fields,
                    "had_files": bool(request.FILES),
                    "at": now,
                }
        logout(request)
        if reason == IDLE:
            text = _("You were logged out because you did nothing for %(minutes)d minutes. Log in again to go on.") % {
                "minutes": settings.SAMENPLAN_STAFF_IDLE_MINUTES
            }
        else:
            text = _("You were logged out because you were logged in for %(hours)d hours. Log in again to go on.") % {
                "hours": settings.SAMENPLAN_STAFF_SESSION_HOURS
            }
        messages.info(request, text)
        if kept is not None:
            request.session[KEPT_FORM] = kept
            messages.info(request, _("What you typed is kept. After you log in, you can send it again."))
            return redirect_to_login(reverse("form_kept"))
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        return redirect_to_login(reverse("home"))


def start_the_clock(sender, request, user, **kwargs):
    """A login starts the limits afresh, also when the same person logs in again on a
    session that was still open (connected to `user_logged_in` in apps.py)."""
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = time.time()


def _take_kept_form(request):
    """The kept form, once, and only for the person who typed it."""
    kept = request.session.pop(KEPT_FORM, None)
    if kept is None or kept.get("user") != request.user.pk:
        return None
    if time.time() - kept.get("at", 0) > KEPT_FORM_SECONDS:
        return None
    if not url_has_allowed_host_and_scheme(kept.get("path", ""), allowed_hosts=None):
        return None
    return kept


@never_cache
@login_required
def form_kept(request):
    """Shows what the person typed before the session ended, to send it again or let go."""
    if request.method == "POST":
        # "Let it go": nothing to send; the form was taken from the session when shown.
        request.session.pop(KEPT_FORM, None)
        messages.info(request, _("What you typed is thrown away."))
        return redirect("home")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    kept = _take_kept_form(request)
    if kept is None:
        return redirect("home")
    fields = [{"name": name, "values": values} for name, values in kept["fields"]]
    context = {
        "kept_path": kept["path"],
        "fields": fields,
        # What a person typed has letters in it; numbers and ids are the form's own.
        "typed": [value for field in fields for value in field["values"] if any(c.isalpha() for c in value)],
        "had_files": kept.get("had_files", False),
    }
    return render(request, "signin/form_kept.html", context)
