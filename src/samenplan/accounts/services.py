import re
import secrets
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from samenplan.lib.mail import absolute_url, send_neutral_mail

from .models import ActivationCode, User

ACTIVATION_SALT = "samenplan.accounts.activation"


def _account_state(user: User) -> str:
    # Changes as soon as a password is set, which makes every activation link single-use.
    return salted_hmac(ACTIVATION_SALT, f"{user.pk}:{user.password}:{user.is_active}").hexdigest()[:20]


def activation_token_make(*, user: User) -> str:
    """A signed, expiring, single-use token for setting the first password."""
    return signing.dumps({"u": user.pk, "s": _account_state(user)}, salt=ACTIVATION_SALT, compress=True)


def activation_user_for(*, token: str) -> User | None:
    """The account a token activates, or None when it is invalid, expired or already used."""
    try:
        data = signing.loads(token, salt=ACTIVATION_SALT, max_age=settings.ACTIVATION_MAX_AGE)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.has_usable_password() or data.get("s") != _account_state(user):
        return None
    return user


def activation_send(*, user: User) -> None:
    """Email the activation link once the surrounding transaction has committed. The email
    names nobody but the resident: mail leaves our hands."""
    path = reverse("activate", args=[activation_token_make(user=user)])

    def send():
        send_neutral_mail(
            to=user.email,
            subject=_("Your plan in Samenplan is ready"),
            template="email/activation.txt",
            context={
                "user": user,
                "url": absolute_url(path),
                "days": settings.ACTIVATION_MAX_AGE.days,
            },
        )

    transaction.on_commit(send)


def address_taken_send(*, email: str) -> None:
    """A plan was started with an address that already has an account: tell that address,
    neutrally, instead of sending a link that would make a second account."""

    def send():
        send_neutral_mail(
            to=email,
            subject=_("Your plan in Samenplan"),
            template="email/address_taken.txt",
            context={"login_url": absolute_url(reverse("login"))},
        )

    transaction.on_commit(send)


def password_link_send(*, user: User, welcome: bool) -> None:
    """Send a link with which the person chooses a (new) password themselves; nobody else
    ever sets it. `welcome`: for a new staff account."""
    path = reverse(
        "password_new",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    email, first_name = user.email, user.first_name

    def send():
        send_neutral_mail(
            to=email,
            subject=_("Your account in Samenplan") if welcome else _("A new password for Samenplan"),
            template="email/password_link.txt",
            context={"first_name": first_name, "url": absolute_url(path), "welcome": welcome},
        )

    transaction.on_commit(send)


def email_changed_send(*, old_email: str, user: User) -> None:
    """Tell the old address that an administrator changed the account's email address."""
    first_name = user.first_name
    transaction.on_commit(
        lambda: send_neutral_mail(
            to=old_email,
            subject=_("Your email address in Samenplan was changed"),
            template="email/email_changed.txt",
            context={"first_name": first_name},
        )
    )


def account_activate(*, user: User, password: str) -> None:
    """Set the first password; the activation link and any letter code stop working."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ActivationCode.objects.filter(user=user).delete()


# Letter codes: capitals and digits that cannot be mistaken for one another (no 0/O, 1/I/L,
# 2/Z, 5/S, 8/B), eight of them (25^8, about 150 billion), typed as "ABCD-EFGH".
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
CODE_LOOKUP = 3
CODE_VALID = timedelta(days=30)
CODE_TRIES = 5
CODE_SALT = "samenplan.accounts.activation-code"
# Wrong codes from one place (address or session) before it must wait an hour: guessing
# any code of anyone is slowed down as well as guessing one code.
CODE_CLIENT_TRIES = 20
CODE_CLIENT_WAIT = 60 * 60


def _code_hash(code: str) -> str:
    return salted_hmac(CODE_SALT, code, algorithm="sha256").hexdigest()


def activation_code_clean(code: str) -> str:
    """The code as typed, made forgiving: capitals, without spaces and dashes."""
    return re.sub(r"[^A-Z0-9]", "", (code or "").upper())


def activation_code_format(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def activation_code_make(*, user: User, created_by: User) -> tuple[str, datetime]:
    """A new code for a letter to a resident who has not chosen a password yet; it
    replaces an earlier one. Returns the code (shown once, never stored) and its expiry."""
    if user.has_usable_password() or not user.is_active:
        raise ValueError("This account is open already.")
    # Expired codes go, so they do not hold on to the short lookups new codes need.
    ActivationCode.objects.filter(expires_at__lte=timezone.now()).delete()
    expires_at = timezone.now() + CODE_VALID
    for _attempt in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                ActivationCode.objects.filter(user=user).delete()
                ActivationCode.objects.create(
                    user=user,
                    lookup=code[:CODE_LOOKUP],
                    code_hash=_code_hash(code),
                    expires_at=expires_at,
                    created_by=created_by,
                )
        except IntegrityError:
            continue  # another open code starts the same way: draw again
        return activation_code_format(code), expires_at
    raise RuntimeError("No free activation code found.")


def activation_code_user(*, code: str, client: str = "") -> User | None:
    """The account a letter code opens, or None when the code is wrong, expired, used up or
    tried wrongly too often. A wrong try counts against the code it resembles and against
    the `client` (who is trying)."""
    key = f"activation-code-tries:{client}"
    if client and cache.get(key, 0) >= CODE_CLIENT_TRIES:
        return None
    code = activation_code_clean(code)
    row = None
    if len(code) == CODE_LENGTH:
        row = ActivationCode.objects.select_related("user").filter(lookup=code[:CODE_LOOKUP]).first()
    if row is None or not constant_time_compare(_code_hash(code), row.code_hash):
        if row is not None:
            ActivationCode.objects.filter(pk=row.pk).update(tries=F("tries") + 1)
        if client:
            cache.add(key, 0, CODE_CLIENT_WAIT)
            cache.incr(key)
        return None
    if row.tries >= CODE_TRIES or row.expires_at <= timezone.now():
        return None
    user = row.user
    if not user.is_active or user.has_usable_password():
        return None
    return user


def username_make(*, first_name: str, last_name: str) -> str:
    """A readable, unique username such as `fatima.elamrani` or `fatima.elamrani2`."""

    def slug(value: str) -> str:
        ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", ascii_value.lower())

    base = ".".join(part for part in (slug(first_name), slug(last_name)) if part)[:140] or "inwoner"
    taken = set(get_user_model().objects.filter(username__startswith=base).values_list("username", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate
