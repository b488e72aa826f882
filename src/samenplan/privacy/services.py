"""Requests to correct (AVG article 16): the person asks, the plan's coordinator answers."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Plan
from samenplan.sharing.policy import correctable_plans, plan_coordinator

from .models import CorrectionRequest


@transaction.atomic
def correction_create(*, user: User, plan: Plan, about: str, text: str) -> CorrectionRequest:
    """The person asks the coordinator of their plan to correct something; the coordinator is told."""
    if not correctable_plans(user).filter(pk=plan.pk).exists():
        raise Http404
    correction = CorrectionRequest.objects.create(requester=user, plan=plan, about=about, text=text.strip())
    audit.note_action(AuditEntry.Action.CREATE)
    audit.note_subject(user)
    audit.note_records("correction", [correction.pk])
    coordinator = plan_coordinator(plan)
    if coordinator is not None:
        notify(
            user=coordinator,
            kind=Notification.Kind.CORRECTION_REQUESTED,
            plan=plan,
            url=reverse("correction_answer", args=[correction.pk]),
        )
    return correction


@transaction.atomic
def correction_answer(*, correction: CorrectionRequest, user: User, status: str, answer: str) -> CorrectionRequest:
    """The coordinator answers: corrected, or not changed with the reason; the person is told.
    `correction` comes from `policy.correction_to_answer`."""
    if not correction.is_open:
        raise Http404
    updated = CorrectionRequest.objects.filter(pk=correction.pk, status=CorrectionRequest.Status.OPEN).update(
        status=status, answer=answer.strip(), answered_by=user, answered_at=timezone.now()
    )
    if not updated:
        # Answered in another tab a moment ago.
        raise Http404
    correction.refresh_from_db()
    audit.note_action(AuditEntry.Action.UPDATE)
    notify(
        user=correction.requester,
        kind=Notification.Kind.CORRECTION_ANSWERED,
        plan=correction.plan,
        url=reverse("my_data") + "#corrections",
    )
    return correction
