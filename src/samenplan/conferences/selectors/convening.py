"""Reads for convening: the plan's list of conferences, the professionals who may be
invited, the resident's choices on the consent page, and one's own list of conferences.
Each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.plans.models import Plan
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import (
    ConferenceAccess,
    PlanAccess,
    accessible_plans,
    joined_conference_filter,
    may_join_conferences,
    plan_conference_filter,
)

from ..models import NETWORK_ROLES, BreakthroughRequest, Conference, Participant

# A conference that looks back within this many days shows "Terugkijken" to its coordinator.
LOOK_BACK_DAYS = 7


@dataclass
class ProfessionalGroup:
    legend: str
    people: list[User] = field(default_factory=list)


def invitable_professionals(*, plan: Plan, exclude_ids: set[int]) -> list[ProfessionalGroup]:
    """Active professionals of any organisation, grouped by organisation; the plan's own
    professionals first ("Al in het plan"). The coordinator and `exclude_ids` are left out."""
    members = dict(
        Membership.objects.filter(plan=plan, ended_at__isnull=True, user__isnull=False).values_list("user_id", "role")
    )
    exclude = set(exclude_ids) | {uid for uid, role in members.items() if role == Membership.Role.COORDINATOR}
    people = (
        User.objects.filter(role=User.Role.PROFESSIONAL, is_active=True, organisation__isnull=False)
        .exclude(pk__in=exclude)
        .select_related("organisation")
        .order_by("organisation__name", "first_name", "last_name", "pk")
    )
    in_plan = ProfessionalGroup(legend=str(_("Already in the plan")))
    groups: dict[int, ProfessionalGroup] = {}
    for person in people:
        if not may_join_conferences(person):
            continue
        if person.pk in members:
            in_plan.people.append(person)
        else:
            groups.setdefault(person.organisation_id, ProfessionalGroup(legend=person.organisation.name)).people.append(
                person
            )
    return ([in_plan] if in_plan.people else []) + list(groups.values())


@dataclass
class ConferenceRow:
    conference: Conference
    decision_count: int = 0
    breakthrough_status: str = ""

    @property
    def breakthrough_label(self) -> str:
        if not self.breakthrough_status:
            return ""
        return str(BreakthroughRequest.Status(self.breakthrough_status).label)

    @property
    def stuck_first_line(self) -> str:
        return self.conference.stuck.strip().splitlines()[0] if self.conference.stuck.strip() else ""


def _sorted_open_first(conferences):
    """Open ones first, the next one on top; then the rest, the latest on top."""
    open_ = sorted((c for c in conferences if c.is_open), key=lambda c: (c.meets_at, c.pk))
    done = sorted((c for c in conferences if not c.is_open), key=lambda c: (c.meets_at, c.pk), reverse=True)
    return open_ + done


def plan_conference_list(*, access: PlanAccess) -> list[ConferenceRow]:
    """The plan's conferences for its page: status, when, where, decisions, breakthrough."""
    latest_breakthrough = BreakthroughRequest.objects.filter(conference=OuterRef("pk")).order_by("-filed_at", "-pk")
    conferences = list(
        Conference.objects.filter(plan_conference_filter(access)).annotate(
            decision_count=Count("decisions", distinct=True),
            breakthrough_status=Subquery(latest_breakthrough.values("status")[:1]),
        )
    )
    for conference in conferences:
        conference.plan = access.plan
    return [
        ConferenceRow(conference=c, decision_count=c.decision_count, breakthrough_status=c.breakthrough_status or "")
        for c in _sorted_open_first(conferences)
    ]


@dataclass
class ConsentChoices:
    professionals: list[Participant]
    network: list[Membership]
    chosen_network_ids: set[int]


def consent_choices(*, ca: ConferenceAccess) -> ConsentChoices:
    """Who the resident may let join: the proposed professionals and her network members."""
    conference = ca.conference
    participants = list(conference.participants.filter(removed_at__isnull=True).select_related("organisation", "user"))
    network = list(
        Membership.objects.filter(plan=conference.plan, ended_at__isnull=True, role__in=NETWORK_ROLES)
        .select_related("user")
        .order_by("added_at", "pk")
    )
    return ConsentChoices(
        professionals=[p for p in participants if p.kind == Participant.Kind.PROFESSIONAL],
        network=network,
        chosen_network_ids={p.membership_id for p in participants if p.kind == Participant.Kind.NETWORK},
    )


def participants_present(*, ca: ConferenceAccess) -> list[Participant]:
    return list(ca.conference.participants.filter(removed_at__isnull=True).select_related("organisation", "user"))


@dataclass
class MyConference:
    conference: Conference
    # The user coordinates this plan (and so runs the conference).
    runs: bool

    @property
    def look_back(self) -> bool:
        """Time to look back on the decisions: within a week, or already past."""
        follow_up = self.conference.follow_up_on
        return (
            self.runs
            and follow_up is not None
            and self.conference.status in (Conference.Status.PLANNED, Conference.Status.CLOSED)
            and follow_up <= timezone.localdate() + timedelta(days=LOOK_BACK_DAYS)
        )

    @property
    def upcoming(self) -> bool:
        return self.conference.is_open and self.conference.meets_at >= timezone.now()


def my_conferences(*, user: User) -> list[MyConference]:
    """The conferences of plans the user coordinates and those they were approved to join:
    upcoming first (the next on top), then the rest (the latest on top)."""
    coordinated = {access.plan.pk for access in accessible_plans(user) if access.is_coordinator}
    joined = Conference.objects.filter(joined_conference_filter(user)).values("pk")
    conferences = list(
        Conference.objects.filter(Q(plan_id__in=coordinated) | Q(pk__in=joined)).select_related("plan__owner")
    )
    rows = [MyConference(conference=c, runs=c.plan_id in coordinated) for c in conferences]
    upcoming = sorted((r for r in rows if r.upcoming), key=lambda r: (r.conference.meets_at, r.conference.pk))
    rest = sorted(
        (r for r in rows if not r.upcoming), key=lambda r: (r.conference.meets_at, r.conference.pk), reverse=True
    )
    return upcoming + rest
