"""Reminders for referrals nobody answered in time (`manage.py referrals_remind`).

A referral still waiting for an answer after its respond-by day is claimed with a
conditional UPDATE (`reminded_at` set only where it is still empty) before anyone is told,
so running the command again, or twice at once, never reminds anyone twice."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.db import commit_durably
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify

from .models import Referral
from .services import plan_url, tell_team


def referral_reminders_send(*, today: date | None = None) -> int:
    """Tell the receiving team and the referrer, once, about each overdue referral; return
    how many referrals were reminded."""
    today = today or timezone.localdate()
    overdue = Referral.objects.filter(
        status=Referral.Status.REQUESTED, respond_by__lt=today, reminded_at__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(overdue):
        with transaction.atomic():
            commit_durably()
            claimed = Referral.objects.filter(pk=pk, status=Referral.Status.REQUESTED, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue  # another run took it, or it was answered meanwhile
            referral = Referral.objects.select_related("plan__owner", "proposed_by").get(pk=pk)
            # The plan is named in the log (the resident sees that the system acted), no content.
            with audit.task("referrals_remind"):
                audit.note_plan(referral.plan)
                audit.note_action(AuditEntry.Action.NOTIFY, reason=f"referral {referral.pk} overdue")
                tell_team(referral, Notification.Kind.REFERRAL_REMINDER)
                notify(
                    user=referral.proposed_by,
                    kind=Notification.Kind.REFERRAL_REMINDER,
                    plan=referral.plan,
                    url=plan_url(referral),
                )
        count += 1
    return count
