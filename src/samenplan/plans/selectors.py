"""Reads of plan data. Each selector takes the caller's `PlanAccess` and asks it for the
part it reads, so a view cannot show a part the policy did not allow."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta

from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.conferences.models import Conference
from samenplan.measuring.selectors import latest_measurements
from samenplan.notifications.models import Notification
from samenplan.sharing.models import EmergencyAccess, Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, accessible_plans
from samenplan.sharing.selectors import active_emergencies

from .models import Agreement, Evaluation, Goal, Plan, Priority, StoryVersion, Strength

# Evaluations this close (or overdue) show on the caseload as "due".
DUE_WINDOW = timedelta(days=14)
# A case conference's evaluation date this close (or past) shows on the coordinator's caseload.
FOLLOW_UP_WINDOW = timedelta(days=7)


def own_plan_id(*, user: User) -> int | None:
    """The resident's own plan: the open one, or else the latest closed one."""
    plans = Plan.objects.filter(owner=user)
    return (
        plans.exclude(status=Plan.Status.CLOSED).values_list("pk", flat=True).first()
        or plans.order_by("-created_at").values_list("pk", flat=True).first()
    )


def story_current(*, access: PlanAccess) -> StoryVersion | None:
    access.require(Part.STORY)
    return access.plan.story_versions.select_related("written_by").first()


def story_writer_role(*, access: PlanAccess, story: StoryVersion | None) -> str:
    """The role in this plan ("coordinator") of whoever wrote the story down, when that was
    not the resident: such a story is marked as theirs until the resident confirms it."""
    if story is None or story.written_by_id == access.plan.owner_id:
        return ""
    role = (
        Membership.objects.filter(plan=access.plan, user_id=story.written_by_id)
        .order_by("-added_at")
        .values_list("role", flat=True)
        .first()
    )
    return str(Membership.Role(role).label).lower() if role else ""


def story_history(*, access: PlanAccess) -> list[StoryVersion]:
    """All versions, newest first. Only the owner reads earlier versions: a resident may have
    rewritten a passage on purpose and that choice is theirs."""
    access.require(Part.STORY)
    if not access.is_owner:
        return []
    return list(access.plan.story_versions.select_related("written_by"))


def priority_list(*, access: PlanAccess) -> list[Priority]:
    access.require(Part.PRIORITIES)
    return list(access.plan.priorities.select_related("domain"))


def strength_lists(*, access: PlanAccess) -> dict[str, list[Strength]]:
    access.require(Part.STRENGTHS)
    lists: dict[str, list[Strength]] = {Strength.Kind.SELF: [], Strength.Kind.NETWORK: []}
    for strength in access.plan.strengths.all():
        lists[strength.kind].append(strength)
    return lists


def goal_list(*, access: PlanAccess) -> list[Goal]:
    access.require(Part.GOALS)
    return list(access.plan.goals.select_related("domain", "created_by"))


def goal_get(*, access: PlanAccess, goal_id: int) -> Goal:
    access.require(Part.GOALS)
    return _get_or_404(access.plan.goals.select_related("domain"), goal_id)


def visible_agreements(*, access: PlanAccess):
    """The agreements this user sees, not yet read: all of them for those who may see the
    part, otherwise only the member's own. The caller notes the part once rows come back."""
    agreements = access.plan.agreements.all()
    return agreements if access.can_view(Part.AGREEMENTS) else agreements.filter(assignee=access.user)


def agreement_list(*, access: PlanAccess, or_404: bool = False) -> list[Agreement]:
    """All agreements for those who may see the part; otherwise only the member's own.
    `or_404`: someone with neither gets 404 (the agreements page)."""
    agreements = visible_agreements(access=access).select_related("goal", "assignee", "created_by")
    if access.can_view(Part.AGREEMENTS):
        access.touched.add(Part.AGREEMENTS)
        return list(agreements)
    own = list(agreements)
    if own:
        access.touched.add(Part.AGREEMENTS)
    elif or_404:
        access.require(Part.AGREEMENTS)
    return own


