"""Reads of referrals from inside the plan ("Wie helpt mij", one referral, the service to
propose to). Each takes the caller's `PlanAccess` (or `ReferralAccess`) from the policy.
The plain-words state of a referral is worded here, once, for every plan page; the team
queue's reads are in `selectors_inbox.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenplan.directory.models import Service
from samenplan.plans.models import Goal
from samenplan.plans.shell import viewer_owner_name
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, ReferralAccess

from .models import Referral, ReferralEvent
from .services import is_overdue, response_days


def _days_since(moment, today: date) -> int:
    return max((today - timezone.localdate(moment)).days, 0) if moment else 0


def _outcome_words(referral: Referral, owner_name: str | None) -> str:
    Outcome = Referral.Outcome
    if referral.outcome == Outcome.WITHDREW:
        return _("you stopped") if owner_name is None else _("%(name)s stopped") % {"name": owner_name}
    return {
        Outcome.HELPED: _("helped"),
        Outcome.PARTLY: _("partly helped"),
        Outcome.NOT_HELPED: _("not helped"),
    }.get(referral.outcome, "")


def state_words(referral: Referral, *, owner_name: str | None, today: date | None = None) -> str:
    """The referral's state in plain words, to the resident ("you") or about her (by name).
    Needs `service`, `organisation`, `assigned_to` and `suggested_service` loaded."""
    today = today or timezone.localdate()
    Status = Referral.Status
    organisation = referral.organisation.name
    person = referral.assigned_to.display_name if referral.assigned_to_id else ""
    status = referral.status
    if status == Status.AWAITING_CONSENT:
        if owner_name is None:
            return _("Waiting for your consent")
        return _("Waiting for consent from %(name)s") % {"name": owner_name}
    if status == Status.REQUESTED:
        days = _days_since(referral.consented_at or referral.status_changed_at, today)
        if days == 0:
            return _("Sent to %(organisation)s today, waiting for an answer") % {"organisation": organisation}
        return ngettext(
            "Sent to %(organisation)s, waiting for an answer (%(days)s day)",
            "Sent to %(organisation)s, waiting for an answer (%(days)s days)",
            days,
        ) % {"organisation": organisation, "days": days}
    if status == Status.ACCEPTED:
        if owner_name is None:
            text = _("%(organisation)s will help you (%(person)s). First you get to know each other.")
        else:
            text = _("%(organisation)s will help %(name)s (%(person)s). First they get to know each other.")
        return text % {"organisation": organisation, "person": person, "name": owner_name}
    if status == Status.IN_PROGRESS:
        if owner_name is None:
            text = _("%(organisation)s is helping you now (%(person)s)")
        else:
            text = _("%(organisation)s is helping %(name)s now (%(person)s)")
        return text % {"organisation": organisation, "person": person, "name": owner_name}
    if status == Status.COMPLETED:
        return _("Finished: %(outcome)s") % {"outcome": _outcome_words(referral, owner_name)}
    if status == Status.REJECTED:
        reason = referral.reason.strip()
        suggested = referral.suggested_service
        if suggested is not None:
            hint = _("maybe %(service)s (%(organisation)s) can help") % {
                "service": suggested.name,
                "organisation": suggested.organisation.name,
            }
            if reason:
                return _("Not accepted: %(reason)s; %(hint)s") % {"reason": reason, "hint": hint}
            return _("Not accepted; %(hint)s") % {"hint": hint}
        return _("Not accepted: %(reason)s") % {"reason": reason} if reason else _("Not accepted")
    if status == Status.CANCELLED:
        if referral.consented_at is None:
            return _("Stopped before it was sent")
        return _("Stopped. %(organisation)s sees nothing of it any more.") % {"organisation": organisation}
    # FAILED
    reason = referral.reason.strip()
    return _("Could not go ahead: %(reason)s") % {"reason": reason} if reason else _("Could not go ahead")


def _event_words(event: ReferralEvent) -> str:
    Status = Referral.Status
    if event.note == "extended":
        return _("May keep looking after it ends")
    return {
        Status.AWAITING_CONSENT: _("Proposed"),
        Status.REQUESTED: _("Consent given; sent"),
        Status.ACCEPTED: _("Accepted"),
        Status.REJECTED: _("Not accepted"),
        Status.IN_PROGRESS: _("Help started"),
        Status.COMPLETED: _("Finished"),
        Status.CANCELLED: _("Stopped"),
        Status.FAILED: _("Could not go ahead"),
    }[event.status]


def _dress(referral: Referral, owner_name: str | None, today: date) -> Referral:
    referral.state_text = state_words(referral, owner_name=owner_name, today=today)
    referral.overdue = is_overdue(referral, today)
    referral.outcome_text = referral.outcome_note if referral.status == Referral.Status.COMPLETED else ""
    return referral


def _referrals(plan):
    return Referral.objects.filter(plan=plan).select_related(
        "service", "organisation", "assigned_to", "proposed_by", "suggested_service__organisation"
    )


@dataclass
class WhoHelps:
    """The "Wie helpt mij" page: the professionals in the plan and every referral."""

    professionals: list[Membership]
    open_referrals: list[Referral]
    closed_referrals: list[Referral]
    overdue_days: int


def who_helps(*, access: PlanAccess, today: date | None = None) -> WhoHelps:
    """Whoever sees the agreements sees the referrals; the professionals in the plan only
    for who may see the network (who is in the plan is the network part)."""
    access.require(Part.AGREEMENTS)
    today = today or timezone.localdate()
    owner_name = viewer_owner_name(access)
    professionals = []
    if access.can_view(Part.NETWORK):
        access.touched.add(Part.NETWORK)
        professionals = list(
            access.plan.memberships.filter(ended_at__isnull=True, relation=Membership.Relation.PROFESSIONAL)
            .exclude(role=Membership.Role.REPRESENTATIVE)
            .select_related("user", "organisation")
        )
    referrals = [_dress(r, owner_name, today) for r in _referrals(access.plan)]
    return WhoHelps(
        professionals=professionals,
        open_referrals=[r for r in referrals if not r.is_closed],
        closed_referrals=[r for r in referrals if r.is_closed],
        overdue_days=response_days(),
    )


def referral_detail(*, referral_access: ReferralAccess, today: date | None = None) -> Referral:
    """One referral with its goals (for who may see goals) and its history, dressed with
    its state in plain words."""
    ra = referral_access
    access = ra.plan_access
    today = today or timezone.localdate()
    queryset = _referrals(access.plan).prefetch_related(
        Prefetch("events", queryset=ReferralEvent.objects.select_related("by"), to_attr="history")
    )
    if access.can_view(Part.GOALS):
        queryset = queryset.prefetch_related(Prefetch("goals", queryset=Goal.objects.all(), to_attr="goal_list"))
    referral = queryset.get(pk=ra.referral.pk)
    referral.plan = access.plan
    if access.can_view(Part.GOALS):
        if referral.goal_list:
            access.touched.add(Part.GOALS)
    else:
        referral.goal_list = []
    for event in referral.history:
        event.words = _event_words(event)
        event.shown_note = "" if event.note == "extended" else event.note
    ra.referral = referral
    return _dress(referral, viewer_owner_name(access), today)


def service_to_refer_to(service_id) -> Service | None:
    """The service a referral is proposed to, if it takes referrals now; None otherwise."""
    try:
        service_id = int(service_id)
    except (TypeError, ValueError):
        return None
    return (
        Service.objects.select_related("organisation")
        .filter(pk=service_id, accepts_referrals=True, status=Service.Status.ACTIVE)
        .first()
    )


def goals_to_choose(*, access: PlanAccess):
    """The plan's goals a referral may serve, for who may see goals; None for the others."""
    if not access.can_view(Part.GOALS):
        return None
    access.touched.add(Part.GOALS)
    return access.plan.goals.order_by("created_at", "id")
