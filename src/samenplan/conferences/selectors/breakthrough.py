"""Breakthrough requests: the names to scrub from the anonymous copy, and the breakthrough
officer's queue. The officer reads requests, never a plan."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.plans.models import Plan
from samenplan.referrals.services import working_days_between
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import breakthrough_queue_filter

from ..models import BreakthroughRequest, Participant

# Decided requests stay in the officer's list this long.
DECIDED_DAYS = 90


def known_names(*, plan: Plan) -> list[str]:
    """Every name the system knows for this plan: the resident (whole name and parts),
    everyone in her network (ended memberships too: a name stays a name) and everyone at
    any of its conferences. The anonymous copy may contain none of them."""
    owner = plan.owner
    names = [owner.first_name, owner.last_name, owner.display_name, owner.get_full_name()]
    for membership in Membership.objects.filter(plan=plan).select_related("user"):
        names.append(membership.name)
        if membership.user_id:
            user = membership.user
            names += [user.first_name, user.last_name, user.display_name]
    names += Participant.objects.filter(conference__plan=plan).values_list("name", flat=True)
    return sorted({name.strip() for name in names if name and name.strip()})


@dataclass
class QueueRow:
    request: BreakthroughRequest
    overdue: bool = False
    # Working days until `decide_by`, for a request still waiting.
    days_left: int = 0

    @property
    def first_line(self) -> str:
        """The obstacle's first line, from the anonymous copy: the list names nobody."""
        copy = self.request.anonymous_copy
        text = copy.obstacle if copy is not None else ""
        return next((line.strip() for line in text.splitlines() if line.strip()), "")


@dataclass
class BreakthroughQueue:
    waiting: list[QueueRow] = field(default_factory=list)
    decided: list[QueueRow] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.waiting if row.overdue)


def breakthrough_queue(*, user, today: date | None = None) -> BreakthroughQueue:
    """Requests waiting for a decision (the most urgent first), then those decided in the
    last 90 days. Only the wijk comes along from the plan: no name in the list."""
    today = today or timezone.localdate()
    requests = (
        BreakthroughRequest.objects.filter(breakthrough_queue_filter(user))
        .select_related("plan__wijk", "anonymous_copy")
        .only(
            "pk",
            "anonymous_copy__obstacle",
            "cost_solution",
            "cost_nothing",
            "filed_at",
            "decide_by",
            "status",
            "decided_at",
            "plan__wijk__name",
        )
    )
    waiting = list(requests.filter(status=BreakthroughRequest.Status.SUBMITTED).order_by("decide_by", "id"))
    decided = list(
        requests.exclude(status=BreakthroughRequest.Status.SUBMITTED)
        .filter(decided_at__gte=timezone.now() - timedelta(days=DECIDED_DAYS))
        .order_by("-decided_at", "-id")
    )
    audit.note_records("breakthrough", [r.pk for r in waiting + decided])
    return BreakthroughQueue(
        waiting=[
            QueueRow(request=r, overdue=is_overdue(r, today), days_left=working_days_between(today, r.decide_by))
            for r in waiting
        ],
        decided=[QueueRow(request=r) for r in decided],
    )


def is_overdue(request: BreakthroughRequest, today: date | None = None) -> bool:
    """Still waiting after the last day for the decision."""
    today = today or timezone.localdate()
    return request.status == BreakthroughRequest.Status.SUBMITTED and request.decide_by < today
