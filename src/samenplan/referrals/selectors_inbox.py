"""Reads for the receiving organisation: the team queue, one received referral, and the
referral section of a professional's caseload. What each referral shows is the policy's
(`sharing/policy.received_referral`, `referral_inbox_filter`); the list never shows the
question, only who it is for, the service, who sent it and how long it has waited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.directory.models import Service
from samenplan.measuring.selectors import latest_measurements
from samenplan.plans import selectors as plan_selectors
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, ReferralAccess, receives_referrals, referral_inbox_filter

from .models import Referral, ReferralEvent
from .services import is_overdue, working_days_between

# How long a closed referral stays in the team queue's "Closed" list.
CLOSED_SHOWN_FOR = timedelta(days=90)
# A referral from the plan that is not over yet, as its proposer sees it in the caseload.
SENT_OPEN = (Referral.Status.AWAITING_CONSENT, *Referral.OPEN)


def sent_on(referral: Referral) -> date:
    """The day it left the plan (the resident's consent), or was proposed if not yet."""
    return timezone.localdate(referral.consented_at or referral.proposed_at)


@dataclass
class InboxRow:
    referral: Referral
    age: int
    overdue: bool

    @property
    def urgent(self) -> bool:
        return self.referral.priority == Referral.Priority.URGENT


@dataclass
class Inbox:
    new: list[InboxRow]
    mine: list[InboxRow]
    colleagues: list[InboxRow]
    closed: list[Referral]

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.new if row.overdue)


def referral_inbox(*, user: User, today: date | None = None) -> Inbox:
    """The user's team queue in two queries, however many referrals it holds: the open
    ones (new, mine, my colleagues') and those closed in the last 90 days."""
    today = today or timezone.localdate()
    queue = Referral.objects.filter(referral_inbox_filter(user))
    open_referrals = (
        queue.filter(status__in=Referral.OPEN)
        .select_related("plan__owner", "service", "proposed_by__organisation", "assigned_to")
        .defer("question")
    )
    rows = [InboxRow(r, working_days_between(sent_on(r), today), is_overdue(r, today)) for r in open_referrals]
    new = sorted(
        (row for row in rows if row.referral.status == Referral.Status.REQUESTED),
        key=lambda row: (not row.urgent, sent_on(row.referral), row.referral.pk),
    )
    assigned = sorted(
        (row for row in rows if row.referral.status != Referral.Status.REQUESTED),
        key=lambda row: (sent_on(row.referral), row.referral.pk),
    )
    closed = list(
        queue.filter(status__in=Referral.CLOSED, closed_at__gte=timezone.now() - CLOSED_SHOWN_FOR)
        .select_related("service", "suggested_service")
        .only(
            "id",
            "status",
            "outcome",
            "proposed_at",
            "consented_at",
            "closed_at",
            "service__name",
            "suggested_service__name",
        )
        .order_by("-closed_at", "-id")
    )
    # The list names the residents of the open referrals (first name only): a read.
    audit.note_list(plan_ids=sorted({row.referral.plan_id for row in rows}), parts=set())
    return Inbox(
        new=new,
        mine=[row for row in assigned if row.referral.assigned_to_id == user.pk],
        colleagues=[row for row in assigned if row.referral.assigned_to_id != user.pk],
        closed=closed,
    )


@dataclass
class HistoryLine:
    event: ReferralEvent
    # Who did it, as the receiver may know: a name, or "" when that would name the resident
    # after the referral closed.
    who: str
    organisation: str
    # The note, only when the receiving organisation wrote it (a reason, an outcome).
    note: str
    extended: bool = False


@dataclass
class ConsentedParts:
    """The content of each part the resident shared with the referral (None: not shared)."""

    story: object = None
    priorities: list | None = None
    strengths: dict | None = None
    measurements: list | None = None
    goals: list | None = None
    agreements: list | None = None
    evaluations: list | None = None
    members: list | None = None
    # Goal-attainment scores name goals: shown with the evaluations only if goals are shared too.
    scores_shown: bool = False


def consented_parts(*, access: PlanAccess) -> ConsentedParts:
    """Every shared part in full, each read through the plan's own selectors with the
    referral's access (view only, the consented parts only), so each read is recorded."""
    parts = ConsentedParts()
    if access.can_view(Part.STORY):
        parts.story = plan_selectors.story_current(access=access)
    if access.can_view(Part.PRIORITIES):
        parts.priorities = plan_selectors.priority_list(access=access)
    if access.can_view(Part.STRENGTHS):
        parts.strengths = plan_selectors.strength_lists(access=access)
    if access.can_view(Part.ASSESSMENT):
        parts.measurements = latest_measurements(access=access)
    if access.can_view(Part.GOALS):
        parts.goals = plan_selectors.goal_list(access=access)
    if access.can_view(Part.AGREEMENTS):
        parts.agreements = plan_selectors.agreement_list(access=access)
    if access.can_view(Part.EVALUATIONS):
        parts.evaluations = plan_selectors.evaluation_list(access=access)
        parts.scores_shown = access.can_view(Part.GOALS)
    if access.can_view(Part.NETWORK):
        parts.members = plan_selectors.member_list(access=access)
    return parts