def agreement_get(*, access: PlanAccess, agreement_id: int, to_update: bool = False) -> Agreement:
    """One agreement this user may see (`to_update`: and may change)."""
    agreement = _get_or_404(access.plan.agreements.select_related("goal", "assignee"), agreement_id)
    if not access.sees_agreement(agreement) or (to_update and not access.can_update_agreement(agreement)):
        raise Http404
    access.touched.add(Part.AGREEMENTS)
    return agreement


def evaluation_list(*, access: PlanAccess) -> list[Evaluation]:
    access.require(Part.EVALUATIONS)
    return list(
        access.plan.evaluations.select_related("held_by").prefetch_related("scores__goal").order_by("-scheduled_for")
    )


def evaluation_get(*, access: PlanAccess, evaluation_id: int) -> Evaluation:
    access.require(Part.EVALUATIONS)
    return _get_or_404(access.plan.evaluations.select_related("held_by"), evaluation_id)


def evaluation_upcoming(*, access: PlanAccess) -> Evaluation | None:
    """The first evaluation planned and not held yet, if any."""
    access.require(Part.EVALUATIONS)
    return access.plan.evaluations.filter(held_at__isnull=True).order_by("scheduled_for", "id").first()


def evaluation_scores(*, access: PlanAccess, evaluation: Evaluation) -> list:
    """The goal-attainment scores of an evaluation, with their goals' texts."""
    access.require(Part.EVALUATIONS)
    access.require(Part.GOALS)
    return list(evaluation.scores.select_related("goal"))


def member_list(*, access: PlanAccess) -> list[Membership]:
    """The people in the plan's network (the map)."""
    access.require(Part.NETWORK)
    return list(access.plan.memberships.filter(ended_at__isnull=True).select_related("user", "organisation"))


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class PlanOverview:
    """Everything a plan page shows, each part only when the policy allows it. In a
    summary (the plan's start page) long lists are cut to their first few items, with the
    totals; the print view and "view as" get everything."""

    access: PlanAccess
    summary: bool = False
    story: StoryVersion | None = None
    priorities: list | None = None
    strengths: dict | None = None
    latest_measurements: list | None = None
    goals: list | None = None
    goals_total: int = 0
    agreements: list | None = None
    agreement_counts: dict = field(default_factory=dict)
    evaluations: list | None = None
    members: list | None = None
    members_total: int = 0
    emergencies: list | None = None

    @property
    def next_evaluation(self) -> Evaluation | None:
        upcoming = [e for e in self.evaluations or [] if e.held_at is None]
        return min(upcoming, key=lambda e: e.scheduled_for) if upcoming else None

    @property
    def open_agreements(self) -> list[Agreement]:
        return [a for a in self.agreements or [] if a.status in Agreement.OPEN_STATUSES]


# How many goals and agreements the plan's start page lists before "see all".
SUMMARY_ITEMS = 3

# The start page is the most visited page: it reads only the columns it shows, as plain
# values, and builds light objects for the template (the ORM would cost more than the SQL).
GOAL_COLUMNS = ("id", "text", "status", "target_date")
AGREEMENT_COLUMNS = ("id", "what", "who_kind", "who_name", "due_date", "status", "support")


def _goal_summary(access: PlanAccess) -> tuple[list[Goal], int]:
    """The goals still being worked on first, and the number of all goals."""
    access.require(Part.GOALS)
    rows = list(access.plan.goals.values_list(*GOAL_COLUMNS))
    done = {Goal.Status.REACHED, Goal.Status.STOPPED}
    rows.sort(key=lambda row: (row[2] in done, row[0]))
    return [Goal(**dict(zip(GOAL_COLUMNS, row, strict=True))) for row in rows[:SUMMARY_ITEMS]], len(rows)


