from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from . import twofactor

# Pages a logged-in person reaches before the second step: the step itself, logging out,
# the language switch, and the login pages (the login form, the lockout page, the start and
# return of a DigiD or eHerkenning login, whose eHerkenning counts as the second step).
OPEN_URL_NAMES = frozenset(
    {
        "twofactor_verify",
        "twofactor_setup",
        "twofactor_recovery_codes",
        "login",
        "logout",
        "set_language",
        "oidc_login",
        "oidc_digid_callback",
        "oidc_eherkenning_callback",
    }
)
OPEN_NAME_PREFIXES = ("lockout",)


def _open(path: str) -> bool:
    if path.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        # A 404 page tells nothing; let Django answer it.
        return True
    name = match.url_name or ""
    return name in OPEN_URL_NAMES or name.startswith(OPEN_NAME_PREFIXES)


class TwoFactorMiddleware:
    """After the password, nothing but the second step: a person with an app types a code
    (or a recovery code) before anything else; staff without an app reach only its set-up.
    The page they asked for is kept in `next`. Place it right after django-otp's
    OTPMiddleware.

    An eHerkenning login through the OIDC broker counts as the second step: the broker
    sets `session["signin_mfa"] = "eherkenning"`, and this middleware then marks the user
    verified for the rest of the request (so the admin site's check holds too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and request.session.get(twofactor.MFA_SESSION_KEY) == twofactor.MFA_BY_EHERKENNING:
            user.is_verified = lambda: True
        step = twofactor.step_needed(request)
        # The page's menu shows nothing but logging out until the step is done (base.html).
        request.twofactor_step = step
        if step is None or _open(request.path_info):
            return self.get_response(request)
        target = reverse("twofactor_verify" if step == "verify" else "twofactor_setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
