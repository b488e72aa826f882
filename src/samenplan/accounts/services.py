import re
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from samenplan.lib.mail import absolute_url, send_neutral_mail

from .models import User

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
    """Set the first password; the activation link stops working."""
    user.set_password(password)
    user.save(update_fields=["password"])


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
