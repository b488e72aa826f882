from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.lib.mail import absolute_url, send_neutral_mail
from samenplan.plans.models import Plan
from samenplan.sharing.policy import may_be_told_about

from .models import Notification

Kind = Notification.Kind

# The one neutral line each email carries; the details are behind the link, after logging in.
EMAIL_SUBJECTS = {
    Kind.INVITATION: _("You are invited in Samenplan"),
    Kind.INVITATION_ACCEPTED: _("Someone joined your plan in Samenplan"),
    Kind.MESSAGE: _("New message in Samenplan"),
    Kind.AGREEMENT: _("New agreement for you in Samenplan"),
    Kind.ACCESS_GRANTED: _("You may see more in Samenplan"),
    Kind.ACCESS_ENDED: _("Your access in Samenplan has ended"),
    Kind.EMERGENCY: _("Emergency access to your plan in Samenplan"),
    Kind.PLAN_CLOSED: _("A plan in Samenplan was closed"),
    Kind.PLAN_REOPENED: _("A plan in Samenplan was opened again"),
    Kind.COORDINATOR_CHANGED: _("A plan in Samenplan has a new coordinator"),
    Kind.REFERRAL_CONSENT: _("A referral in Samenplan waits for you"),
    Kind.REFERRAL_RECEIVED: _("A new referral in Samenplan"),
    Kind.REFERRAL_CHANGED: _("A referral in Samenplan has changed"),
    Kind.REFERRAL_REMINDER: _("A referral in Samenplan is waiting for an answer"),
    Kind.LISTING_STALE: _("Please check your listing on the social map"),
    Kind.PROFESSIONAL_LEFT: _("Someone in a plan in Samenplan has left"),
    Kind.QUESTION_NEW: _("A new question for your wijk team in Samenplan"),
    Kind.SIGNAL_OFFERED: _("A question about your plan in Samenplan"),
    Kind.CONFERENCE_CONSENT: _("A question about your plan in Samenplan"),
    Kind.CONFERENCE_INVITED: _("You are invited in Samenplan"),
    Kind.CONFERENCE_CHANGED: _("Something changed in Samenplan"),
    Kind.CONFERENCE_DECISIONS: _("A question about your plan in Samenplan"),
    Kind.CONSULT_CONSENT: _("A question about your plan in Samenplan"),
    Kind.CONSULT_RECEIVED: _("A new question in Samenplan"),
    Kind.CONSULT_ANSWERED: _("Your question in Samenplan was answered"),
    Kind.BREAKTHROUGH_RECEIVED: _("A new breakthrough request in Samenplan"),
    Kind.BREAKTHROUGH_DECIDED: _("A breakthrough request in Samenplan was decided"),
    Kind.CORRECTION_REQUESTED: _("A request to correct something in Samenplan"),
    Kind.CORRECTION_ANSWERED: _("Your request in Samenplan was answered"),
}


def notify(*, user: User, kind: str, plan: Plan | None = None, url: str = "") -> Notification | None:
    """Tell a person in the app and by a neutral email. Someone who can no longer see the
    plan is not told anything more about it (except, once, that their access ended)."""
    if not user.is_active:
        return None
    if plan is not None and kind != Kind.ACCESS_ENDED and not may_be_told_about(user, plan):
        return None
    notification = Notification.objects.create(user=user, kind=kind, url=url)
    User.objects.filter(pk=user.pk).update(unread_notifications=F("unread_notifications") + 1)
    if user.email:
        language = "nl"
        transaction.on_commit(
            lambda: send_neutral_mail(
                to=user.email,
                subject=EMAIL_SUBJECTS[kind],
                template="email/notification.txt",
                context={"user": user, "line": Kind(kind).label, "url": absolute_url(url) if url else ""},
                language=language,
            )
        )
    return notification


def notifications_mark_read(*, user: User, notification: Notification | None = None) -> None:
    """Mark one or all notifications as read, and bring the header's count up to date."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    (unread.filter(pk=notification.pk) if notification else unread).update(read_at=timezone.now())
    User.objects.filter(pk=user.pk).update(unread_notifications=unread.count())
