"""Reads for the wijk team's triage: the queue of questions and one question with its
history. Which questions a user sees is the policy's (`sharing.policy.question_queue_filter`,
`team_question`); every question listed or shown is noted in the audit entry.

The queue costs the same few queries however long it is: the open questions with their
owner and the number of attempts in one, their life domains in one, the recently closed
ones in one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.directory.models import Service
from samenplan.measuring.models import LifeDomain
from samenplan.referrals.services import working_days_after, working_days_between
from samenplan.sharing.policy import CaseAccess, question_queue_filter

from .models import Question, QuestionEvent

# How long a closed question stays in the queue's "Closed lately" list, and how many show.
CLOSED_SHOWN_FOR = timedelta(days=30)
CLOSED_SHOWN_MAX = 50
DEFAULT_RESPONSE_DAYS = 3


class Show:
    """The queue's filter: all open questions, mine, or those nobody has taken on."""

    ALL = "all"
    MINE = "mine"
    FREE = "free"
    CHOICES = (ALL, MINE, FREE)


def response_days() -> int:
    """Working days within which someone of the team should have made contact."""
    return int(getattr(settings, "SAMENPLAN_QUESTION_RESPONSE_DAYS", DEFAULT_RESPONSE_DAYS))


def arrived_on(question: Question) -> date:
    return timezone.localdate(question.created_at)


def contact_by(question: Question) -> date:
    """The last day for a first contact."""
    return working_days_after(arrived_on(question), response_days())


def is_overdue(question: Question, today: date | None = None) -> bool:
    """Open, nobody reached yet, and the time for a first contact has passed."""
    today = today or timezone.localdate()
    return question.closed_at is None and question.first_contact_at is None and contact_by(question) < today


@dataclass
class QueueRow:
    question: Question
    # Working days since it arrived.
    age: int
    overdue: bool
    attempts: int = 0


@dataclass
class Queue:
    rows: list[QueueRow]
    closed: list[Question]
    show: str
    open_count: int
    free_count: int
    mine_count: int

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def _domains():
    return Prefetch("domains", queryset=LifeDomain.objects.order_by("order", "pk"))


def question_queue(*, user: User, show: str = Show.ALL, today: date | None = None) -> Queue:
    """The user's wijk team queue: open questions oldest first (all, mine, or not taken
    on), each with its age in working days and whether contact is overdue, and the
    questions closed in the last 30 days, newest first."""
    today = today or timezone.localdate()
    show = show if show in Show.CHOICES else Show.ALL
    queue = Question.objects.filter(question_queue_filter(user))
    open_questions = list(
        queue.filter(closed_at__isnull=True)
        .select_related("owner")
        .prefetch_related(_domains())
        .annotate(attempts=Count("events", filter=Q(events__kind=QuestionEvent.Kind.ATTEMPT)))
        .defer("text", "address", "outcome_note")
        .order_by("created_at", "id")
    )
    free = [q for q in open_questions if q.owner_id is None]
    mine = [q for q in open_questions if q.owner_id == user.pk]
    shown = {Show.ALL: open_questions, Show.MINE: mine, Show.FREE: free}[show]
    rows = [QueueRow(q, working_days_between(arrived_on(q), today), is_overdue(q, today), q.attempts) for q in shown]
    closed = list(
        queue.filter(closed_at__gte=timezone.now() - CLOSED_SHOWN_FOR)
        .select_related("owner", "service")
        .only(
            "id",
            "reference",
            "name",
            "created_at",
            "closed_at",
            "first_contact_at",
            "outcome",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
            "service__name",
        )
        .order_by("-closed_at", "-id")[:CLOSED_SHOWN_MAX]
    )
    # The list names the people who asked: a read of each question shown.
    audit.note_records("question", sorted([row.question.pk for row in rows] + [q.pk for q in closed]))
    return Queue(
        rows=rows,
        closed=closed,
        show=show,
        open_count=len(open_questions),
        free_count=len(free),
        mine_count=len(mine),
    )


@dataclass
class QuestionDetail:
    access: CaseAccess
    age: int
    overdue: bool
    contact_by: date
    domains: list
    history: list[QuestionEvent]

    @property
    def question(self) -> Question:
        return self.access.case

    @property
    def attempts(self) -> int:
        return sum(1 for event in self.history if event.kind == QuestionEvent.Kind.ATTEMPT)

    @property
    def reached(self) -> bool:
        return any(event.reached for event in self.history if event.kind == QuestionEvent.Kind.ATTEMPT)


def question_detail(*, access: CaseAccess, today: date | None = None) -> QuestionDetail:
    """One question as its wijk team sees it (the policy noted the read): its age, whether
    contact is overdue, its life domains and everything that happened to it."""
    today = today or timezone.localdate()
    question = access.case
    history = list(QuestionEvent.objects.filter(question=question).select_related("by").order_by("at", "id"))
    return QuestionDetail(
        access=access,
        age=working_days_between(arrived_on(question), today),
        overdue=is_overdue(question, today),
        contact_by=contact_by(question),
        domains=list(question.domains.order_by("order", "pk")),
        history=history,
    )


def services_to_refer(*, question: Question) -> list[Service]:
    """Services on the social map a question can be referred to: active ones that serve its
    wijk (or the whole municipality), those one can sign up for oneself first."""
    return list(
        Service.objects.filter(status=Service.Status.ACTIVE)
        .filter(Q(wijken=question.wijk_id) | Q(wijken__isnull=True))
        .select_related("organisation")
        .only("id", "name", "self_referral", "organisation__name")
        .distinct()
        .order_by("-self_referral", "name", "id")
    )
