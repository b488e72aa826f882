from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def send_neutral_mail(*, to: str, subject: str, template: str, context: dict, language: str = "nl") -> None:
    """Send a short email. Emails carry no plan content: a neutral line and a link only,
    because mail leaves our hands (other people read inboxes, providers scan them)."""
    with translation.override(language):
        body = render_to_string(template, context)
        send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [to])