def _agreement_summary(access: PlanAccess) -> tuple[list[Agreement], dict]:
    """The open agreements that are due first, and counts over all of them."""
    agreements = access.plan.agreements
    if not access.can_view(Part.AGREEMENTS):
        agreements = agreements.filter(assignee=access.user)
    rows = list(agreements.values_list(*AGREEMENT_COLUMNS))
    if rows:
        access.touched.add(Part.AGREEMENTS)
    due, status, support = (AGREEMENT_COLUMNS.index(name) for name in ("due_date", "status", "support"))
    today = timezone.localdate()
    open_rows = sorted(
        (row for row in rows if row[status] in Agreement.OPEN_STATUSES),
        key=lambda row: (row[due] is None, row[due] or date.max, row[0]),
    )
    light = sum(1 for row in rows if row[support] == Agreement.Support.LIGHT)
    counts = {
        "total": len(rows),
        "open": len(open_rows),
        "overdue": sum(1 for row in open_rows if row[due] is not None and row[due] < today),
        "light": light,
        "heavy": len(rows) - light,
    }
    shown = [Agreement(**dict(zip(AGREEMENT_COLUMNS, row, strict=True))) for row in open_rows[:SUMMARY_ITEMS]]
    return shown, counts


def plan_overview(*, access: PlanAccess, summary: bool = False) -> PlanOverview:
    """Load the visible parts of a plan in a fixed number of queries, however big it is.
    The summary (the plan's start page) reads the story, the first goals and open
    agreements, the next evaluation and whether emergency access is open, and links to
    the other parts."""
    overview = PlanOverview(access=access, summary=summary)
    if summary:
        _fill_summary(access, overview)
    else:
        _fill_everything(access, overview)
    return overview


def _fill_summary(access: PlanAccess, overview: PlanOverview) -> None:
    facts = _plan_facts(access)
    if facts.get("story_number"):
        overview.story = StoryVersion(
            number=facts["story_number"], text=facts["story_text"], confirmed_at=facts["story_confirmed_at"]
        )
    if "next_evaluation" in facts:
        day = facts["next_evaluation"]
        overview.evaluations = [Evaluation(scheduled_for=day)] if day else []
    if access.can_view(Part.GOALS):
        overview.goals, overview.goals_total = _goal_summary(access)
    overview.agreements, overview.agreement_counts = _agreement_summary(access)
    overview.emergencies = active_emergencies(access=access) if facts.get("emergency") else []


def _plan_facts(access: PlanAccess) -> dict:
    """The latest story, the next evaluation and whether an emergency access is open, as
    far as the user may see them, in one query. Plain SQL: the ORM takes longer to build
    this query than the database takes to answer it, on the most visited page."""
    story = access.can_view(Part.STORY)
    evaluations = access.can_view(Part.EVALUATIONS)
    emergency = access.watches_emergencies
    if story:
        access.require(Part.STORY)
    if evaluations:
        access.require(Part.EVALUATIONS)
    if not (story or evaluations or emergency):
        return {}
    tables = {
        "story": StoryVersion._meta.db_table,
        "evaluation": Evaluation._meta.db_table,
        "emergency": EmergencyAccess._meta.db_table,
        "membership": EmergencyAccess._meta.get_field("membership").related_model._meta.db_table,
    }
    sql = f"""
        SELECT s.number, s.text, s.confirmed_at,
               (SELECT MIN(e.scheduled_for) FROM {tables["evaluation"]} e
                 WHERE e.plan_id = %(plan)s AND e.held_at IS NULL) AS next_evaluation,
               EXISTS (SELECT 1 FROM {tables["emergency"]} x JOIN {tables["membership"]} m ON m.id = x.membership_id
                        WHERE m.plan_id = %(plan)s AND x.ended_at IS NULL AND x.ends_at > %(now)s) AS emergency
          FROM (SELECT 1) AS one
          LEFT JOIN (SELECT number, text, confirmed_at FROM {tables["story"]}
                      WHERE plan_id = %(plan)s ORDER BY number DESC LIMIT 1) s ON 1 = 1
    """  # noqa: S608 (table names from the models, values as parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"plan": access.plan.pk, "now": timezone.now()})
        number, text, confirmed_at, next_evaluation, open_emergency = cursor.fetchone()
    facts: dict = {}
    if story and number is not None:
        if isinstance(confirmed_at, str):  # SQLite hands back text, in UTC
            confirmed_at = parse_datetime(confirmed_at).replace(tzinfo=UTC)
        facts |= {"story_number": number, "story_text": text, "story_confirmed_at": confirmed_at}
    if evaluations:
        facts["next_evaluation"] = parse_date(next_evaluation) if isinstance(next_evaluation, str) else next_evaluation
    if emergency:
        facts["emergency"] = bool(open_emergency)
    return facts


