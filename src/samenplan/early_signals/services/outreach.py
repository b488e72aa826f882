"""Writes of the wijk team's outreach on early signals, and the resident's yes or no.

Each takes what the policy gave the caller (`CaseAccess` for a team member, `PlanAccess`
and the offered signal for the resident) and asks it first. Claiming is a conditional
update, so two colleagues claiming at once cannot both win; closing names the version
the person saw. Every change leaves an event in the signal's history and is audited."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Service
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Plan
from samenplan.sharing.policy import CaseAccess, PlanAccess, sees_plan_signals, signal_queue_filter

from ..models import Signal, SignalEvent

# Closing as "no contact reached" asks for at least this many recorded attempts.
MIN_ATTEMPTS_FOR_NO_CONTACT = 2


class SignalConflict(Exception):
    """Someone changed the signal since the page was drawn; nothing was saved."""


def refuse(access: CaseAccess) -> None:
    """A team member who does not own the signal tries what only its owner does: refused
    like anything forbidden (a 404), and the refusal is in the audit log."""
    audit.note_denied_record("signal", access.case.pk)
    raise Http404


def _require_owner(access: CaseAccess) -> None:
    if not access.is_owner:
        refuse(access)
    if not access.can_act:
        raise SignalConflict


def _event(signal: Signal, user: User | None, kind: str, **fields) -> SignalEvent:
    return SignalEvent.objects.create(signal=signal, kind=kind, by=user, **fields)


def _reload(access: CaseAccess) -> Signal:
    access.case.refresh_from_db()
    return access.case


@transaction.atomic
def signal_claim(*, access: CaseAccess) -> Signal:
    """Take the signal on: it becomes this team member's. Of two claiming at once one wins;
    the other gets `SignalConflict` (and the page names who took it)."""
    audit.note_action(AuditEntry.Action.UPDATE)
    now = timezone.now()
    updated = Signal.objects.filter(pk=access.case.pk, owner__isnull=True, closed_at__isnull=True).update(
        owner=access.user, claimed_at=now, version=F("version") + 1
    )
    if not updated:
        _reload(access)
        raise SignalConflict
    signal = _reload(access)
    _event(signal, access.user, SignalEvent.Kind.CLAIMED)
    return signal


@transaction.atomic
def signal_claim_household(*, access: CaseAccess) -> list[Signal]:
    """Also take on the other open signals of the same address that nobody took on yet
    (only those in the user's queue), so one person reaches the household once."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_owner(access)
    signal = access.case
    free = Signal.objects.filter(
        signal_queue_filter(access.user),
        household=signal.household,
        owner__isnull=True,
        closed_at__isnull=True,
    ).exclude(pk=signal.pk)
    ids = list(free.values_list("pk", flat=True))
    now = timezone.now()
    # Conditional per row: one a colleague took meanwhile stays theirs.
    Signal.objects.filter(pk__in=ids, owner__isnull=True, closed_at__isnull=True).update(
        owner=access.user, claimed_at=now, version=F("version") + 1
    )
    claimed = list(Signal.objects.filter(pk__in=ids, owner=access.user))
    SignalEvent.objects.bulk_create(
        [SignalEvent(signal=s, kind=SignalEvent.Kind.CLAIMED, by=access.user, at=now) for s in claimed]
    )
    audit.note_records("signal", [s.pk for s in claimed])
    return claimed


@transaction.atomic
def signal_release(*, access: CaseAccess) -> Signal:
    """Give the signal back to the team: anyone in the team may take it on again."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_owner(access)
    updated = Signal.objects.filter(pk=access.case.pk, owner=access.user, closed_at__isnull=True).update(
        owner=None, claimed_at=None, version=F("version") + 1
    )
    if not updated:
        raise SignalConflict
    signal = _reload(access)
    _event(signal, access.user, SignalEvent.Kind.RELEASED)
    return signal


@transaction.atomic
def signal_attempt(*, access: CaseAccess, channel: str, reached: bool, note: str = "") -> Signal:
    """Record one outreach attempt (a letter, a call, a text message, a home visit). The
    first attempt that reached the resident is the moment of first contact, which the
    partner sees."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_owner(access)
    SignalEvent.Channel(channel)  # refuse a channel that does not exist
    now = timezone.now()
    updated = Signal.objects.filter(pk=access.case.pk, owner=access.user, closed_at__isnull=True).update(
        status=Signal.Status.OUTREACH, version=F("version") + 1
    )
    if not updated:
        raise SignalConflict
    if reached:
        Signal.objects.filter(pk=access.case.pk, first_contact_at__isnull=True).update(first_contact_at=now)
    signal = _reload(access)
    _event(signal, access.user, SignalEvent.Kind.ATTEMPT, channel=channel, reached=reached, note=note, at=now)
    return signal


def attempts_recorded(signal: Signal) -> int:
    return signal.events.filter(kind=SignalEvent.Kind.ATTEMPT).count()


def close_problem(*, signal: Signal, outcome: str, service: Service | None, attempts: int) -> str | None:
    """Why this outcome cannot be recorded now (a key the form turns into words), or None."""
    if outcome == Signal.Outcome.NO_CONTACT and attempts < MIN_ATTEMPTS_FOR_NO_CONTACT:
        return "too_few_attempts"
    if outcome == Signal.Outcome.DEBT_HELP and (
        service is None
        or service.status != Service.Status.ACTIVE
        or service.organisation.kind != Organisation.Kind.DEBT
    ):
        return "no_debt_service"
    if outcome == Signal.Outcome.PLAN and signal.plan_id is None and signal.offered_plan_id is None:
        return "no_plan"
    return None


@transaction.atomic
def signal_close(
    *, access: CaseAccess, version: int, outcome: str, note: str = "", service: Service | None = None
) -> Signal:
    """Close the signal with the outcome code municipalities use. The partner then sees
    whether help was accepted, nothing more."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_owner(access)
    outcome = Signal.Outcome(outcome)
    signal = access.case
    if close_problem(signal=signal, outcome=outcome, service=service, attempts=attempts_recorded(signal)):
        raise ValueError("This outcome cannot be recorded for this signal now.")
    now = timezone.now()
    updated = Signal.objects.filter(pk=signal.pk, owner=access.user, closed_at__isnull=True, version=version).update(
        status=Signal.Status.CLOSED,
        outcome=outcome,
        outcome_note=note,
        service=service if outcome == Signal.Outcome.DEBT_HELP else None,
        closed_at=now,
        version=F("version") + 1,
    )
    if not updated:
        _reload(access)
        raise SignalConflict
    signal = _reload(access)
    _event(signal, access.user, SignalEvent.Kind.CLOSED, note=note, at=now)
    return signal


def plan_signals_url(plan: Plan) -> str:
    return reverse("plan_signals", args=[plan.pk])


@transaction.atomic
def signal_offer(*, access: CaseAccess, plan: Plan) -> Signal:
    """Offer the signal to the resident's plan. It joins only when she says yes; she is told
    there is a question for her (a neutral notification)."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_owner(access)
    if not access.can_offer_to(plan):
        raise Http404
    now = timezone.now()
    updated = Signal.objects.filter(
        pk=access.case.pk, owner=access.user, plan__isnull=True, offered_plan__isnull=True, closed_at__isnull=True
    ).update(offered_plan=plan, offered_at=now, version=F("version") + 1)
    if not updated:
        raise SignalConflict
    signal = _reload(access)
    _event(signal, access.user, SignalEvent.Kind.OFFERED, at=now)
    audit.note_plan(plan)
    notify(user=plan.owner, kind=Notification.Kind.SIGNAL_OFFERED, plan=plan, url=plan_signals_url(plan))
    return signal


@transaction.atomic
def signal_answer(*, access: PlanAccess, signal: Signal, yes: bool) -> Signal:
    """The resident (or a representative for all parts) says yes: the signal joins the plan;
    or no: it does not, and the team member who offered it reads that in its history."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not (sees_plan_signals(access) and access.is_open):
        raise Http404
    now = timezone.now()
    waiting = Signal.objects.filter(pk=signal.pk, offered_plan=access.plan, plan__isnull=True)
    if yes:
        updated = waiting.update(plan=access.plan, joined_at=now, version=F("version") + 1)
    else:
        updated = waiting.update(offered_plan=None, offered_at=None, version=F("version") + 1)
    if not updated:
        raise SignalConflict
    signal.refresh_from_db()
    _event(signal, access.user, SignalEvent.Kind.JOINED if yes else SignalEvent.Kind.DECLINED, at=now)
    return signal