@dataclass
class ReceivedReferral:
    access: ReferralAccess
    age: int
    overdue: bool
    history: list[HistoryLine]
    goals: list = field(default_factory=list)
    # The consented parts, read-only; None once the referral is closed.
    parts: ConsentedParts | None = None

    @property
    def referral(self) -> Referral:
        return self.access.referral

    @property
    def plan_access(self) -> PlanAccess:
        return self.access.plan_access

    @property
    def conversations_consented(self) -> bool:
        return Part.CONVERSATIONS.value in self.referral.consent_parts


def _history(ra: ReferralAccess) -> list[HistoryLine]:
    referral = ra.referral
    owner_id = referral.plan.owner_id
    events = ReferralEvent.objects.filter(referral=referral).select_related("by__organisation")
    lines = []
    for event in events:
        by = event.by
        if by is None:
            who, organisation = "", ""
        elif by.pk == owner_id:
            who, organisation = (by.first_name if ra.sees_question else ""), ""
        else:
            who, organisation = by.display_name, by.organisation.name if by.organisation_id else ""
        ours = by is not None and by.organisation_id == referral.organisation_id
        extended = event.note == "extended"  # `referral_extend`'s marker, not a text
        lines.append(
            HistoryLine(
                event=event,
                who=who,
                organisation=organisation,
                note=event.note if ours and not extended else "",
                extended=extended,
            )
        )
    return lines


def received_referral_detail(*, referral_access: ReferralAccess, today: date | None = None) -> ReceivedReferral:
    """One referral in the team queue: while open the question, the goals it serves (if
    the goals were shared) and the consented parts, each read through the selectors with
    the referral's access, so the audit entry names the parts read; once closed only its
    state and outcome."""
    ra = referral_access
    today = today or timezone.localdate()
    referral = ra.referral
    detail = ReceivedReferral(
        access=ra,
        age=working_days_between(sent_on(referral), today),
        overdue=is_overdue(referral, today),
        history=_history(ra),
    )
    if not ra.sees_question:
        return detail
    access = ra.plan_access
    if access.can_view(Part.GOALS):
        access.require(Part.GOALS)
        detail.goals = list(referral.goals.order_by("pk"))
    detail.parts = consented_parts(access=access)
    return detail


def services_to_suggest(*, referral: Referral) -> list[Service]:
    """Services a rejecting organisation may point to instead: open, taking referrals."""
    return list(
        Service.objects.filter(status=Service.Status.ACTIVE, accepts_referrals=True)
        .exclude(pk=referral.service_id)
        .select_related("organisation")
        .only("id", "name", "organisation__name")
        .order_by("name", "id")
    )


@dataclass
class CaseloadReferrals:
    """The caseload's referral section: open referrals I sent and my team's queue."""

    sent: list[InboxRow]
    receives: bool = False
    received_open: int = 0
    received_new: int = 0
    received_overdue: int = 0

    @property
    def any(self) -> bool:
        return bool(self.sent or self.received_open)


def caseload_referrals(*, user: User, accesses: list[PlanAccess], today: date | None = None) -> CaseloadReferrals:
    """In one query, whatever the number of referrals: the open referrals this user
    proposed, in plans where they still see referrals, and the counts of their team queue."""
    today = today or timezone.localdate()
    plan_ids = [a.plan.pk for a in accesses if a.sees_referrals]
    mine = Q(proposed_by=user, status__in=SENT_OPEN, plan_id__in=plan_ids)
    receives = receives_referrals(user)
    wanted = mine | (referral_inbox_filter(user) & Q(status__in=Referral.OPEN)) if receives else mine
    if not plan_ids and not receives:
        return CaseloadReferrals(sent=[])
    referrals = (
        Referral.objects.filter(wanted)
        .select_related("plan__owner", "service", "organisation")
        .only(
            "id",
            "plan_id",
            "plan__owner__first_name",
            "plan__owner__last_name",
            "plan__owner__username",
            "service__name",
            "organisation__name",
            "organisation_id",
            "proposed_by_id",
            "status",
            "priority",
            "proposed_at",
            "consented_at",
            "respond_by",
        )
        .order_by("proposed_at", "id")
    )
    result = CaseloadReferrals(sent=[], receives=receives)
    for referral in referrals:
        if referral.proposed_by_id == user.pk and referral.plan_id in plan_ids and referral.status in SENT_OPEN:
            age = working_days_between(sent_on(referral), today)
            result.sent.append(InboxRow(referral, age, is_overdue(referral, today)))
        if receives and referral.organisation_id == user.organisation_id and referral.status in Referral.OPEN:
            result.received_open += 1
            if referral.status == Referral.Status.REQUESTED:
                result.received_new += 1
                result.received_overdue += is_overdue(referral, today)
    return result
