"""Writes of referrals. Each takes what the policy gave the caller (a `PlanAccess` from the
plan, a `ReferralAccess` for one referral) and asks it first. A change of state names the
version the person saw: two staff accepting at once cannot both win (`ReferralConflict`).
Grants a referral gives go through `sharing/services.py`; every change is audited and
told with a neutral notification."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Service
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Agreement, Goal
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, ReferralAccess, receives_referrals
from samenplan.sharing.services import referral_grants_give, referral_grants_take_back

from .models import Referral, ReferralEvent

# Days (Monday to Friday) the receiving organisation has to accept or reject.
DEFAULT_RESPONSE_DAYS = 5


class ReferralConflict(Exception):
    """Someone changed the referral since the page was drawn (another colleague accepted it
    first, the resident withdrew it). The page says so; nothing was changed."""


def response_days() -> int:
    return int(getattr(settings, "SAMENPLAN_REFERRAL_RESPONSE_DAYS", DEFAULT_RESPONSE_DAYS))


def working_days_after(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days (Monday to Friday) after `start` up to and including `end`."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    days = weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            days += 1
    return days


def is_overdue(referral: Referral, today: date | None = None) -> bool:
    """Sent and still not accepted or rejected after the response time."""
    today = today or timezone.localdate()
    return (
        referral.status == Referral.Status.REQUESTED and referral.respond_by is not None and referral.respond_by < today
    )


def _event(referral: Referral, user: User | None, *, on_behalf: bool = False, note: str = "") -> None:
    ReferralEvent.objects.create(referral=referral, status=referral.status, by=user, on_behalf=on_behalf, note=note)


def plan_url(referral: Referral) -> str:
    return reverse("referral", args=[referral.plan_id, referral.pk])


def inbox_url(referral: Referral) -> str:
    return reverse("referral_received", args=[referral.pk])


def _tell_plan_side(referral: Referral, actor: User) -> None:
    """The resident and who proposed it hear that something changed (no content)."""
    for person in {referral.plan.owner, referral.proposed_by}:
        if person.pk != actor.pk:
            notify(user=person, kind=Notification.Kind.REFERRAL_CHANGED, plan=referral.plan, url=plan_url(referral))


def tell_team(referral: Referral, kind: str) -> None:
    """The receiving organisation's team queue: every active professional there (plan=None:
    they are not plan members; the notification carries no content)."""
    staff = User.objects.filter(organisation_id=referral.organisation_id, role=User.Role.PROFESSIONAL, is_active=True)
    for person in staff:
        if receives_referrals(person):
            notify(user=person, kind=kind, url=inbox_url(referral))


def _transition(referral: Referral, *, version: int, status: str, user: User, note: str = "", **fields) -> Referral:
    """Move the referral to `status` if nobody changed it since `version`; else `ReferralConflict`."""
    now = timezone.now()
    if status in Referral.CLOSED:
        fields["closed_at"] = now
    updated = Referral.objects.filter(pk=referral.pk, version=version, status=referral.status).update(
        status=status, version=F("version") + 1, status_changed_at=now, **fields
    )
    if not updated:
        raise ReferralConflict
    referral.refresh_from_db()
    _event(referral, user, note=note)
    return referral


# From the plan -------------------------------------------------------------------------


@transaction.atomic
def referral_propose(
    *,
    access: PlanAccess,
    service: Service,
    question: str,
    goals: list[Goal] | None = None,
    priority: str = Referral.Priority.ROUTINE,
    submit_token: uuid.UUID | None = None,
) -> Referral:
    """Propose a referral in the plan. Nothing leaves the plan until the resident consents.
    The same form submitted twice makes one referral."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not access.can_propose_referral:
        raise Http404
    access.touched.add(Part.AGREEMENTS)
    if submit_token is not None:
        existing = Referral.objects.filter(submit_token=submit_token, plan=access.plan).first()
        if existing is not None:
            return existing
    if not service.accepts_referrals or service.status != Service.Status.ACTIVE:
        raise ValueError("This service takes no referrals.")
    goals = [g for g in goals or [] if g.plan_id == access.plan.pk] if access.can_view(Part.GOALS) else []
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                plan=access.plan,
                service=service,
                organisation_id=service.organisation_id,
                question=question,
                priority=priority,
                proposed_by=access.user,
                on_behalf=access.acts_on_behalf,
                submit_token=submit_token or uuid.uuid4(),
            )
    except IntegrityError:
        # The same token in a race: the first one made it.
        return Referral.objects.get(submit_token=submit_token, plan=access.plan)
    referral.goals.set(goals)
    _event(referral, access.user, on_behalf=access.acts_on_behalf)
    if not access.speaks_for_owner_fully:
        notify(
            user=access.plan.owner,
            kind=Notification.Kind.REFERRAL_CONSENT,
            plan=access.plan,
            url=plan_url(referral),
        )
    return referral


