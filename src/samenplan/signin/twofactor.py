"""Two-factor authentication: after the password, a code from an app on the person's phone
(TOTP, RFC 6238, through django-otp), or once one of their recovery codes.

Staff must use it; residents and network members may (docs/security.md, "Two-factor
authentication"). Who must is decided here, in `requires_2fa`, and nowhere else.
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass

import django_otp
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry

# The OIDC broker (signin/oidc*.py) sets this session key to "eherkenning" after an
# eHerkenning login: eHerkenning at level EH3 or higher is itself a second factor.
MFA_SESSION_KEY = "signin_mfa"
MFA_BY_EHERKENNING = "eherkenning"
RECOVERY_CODE_COUNT = 10
# What the audit entries of this module say in `reason` (the log's reasons are English).
REASON_PREFIX = "two-factor: "
DEVICE_NAME = "app"


def requires_2fa(user) -> bool:
    """Whether this person must log in with a code: everyone but residents and network members."""
    return bool(user.is_authenticated) and user.has_staff_role


def confirmed_device(user) -> TOTPDevice | None:
    """The person's app, once they confirmed it with a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_2fa(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request) -> bool:
    """Whether this session passed the second step: a code from the app or a recovery code,
    or an eHerkenning login through the broker."""
    user = request.user
    if getattr(user, "is_verified", None) is not None and user.is_verified():
        return True
    return request.session.get(MFA_SESSION_KEY) == MFA_BY_EHERKENNING


def step_needed(request) -> str | None:
    """What stands between a logged-in person and the site: "verify" (type a code),
    "setup" (staff without an app) or None."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if has_2fa(user):
        return "verify"
    if requires_2fa(user):
        return "setup"
    return None


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _note(user, action: str, what: str) -> None:
    audit.note_subject(user)
    audit.note_action(action, reason=REASON_PREFIX + what)


def setup_start(*, user) -> TOTPDevice:
    """The app being set up: a new secret, kept until the person confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=DEVICE_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        _note(user, AuditEntry.Action.CREATE, "set-up started")
    return device


@dataclass
class Outcome:
    ok: bool
    # When too many wrong codes were typed: until when no code is tried.
    locked_until: timezone.datetime | None = None
    # After set-up: the new recovery codes, to show once.
    recovery_codes: list[str] | None = None


def _locked_until(device) -> timezone.datetime | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    return (details or {}).get("locked_until") or timezone.now()


def setup_confirm(request, *, device: TOTPDevice, token: str) -> Outcome:
    """Confirm the app with its first code; the session counts as verified from now on."""
    user = request.user
    if (locked := _locked_until(device)) is not None:
        return Outcome(ok=False, locked_until=locked)
    if not django_otp.verify_token(user, device.persistent_id, token):
        return Outcome(ok=False)
    with transaction.atomic():
        # One app per person: an older one stops working when a new one is confirmed.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.refresh_from_db()
        codes = recovery_codes_make(user=user, note=False)
        _note(user, AuditEntry.Action.CREATE, "app confirmed")
    django_otp.login(request, device)
    return Outcome(ok=True, recovery_codes=codes)


def recovery_codes_make(*, user, note: bool = True) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Shown to the person once."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        if note:
            _note(user, AuditEntry.Action.CREATE, "new recovery codes")
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(token: str) -> str:
    """What was typed, without spaces or dashes, lower case (recovery codes are base32)."""
    return "".join(token.split()).replace("-", "").lower()


def code_verify(request, *, token: str) -> Outcome:
    """The second step of logging in: a code from the app, or a recovery code (used up)."""
    user = request.user
    token = normalise(token)
    totp = confirmed_device(user)
    if token.isdigit():
        devices = [totp] if totp is not None else []
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        if (locked := _locked_until(device)) is not None:
            return Outcome(ok=False, locked_until=locked)
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            if isinstance(verified, StaticDevice):
                _note(user, AuditEntry.Action.UPDATE, "recovery code used")
            django_otp.login(request, verified)
            return Outcome(ok=True)
    return Outcome(ok=False)


def twofactor_remove(request) -> None:
    """Stop using codes: the app and the recovery codes are deleted. Staff are asked to set
    up a new app straight away (the middleware sends them there)."""
    user = request.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        _note(user, AuditEntry.Action.DELETE, "app and recovery codes removed")
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    user.otp_device = None


def twofactor_events(user, *, limit: int = 10) -> list[AuditEntry]:
    """The person's own two-factor history, newest first (read from the audit log)."""
    return list(
        AuditEntry.objects.filter(subject_id=user.pk, reason__startswith=REASON_PREFIX).order_by("-at", "-id")[:limit]
    )
