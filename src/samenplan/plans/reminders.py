"""Reminders for coordinators: evaluations due within a week and agreements past their date.

Each reminder is recorded with a unique key before its email is sent, in one transaction
per coordinator, so running `send_reminders` again (or twice at once) never sends the same
reminder twice, and a failed email is tried again on the next run.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.db import commit_durably
from samenplan.lib.mail import absolute_url, send_neutral_mail
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import accessible_plans

from .models import Agreement, Evaluation, Plan, Reminder

EVALUATION_WINDOW = timedelta(days=7)


def _claim(*, kind: str, recipient: User, subject_id: int, about: date) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, recipient=recipient, subject_id=subject_id, about_date=about)
    except IntegrityError:
        return False
    return True


def reminders_send(*, today: date | None = None) -> int:
    """Send each coordinator one email about their new reminders; return how many were new."""
    today = today or timezone.localdate()
    coordinator_ids = (
        Membership.objects.filter(
            role=Membership.Role.COORDINATOR,
            ended_at__isnull=True,
            plan__status__in=[Plan.Status.INTAKE, Plan.Status.ACTIVE],
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    total = 0
    for coordinator in User.objects.filter(pk__in=coordinator_ids, is_active=True):
        # Only plans they coordinate, and only parts the resident lets them see.
        accesses = [
            a for a in accessible_plans(coordinator) if a.is_coordinator and a.plan.status != Plan.Status.CLOSED
        ]
        evaluation_plans = [a.plan.pk for a in accesses if a.can_view(Part.EVALUATIONS)]
        agreement_plans = [a.plan.pk for a in accesses if a.can_view(Part.AGREEMENTS)]
        due = Evaluation.objects.filter(
            plan_id__in=evaluation_plans, held_at__isnull=True, scheduled_for__lte=today + EVALUATION_WINDOW
        )
        overdue = Agreement.objects.filter(
            plan_id__in=agreement_plans, status__in=Agreement.OPEN_STATUSES, due_date__lt=today
        )
        with transaction.atomic():
            commit_durably()
            new_evaluations = sum(
                _claim(kind=Reminder.Kind.EVALUATION_DUE, recipient=coordinator, subject_id=e.pk, about=e.scheduled_for)
                for e in due
            )
            new_agreements = sum(
                _claim(kind=Reminder.Kind.AGREEMENT_OVERDUE, recipient=coordinator, subject_id=a.pk, about=a.due_date)
                for a in overdue
            )
            if new_evaluations or new_agreements:
                # The command read these plans to decide; the residents can see that it did.
                with audit.task("send_reminders"):
                    audit.note_list(
                        plan_ids=sorted({e.plan_id for e in due} | {a.plan_id for a in overdue}),
                        parts={Part.AGREEMENTS.value, Part.EVALUATIONS.value},
                    )
                    audit.note_action(AuditEntry.Action.NOTIFY, reason=f"reminder to {coordinator.display_name}")
                send_neutral_mail(
                    to=coordinator.email,
                    subject=_("Samenplan: things to look at"),
                    template="email/reminders.txt",
                    context={
                        "user": coordinator,
                        "evaluations": new_evaluations,
                        "agreements": new_agreements,
                        "url": absolute_url(reverse("caseload")),
                    },
                )
        total += new_evaluations + new_agreements
    return total