@transaction.atomic
def referral_consent(
    *,
    referral_access: ReferralAccess,
    version: int,
    parts: list[str],
    until: date | None,
    contact_channel: str,
    no_phone: bool,
    contact_detail: str = "",
) -> Referral:
    """The resident (or a representative for all parts) agrees: the referral is sent, and
    the receiving organisation may see the question and these parts, view only."""
    audit.note_action(AuditEntry.Action.SHARE)
    ra = referral_access
    if not ra.can_consent:
        raise ReferralConflict if ra.referral.status != Referral.Status.AWAITING_CONSENT else Http404
    parts = [Part(p).value for p in parts]
    if Part.CONVERSATIONS in parts:
        # Threads are between their participants; a receiver never reads them through a referral.
        raise ValueError("Conversations are not shared through a referral.")
    now = timezone.now()
    referral = _transition(
        ra.referral,
        version=version,
        status=Referral.Status.REQUESTED,
        user=ra.user,
        consent_parts=parts,
        consent_until=until,
        consented_by=ra.user,
        consented_at=now,
        consent_on_behalf=ra.plan_access.acts_on_behalf,
        contact_channel=contact_channel,
        no_phone=no_phone,
        contact_detail=contact_detail,
        respond_by=working_days_after(timezone.localdate(), response_days()),
    )
    ra.referral = referral
    tell_team(referral, Notification.Kind.REFERRAL_RECEIVED)
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_cancel(*, referral_access: ReferralAccess, version: int, reason: str = "") -> Referral:
    """Stop the referral: the resident withdrawing consent, or who proposed it. From the next
    request on the receiving organisation sees nothing of it any more."""
    audit.note_action(AuditEntry.Action.SHARE)
    ra = referral_access
    if not ra.can_cancel:
        raise ReferralConflict if ra.referral.is_closed else Http404
    was_sent = ra.referral.status != Referral.Status.AWAITING_CONSENT
    # The resident withdrawing consent also ends an extension she gave: the receiver keeps nothing.
    extended = ra.referral.extended and not ra.plan_access.can_manage_sharing
    referral = _transition(
        ra.referral, version=version, status=Referral.Status.CANCELLED, user=ra.user, note=reason, extended=extended
    )
    referral_grants_take_back(referral=referral, by=ra.user)
    if was_sent:
        if referral.assigned_to_id:
            notify(user=referral.assigned_to, kind=Notification.Kind.REFERRAL_CHANGED, url=inbox_url(referral))
        else:
            tell_team(referral, Notification.Kind.REFERRAL_CHANGED)
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_extend(*, referral_access: ReferralAccess) -> Referral:
    """The resident lets the receiver keep the consented parts after the referral closes."""
    audit.note_action(AuditEntry.Action.SHARE)
    ra = referral_access
    if not ra.can_extend:
        raise Http404
    Referral.objects.filter(pk=ra.referral.pk).update(extended=True)
    ra.referral.extended = True
    _event(ra.referral, ra.user, note="extended")
    return ra.referral


# By the receiving organisation ---------------------------------------------------------


@transaction.atomic
def referral_accept(*, referral_access: ReferralAccess, version: int) -> Referral:
    """A professional of the receiving organisation takes the referral on: they become a
    plan member with exactly the consented parts, and an introduction meeting with the
    resident, the referrer and them is proposed as an agreement."""
    audit.note_action(AuditEntry.Action.UPDATE)
    ra = referral_access
    if not ra.can_accept:
        raise ReferralConflict
    referral = _transition(
        ra.referral, version=version, status=Referral.Status.ACCEPTED, user=ra.user, assigned_to=ra.user
    )
    referral_grants_give(referral=referral, user=ra.user)
    Agreement.objects.create(
        plan=referral.plan,
        what=gettext("Introduction meeting with %(service)s (%(organisation)s)")
        % {"service": referral.service.name, "organisation": referral.organisation.name},
        who_kind=Agreement.Who.PROFESSIONAL,
        assignee=ra.user,
        due_date=working_days_after(timezone.localdate(), response_days()),
        support=Agreement.Support.HEAVY,
        created_by=ra.user,
    )
    ra.referral = referral
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_reject(
    *, referral_access: ReferralAccess, version: int, reason: str, suggested_service: Service | None = None
) -> Referral:
    audit.note_action(AuditEntry.Action.UPDATE)
    ra = referral_access
    if not ra.can_reject:
        raise ReferralConflict
    referral = _transition(
        ra.referral,
        version=version,
        status=Referral.Status.REJECTED,
        user=ra.user,
        reason=reason,
        suggested_service=suggested_service,
        note=reason,
    )
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_start(*, referral_access: ReferralAccess, version: int) -> Referral:
    audit.note_action(AuditEntry.Action.UPDATE)
    ra = referral_access
    if not ra.can_start:
        raise ReferralConflict if ra.is_assignee else Http404
    referral = _transition(ra.referral, version=version, status=Referral.Status.IN_PROGRESS, user=ra.user)
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_complete(*, referral_access: ReferralAccess, version: int, outcome: str, note: str = "") -> Referral:
    """Done, with an outcome. The grants the referral gave end (unless the resident extended them)."""
    audit.note_action(AuditEntry.Action.UPDATE)
    ra = referral_access
    if not ra.can_complete:
        raise ReferralConflict if ra.is_assignee else Http404
    Referral.Outcome(outcome)
    referral = _transition(
        ra.referral,
        version=version,
        status=Referral.Status.COMPLETED,
        user=ra.user,
        outcome=outcome,
        outcome_note=note,
        note=note,
    )
    referral_grants_take_back(referral=referral, by=ra.user)
    _tell_plan_side(referral, ra.user)
    return referral


@transaction.atomic
def referral_fail(*, referral_access: ReferralAccess, version: int, reason: str) -> Referral:
    """It could not go ahead (no contact, no longer possible); the grants end as on completion."""
    audit.note_action(AuditEntry.Action.UPDATE)
    ra = referral_access
    if not ra.can_fail:
        raise ReferralConflict if ra.is_assignee else Http404
    referral = _transition(
        ra.referral, version=version, status=Referral.Status.FAILED, user=ra.user, reason=reason, note=reason
    )
    referral_grants_take_back(referral=referral, by=ra.user)
    _tell_plan_side(referral, ra.user)
    return referral
