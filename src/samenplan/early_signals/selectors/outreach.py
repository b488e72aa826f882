"""Reads for the wijk team's outreach on early signals and for the resident's answer.

What a team member may see is the policy's (`signal_queue_filter`, `team_signal`); every
signal a page shows is noted for the audit entry (`note_records`). The queue shows the
signals of one address together, so one team member can reach a household once about
everything its partners reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Service
from samenplan.sharing.policy import (
    CaseAccess,
    PlanAccess,
    accessible_plans,
    sees_plan_signals,
    signal_queue_filter,
)

from ..models import Signal, SignalEvent

# How long a closed signal stays in the queue's "recently closed" list, and how many it shows.
CLOSED_SHOWN_FOR = timedelta(days=30)
CLOSED_SHOWN_MAX = 50

# What the queue shows: every open signal, the user's own, or those nobody took on yet.
SHOW_ALL, SHOW_MINE, SHOW_FREE = "all", "mine", "free"

# The arrears in words, for the sentence the resident reads ("a rent arrears of € 850").
ARREARS_WORDS = {
    Signal.Kind.RENT: _("a rent arrears"),
    Signal.Kind.ENERGY: _("an arrears on the energy bill"),
    Signal.Kind.WATER: _("an arrears on the water bill"),
    Signal.Kind.HEALTH_INSURANCE: _("an arrears on the health insurance premium"),
}

# Only the columns the lists show: no date of birth, no notes.
_ROW_FIELDS = (
    "id",
    "partner__name",
    "name",
    "street",
    "postcode",
    "city",
    "household",
    "kind",
    "amount",
    "months_in_arrears",
    "created_at",
    "status",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "owner_id",
    "closed_at",
    "outcome",
    "first_contact_at",
    "offered_plan_id",
    "plan_id",
)


def days_waiting(moment: datetime, now: datetime | None = None) -> int:
    """Whole days since `moment`, counted in calendar days (0 for today)."""
    now = now or timezone.now()
    return max((timezone.localdate(now) - timezone.localdate(moment)).days, 0)


@dataclass
class SignalRow:
    signal: Signal
    days: int


@dataclass
class Household:
    """The open signals of one address, oldest first."""

    key: str
    rows: list[SignalRow] = field(default_factory=list)

    @property
    def first(self) -> Signal:
        return self.rows[0].signal

    @property
    def oldest(self) -> datetime:
        return self.first.created_at

    @property
    def names(self) -> list[str]:
        """The names the partners used (one household may be reported under several)."""
        seen: list[str] = []
        for row in self.rows:
            if row.signal.name not in seen:
                seen.append(row.signal.name)
        return seen


@dataclass
class Queue:
    households: list[Household]
    closed: list[Signal]
    show: str
    open_count: int

    @property
    def signal_count(self) -> int:
        return sum(len(h.rows) for h in self.households)


def signal_queue(*, user: User, show: str = SHOW_ALL, now: datetime | None = None) -> Queue:
    """The user's wijk team queue in two queries, however long it is: the open signals
    grouped by household (households with the oldest signal first), and those closed
    lately. `show` keeps the households with a signal of the user's own, or with a signal
    nobody took on yet; such a household is still shown whole."""
    now = now or timezone.now()
    queue = Signal.objects.filter(signal_queue_filter(user))
    open_signals = queue.filter(closed_at__isnull=True)
    shown = open_signals
    if show == SHOW_MINE:
        shown = open_signals.filter(household__in=open_signals.filter(owner=user).values("household"))
    elif show == SHOW_FREE:
        shown = open_signals.filter(household__in=open_signals.filter(owner__isnull=True).values("household"))
    rows = shown.select_related("partner", "owner").only(*_ROW_FIELDS).order_by("created_at", "id")
    households: dict[str, Household] = {}
    for signal in rows:
        households.setdefault(signal.household, Household(key=signal.household)).rows.append(
            SignalRow(signal, days_waiting(signal.created_at, now))
        )
    closed = list(
        queue.filter(closed_at__gte=now - CLOSED_SHOWN_FOR)
        .select_related("partner", "owner")
        .only(*_ROW_FIELDS)
        .order_by("-closed_at", "-id")[:CLOSED_SHOWN_MAX]
    )
    ordered = sorted(households.values(), key=lambda h: (h.oldest, h.first.pk))
    audit.note_records("signal", [row.signal.pk for h in ordered for row in h.rows] + [s.pk for s in closed])
    return Queue(
        households=ordered,
        closed=closed,
        show=show,
        open_count=sum(len(h.rows) for h in ordered),
    )


@dataclass
class SignalDetail:
    access: CaseAccess
    days: int
    # The other signals of the same address in the user's queue, open ones first.
    household: list[SignalRow]
    history: list[SignalEvent]
    attempts: int
    # For closing as "referred to debt help": the debt-help services on the social map.
    debt_services: list[Service] = field(default_factory=list)
    # For offering the signal to the resident's plan: the open plans the user is in.
    plans: list[PlanAccess] = field(default_factory=list)

    @property
    def signal(self) -> Signal:
        return self.access.case

    @property
    def free_in_household(self) -> list[Signal]:
        """Open signals of this address nobody took on yet."""
        return [row.signal for row in self.household if row.signal.owner_id is None and row.signal.closed_at is None]


def signal_detail(*, access: CaseAccess, now: datetime | None = None) -> SignalDetail:
    """One signal: the other signals of its household (only those in the user's queue),
    its history, and what the owner needs to act on it."""
    now = now or timezone.now()
    signal = access.case
    # A look at one signal, even though the offer form lists plans (noted as a list).
    audit.note_action(AuditEntry.Action.VIEW)
    others = sorted(
        Signal.objects.filter(signal_queue_filter(access.user), household=signal.household)
        .exclude(pk=signal.pk)
        .select_related("partner", "owner")
        .only(*_ROW_FIELDS),
        key=lambda other: (other.closed_at is not None, other.created_at, other.pk),
    )
    audit.note_records("signal", [other.pk for other in others])
    history = list(signal.events.select_related("by").order_by("at", "id"))
    detail = SignalDetail(
        access=access,
        days=days_waiting(signal.created_at, now),
        household=[SignalRow(other, days_waiting(other.created_at, now)) for other in others],
        history=history,
        attempts=sum(1 for event in history if event.kind == SignalEvent.Kind.ATTEMPT),
    )
    if access.can_act:
        detail.debt_services = debt_services()
        if signal.plan_id is None and signal.offered_plan_id is None:
            detail.plans = plans_to_offer(access=access)
    return detail


def debt_services() -> list[Service]:
    """The debt-help services on the social map that are open now."""
    return list(
        Service.objects.filter(status=Service.Status.ACTIVE, organisation__kind=Organisation.Kind.DEBT)
        .select_related("organisation")
        .only("id", "name", "organisation__name")
        .order_by("name", "id")
    )


def plans_to_offer(*, access: CaseAccess) -> list[PlanAccess]:
    """The open plans the team member is in, the ones of someone with the signal's name
    first: the resident's plan, if she has one, is one of them."""
    name = access.case.name.casefold()
    plans = [a for a in accessible_plans(access.user) if a.is_open and not a.is_owner]
    # The form names the residents of these plans: a list read, like the caseload.
    audit.note_list(plan_ids=[a.plan.pk for a in plans], parts=set())
    return sorted(
        plans, key=lambda a: (a.plan.owner.display_name.casefold() != name, a.plan.owner.display_name, a.plan.pk)
    )


def plan_for_offer(*, access: CaseAccess, plan_id) -> PlanAccess | None:
    """One of `plans_to_offer`, or None."""
    return next((a for a in plans_to_offer(access=access) if str(a.plan.pk) == str(plan_id)), None)


# The resident's side --------------------------------------------------------------------


@dataclass
class PlanSignals:
    # Offered to the plan, waiting for the resident's yes or no.
    offers: list[Signal]
    # Added to the plan by the resident: which partner signalled and when.
    joined: list[Signal]


def _offer_queryset(plan):
    return (
        Signal.objects.filter(offered_plan=plan, plan__isnull=True)
        .select_related("partner", "owner")
        .only(
            "id",
            "partner__name",
            "kind",
            "amount",
            "months_in_arrears",
            "created_at",
            "offered_at",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
            "offered_plan_id",
            "plan_id",
        )
        .order_by("offered_at", "id")
    )


def plan_signals(*, access: PlanAccess) -> PlanSignals:
    """The signals offered to the plan and those in it; only for the resident (or a
    representative for all parts), who decides. A 404 for everyone else."""
    if not sees_plan_signals(access):
        raise Http404
    offers = list(_offer_queryset(access.plan)) if access.is_open else []
    joined = list(
        Signal.objects.filter(plan=access.plan)
        .select_related("partner")
        .only("id", "partner__name", "kind", "amount", "months_in_arrears", "created_at", "joined_at", "plan_id")
        .order_by("-joined_at", "-id")
    )
    audit.note_records("signal", [s.pk for s in offers] + [s.pk for s in joined])
    return PlanSignals(offers=_with_words(offers), joined=_with_words(joined))


def plan_signal_offers(*, access: PlanAccess) -> PlanSignals:
    """For the plan's start page, in one query (none for anyone who does not decide): the
    offers waiting for the resident's answer, and the signals already in the plan (the
    page links to them; it shows nothing of them)."""
    if not sees_plan_signals(access):
        return PlanSignals(offers=[], joined=[])
    waiting = Q(offered_plan=access.plan, plan__isnull=True) if access.is_open else Q(pk__in=[])
    signals = list(
        Signal.objects.filter(waiting | Q(plan=access.plan))
        .select_related("partner")
        .only("id", "partner__name", "kind", "offered_plan_id", "plan_id", "offered_at")
        .order_by("offered_at", "id")
    )
    offers = [s for s in signals if s.plan_id is None]
    audit.note_records("signal", [s.pk for s in offers])
    return PlanSignals(offers=offers, joined=[s for s in signals if s.plan_id is not None])


def _with_words(signals: list[Signal]) -> list[Signal]:
    """Each signal with `arrears` in words, for the sentence the resident reads."""
    for signal in signals:
        signal.arrears = ARREARS_WORDS[signal.kind]
    return signals
