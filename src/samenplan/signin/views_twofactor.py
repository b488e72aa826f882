"""Two-factor authentication pages: set-up (QR code and secret), the recovery codes (shown
once), the code step of logging in, and turning it off. See `twofactor.py`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samenplan.lib.forms import posted
from samenplan.lib.qr import qr_svg

from . import twofactor
from .forms import CodeForm, RemoveForm, SetupConfirmForm

# The recovery codes, between confirming the app and the page that shows them once.
NEW_CODES_SESSION_KEY = "twofactor_new_codes"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _locked_message(locked_until) -> str:
    moment = formats.time_format(timezone.localtime(locked_until), "H:i:s")
    return _("You typed a wrong code too often. Wait a moment and try again after %(time)s.") % {"time": moment}


@never_cache
@login_required
def setup(request):
    """Set up the app: scan the QR code (or type the secret), then type its first code."""
    user = request.user
    if twofactor.has_2fa(user) and not twofactor.is_verified(request):
        # With an app already, the code comes first: a password alone sets up no new app.
        return redirect(_with_next("twofactor_verify", reverse("twofactor_setup")))
    next_url = _next(request)
    device = twofactor.setup_start(user=user)
    form = SetupConfirmForm(posted(request))
    if form.is_valid():
        outcome = twofactor.setup_confirm(request, device=device, token=form.cleaned_data["code"])
        if outcome.ok:
            request.session[NEW_CODES_SESSION_KEY] = outcome.recovery_codes
            return redirect(_with_next("twofactor_recovery_codes", next_url))
        if outcome.locked_until is not None:
            form.add_error("code", _locked_message(outcome.locked_until))
        else:
            form.add_error(
                "code",
                _("That code is not right. Check that the time on your phone is right, and type the newest code."),
            )
    return render(
        request,
        "signin/twofactor/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr": qr_svg(device.config_url, title=_("QR code to scan with the app on your phone"), scale=4),
            "secret": twofactor.secret_text(device),
            "required": twofactor.requires_2fa(user),
            "replacing": twofactor.has_2fa(user),
        },
    )


@never_cache
@login_required
def recovery_codes(request):
    """The recovery codes, shown this once."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return render(request, "signin/twofactor/recovery_codes.html", {"codes": codes, "next": _next(request)})


@require_POST
@login_required
def recovery_codes_new(request):
    """New recovery codes; the old ones stop working."""
    if not twofactor.has_2fa(request.user):
        return redirect("account")
    request.session[NEW_CODES_SESSION_KEY] = twofactor.recovery_codes_make(user=request.user)
    return redirect(_with_next("twofactor_recovery_codes", reverse("account")))


@never_cache
def verify(request):
    """The second step of logging in: the code from the app, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect(_with_next("login", _next(request)))
    next_url = _next(request)
    if twofactor.is_verified(request) or not twofactor.has_2fa(request.user):
        return redirect(next_url)
    form = CodeForm(posted(request))
    if form.is_valid():
        outcome = twofactor.code_verify(request, token=form.cleaned_data["code"])
        if outcome.ok:
            left = twofactor.recovery_codes_left(request.user)
            if not form.cleaned_data["code"].isdigit() and left < 3:
                messages.warning(
                    request,
                    ngettext(
                        "You have %(count)s recovery code left. Make new ones on your account page.",
                        "You have %(count)s recovery codes left. Make new ones on your account page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        if outcome.locked_until is not None:
            form.add_error("code", _locked_message(outcome.locked_until))
        else:
            form.add_error(
                "code",
                _("That code is not right. Type the newest code in the app, or a recovery code you have not used yet."),
            )
    return render(request, "signin/twofactor/verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def remove(request):
    """Stop logging in with a code. Staff cannot: they set up a new phone instead."""
    if not twofactor.has_2fa(request.user):
        return redirect("account")
    if twofactor.requires_2fa(request.user):
        return redirect("twofactor_setup")
    form = RemoveForm(posted(request), user=request.user)
    if form.is_valid():
        twofactor.twofactor_remove(request)
        messages.success(request, _("You now log in with your password only."))
        return redirect("account")
    return render(request, "signin/twofactor/remove.html", {"form": form})