def _fill_everything(access: PlanAccess, overview: PlanOverview) -> None:
    if access.can_view(Part.STORY):
        overview.story = story_current(access=access)
    if access.can_view(Part.PRIORITIES):
        overview.priorities = priority_list(access=access)
    if access.can_view(Part.STRENGTHS):
        overview.strengths = strength_lists(access=access)
    if access.can_view(Part.ASSESSMENT):
        overview.latest_measurements = latest_measurements(access=access)
    if access.can_view(Part.GOALS):
        overview.goals = goal_list(access=access)
        overview.goals_total = len(overview.goals)
    overview.agreements = agreement_list(access=access)
    light = sum(1 for a in overview.agreements if a.support == Agreement.Support.LIGHT)
    overview.agreement_counts = {
        "total": len(overview.agreements),
        "open": len(overview.open_agreements),
        "light": light,
        "heavy": len(overview.agreements) - light,
    }
    if access.can_view(Part.EVALUATIONS):
        access.require(Part.EVALUATIONS)
        overview.evaluations = list(access.plan.evaluations.all())
    if access.can_view(Part.NETWORK):
        overview.members = member_list(access=access)
        overview.members_total = len(overview.members)
    overview.emergencies = active_emergencies(access=access)


@dataclass
class CaseloadRow:
    access: PlanAccess
    next_evaluation: date | None
    overdue_count: int | None
    # Flags, each only from what this user may see (None: not theirs to know).
    unread_messages: int = 0
    story_unconfirmed: bool = False
    no_evaluation: bool = False

    @property
    def name(self) -> str:
        return self.access.plan.owner.display_name

    @property
    def has_flags(self) -> bool:
        return bool(self.unread_messages or self.story_unconfirmed or self.no_evaluation or self.overdue_count)


@dataclass
class CaseloadFilter:
    """What the caseload's search form asks: words in the resident's name, my role, the
    neighbourhood, the stage, and the order."""

    q: str = ""
    role: str = ""
    wijk: int | None = None
    stage: str = ""
    sort: str = "name"

    @property
    def active(self) -> bool:
        return bool(self.q or self.role or self.wijk or self.stage)


CASELOAD_SORTS = ("name", "evaluation", "overdue", "started")


@dataclass
class Caseload:
    rows: list[CaseloadRow]
    due_evaluations: list[Evaluation]
    overdue_agreements: list[Agreement]
    closed_rows: list[CaseloadRow] = field(default_factory=list)
    # All open plans before filtering, and the neighbourhoods to filter on.
    total: int = 0
    wijken: list = field(default_factory=list)
    # Every plan the user is in, before filtering (for sections that are not filtered).
    accesses: list[PlanAccess] = field(default_factory=list)
    # Decisions of case conferences past their date, for whom they were given to and the
    # plan's coordinator; conferences whose evaluation date is near, for the coordinator.
    overdue_decisions: list[OverdueDecision] = field(default_factory=list)
    follow_ups: list[Conference] = field(default_factory=list)


@dataclass
class OverdueDecision:
    agreement: Agreement
    conference_id: int
    # The coordinator goes to the conference; whoever it was given to, to the agreement.
    coordinates: bool


# Unread message notifications point into a thread of a plan: /plans/<id>/...
_PLAN_URL = re.compile(r"^/plans/(\d+)/")


def _unread_messages(user: User, plan_ids: set[int]) -> dict[int, int]:
    """Per plan, the message notifications this user has not opened yet. They were only sent
    to readers of the thread, so they count only the threads this user is in."""
    counts: dict[int, int] = {}
    if not plan_ids:
        return counts
    urls = Notification.objects.filter(
        user=user, kind=Notification.Kind.MESSAGE, read_at__isnull=True, url__startswith="/plans/"
    ).values_list("url", flat=True)
    for url in urls:
        match = _PLAN_URL.match(url)
        if match and int(match.group(1)) in plan_ids:
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    return counts


def _unconfirmed_stories(plan_ids: list[int]) -> set[int]:
    """Plans whose latest story version the resident has not confirmed yet."""
    if not plan_ids:
        return set()
    latest = StoryVersion.objects.filter(plan=OuterRef("pk")).order_by("-number")
    return set(
        Plan.objects.filter(pk__in=plan_ids)
        .annotate(has_story=Exists(latest), confirmed=Subquery(latest.values("confirmed_at")[:1]))
        .filter(has_story=True, confirmed__isnull=True)
        .values_list("pk", flat=True)
    )


def _sort_key(sort: str):
    if sort == "evaluation":
        return lambda row: (row.next_evaluation is None, row.next_evaluation or date.max, row.name.lower())
    if sort == "overdue":
        return lambda row: (-(row.overdue_count or 0), row.name.lower())
    if sort == "started":
        return lambda row: (-row.access.plan.created_at.timestamp(), row.name.lower())
    return lambda row: (not row.access.is_coordinator, row.name.lower())


def caseload(*, user: User, filters: CaseloadFilter | None = None) -> Caseload:
    """A professional's (or network member's) start page: their plans with flags, evaluations
    due soon and overdue agreements, only from parts they may see, in a fixed number of
    queries. Closed plans are listed apart and never count as overdue or due."""
    filters = filters or CaseloadFilter()
    accesses = [a for a in accessible_plans(user) if not a.is_owner]
    wijken = sorted({a.plan.wijk for a in accesses}, key=lambda wijk: wijk.name)
    open_accesses = [a for a in accesses if a.is_open]
    total = len(open_accesses)
    words = filters.q.lower().split()
    shown_accesses = [
        a
        for a in accesses
        if all(word in a.plan.owner.display_name.lower() for word in words)
        and (not filters.role or a.membership.role == filters.role)
        and (not filters.wijk or a.plan.wijk_id == filters.wijk)
        and (not filters.stage or a.plan.status == filters.stage or not a.is_open)
    ]
    open_ids = {a.plan.pk for a in shown_accesses if a.is_open}
    sees_evaluations = [a.plan.pk for a in shown_accesses if a.can_view(Part.EVALUATIONS)]
    sees_agreements = [a.plan.pk for a in shown_accesses if a.can_view(Part.AGREEMENTS)]
    sees_story = [a.plan.pk for a in shown_accesses if a.can_view(Part.STORY) and a.plan.pk in open_ids]
    sees_messages = {a.plan.pk for a in shown_accesses if a.can_view(Part.CONVERSATIONS) and a.plan.pk in open_ids}
    today = timezone.localdate()

    next_evaluations = dict(
        Evaluation.objects.filter(plan_id__in=sees_evaluations, held_at__isnull=True)
        .values("plan_id")
        .annotate(first=Min("scheduled_for"))
        .values_list("plan_id", "first")
    )
    overdue_filter = Q(status__in=Agreement.OPEN_STATUSES, due_date__lt=today)
    open_sees_agreements = [pk for pk in sees_agreements if pk in open_ids]
    overdue_counts = dict(
        Agreement.objects.filter(overdue_filter, plan_id__in=open_sees_agreements)
        .values("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    )
    unconfirmed = _unconfirmed_stories(sees_story)
    unread = _unread_messages(user, sees_messages)

    def row(a: PlanAccess) -> CaseloadRow:
        pk, is_open = a.plan.pk, a.plan.pk in open_ids
        return CaseloadRow(
            access=a,
            next_evaluation=next_evaluations.get(pk) if is_open else None,
            overdue_count=(overdue_counts.get(pk, 0) if pk in sees_agreements else None) if is_open else None,
            unread_messages=unread.get(pk, 0),
            story_unconfirmed=pk in unconfirmed,
            no_evaluation=is_open and pk in sees_evaluations and pk not in next_evaluations,
        )

    rows = [row(a) for a in shown_accesses if a.plan.pk in open_ids]
    rows.sort(key=_sort_key(filters.sort if filters.sort in CASELOAD_SORTS else "name"))
    closed_rows = sorted((row(a) for a in shown_accesses if a.plan.pk not in open_ids), key=lambda r: r.name.lower())
    open_evaluations = [pk for pk in sees_evaluations if pk in open_ids]
    due_evaluations = list(
        Evaluation.objects.filter(
            plan_id__in=open_evaluations, held_at__isnull=True, scheduled_for__lte=today + DUE_WINDOW
        )
        .select_related("plan__owner")
        .order_by("scheduled_for")
    )
    coordinated = {a.plan.pk for a in shown_accesses if a.is_coordinator and a.plan.pk in open_ids}
    # Overdue agreements of open plans whose agreements one sees, plus one's own anywhere open,
    # plus the case conference decisions of the plans one coordinates: one query.
    overdue_rows = (
        Agreement.objects.filter(overdue_filter)
        .filter(
            Q(plan_id__in=open_sees_agreements)
            | Q(plan_id__in=open_ids, assignee=user)
            | Q(plan_id__in=coordinated, conference_decision__isnull=False)
        )
        .select_related("plan__owner", "conference_decision")
        .order_by("due_date")
    )
    overdue, overdue_decisions = [], []
    sees_agreement_ids = set(open_sees_agreements)
    for agreement in overdue_rows:
        # None when the agreement was not a conference's decision.
        decision = getattr(agreement, "conference_decision", None)
        coordinates = agreement.plan_id in coordinated
        if decision is not None and (coordinates or agreement.assignee_id == user.pk):
            overdue_decisions.append(
                OverdueDecision(agreement=agreement, conference_id=decision.conference_id, coordinates=coordinates)
            )
        elif agreement.plan_id in sees_agreement_ids or agreement.assignee_id == user.pk:
            overdue.append(agreement)
    follow_ups = []
    if coordinated:
        follow_ups = list(
            Conference.objects.filter(
                plan_id__in=coordinated,
                status__in=[Conference.Status.PLANNED, Conference.Status.CLOSED],
                follow_up_on__lte=today + FOLLOW_UP_WINDOW,
            )
            .select_related("plan__owner")
            .order_by("follow_up_on", "pk")
        )
        audit.note_records("conference", [conference.pk for conference in follow_ups])
    shown = set()
    if sees_evaluations:
        shown.add(Part.EVALUATIONS.value)
    if sees_agreements or overdue or overdue_decisions:
        shown.add(Part.AGREEMENTS.value)
    if sees_story:
        shown.add(Part.STORY.value)
    if unread:
        shown.add(Part.CONVERSATIONS.value)
    audit.note_list(plan_ids=[a.plan.pk for a in shown_accesses], parts=shown)
    return Caseload(
        rows=rows,
        due_evaluations=due_evaluations,
        overdue_agreements=overdue,
        closed_rows=closed_rows,
        total=total,
        wijken=wijken,
        accesses=accesses,
        overdue_decisions=overdue_decisions,
        follow_ups=follow_ups,
    )


def handover_candidates(*, access: PlanAccess) -> list[Membership]:
    """Professionals already in the plan to whom the coordinator may hand the role. Their
    names are part of the network, so only for who may see it."""
    access.require(Part.NETWORK)
    return [
        m
        for m in access.plan.memberships.filter(
            ended_at__isnull=True, role=Membership.Role.PROFESSIONAL, user__role=User.Role.PROFESSIONAL
        )
        .exclude(user=access.user)
        .select_related("user", "organisation")
        if m.user.is_active
    ]
