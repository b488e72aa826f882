"""The resident's view of the audit log: who looked at their plan, when and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

from .models import AuditEntry
from .phrases import page_kind

EMERGENCY_READ = AuditEntry.EMERGENCY_READ
# A long period is read in pages of this many entries.
MAX_ENTRIES = 2000


@dataclass
class Line:
    """Similar entries of one person on one day, folded into one line."""

    day: date
    actor_id: int | None
    actor_name: str
    actor_role: str
    actor_organisation: str
    action: str
    outcome: str
    first_at: datetime
    last_at: datetime
    # A visit that needs its own words: the print page, an invitation or activation link.
    kind: str = ""
    count: int = 0
    parts: set[str] = field(default_factory=set)
    emergency: bool = False
    reasons: list[str] = field(default_factory=list)
    on_behalf: bool = False

    @property
    def action_label(self) -> str:
        return AuditEntry.Action(self.action).label

    @property
    def sorted_parts(self) -> list[str]:
        order = [part.value for part in Part]
        return sorted(self.parts, key=lambda part: order.index(part) if part in order else len(order))


def _plan_entries(access: PlanAccess):
    """The plan's entries this user may read: all of them for the resident and a
    representative for every part; for a representative for some parts, only entries
    about those parts."""
    plan = access.plan
    entries = AuditEntry.objects.filter(
        Q(plan_id=plan.pk)
        | Q(plan_id__isnull=True, plans__contains=f",{plan.pk},")
        | Q(plan_id__isnull=True, subject_id=plan.owner_id)
    )
    if access.reads_whole_access_log:
        return entries
    about_watched = Q(pk__in=[])
    for part in access.watched_parts:
        about_watched |= Q(parts__contains=f",{part},")
    return entries.filter(about_watched)


def access_log(
    *,
    access: PlanAccess,
    since: date,
    until: date,
    actor_id: int | None = None,
    part: str | None = None,
    include_own: bool = False,
) -> tuple[list[Line], bool]:
    """Folded lines, newest first, and whether the period held more than could be shown.
    Only the resident and their representatives read it."""
    if not access.can_read_access_log:
        raise Http404
    zone = timezone.get_current_timezone()
    start = datetime.combine(since, time.min, tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
    entries = _plan_entries(access).filter(at__gte=start, at__lt=end)
    if not include_own:
        entries = entries.exclude(actor_id=access.user.pk)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if part:
        entries = entries.filter(parts__contains=f",{part},")
    rows = list(entries.order_by("-at", "-id")[: MAX_ENTRIES + 1])
    # Of an entry about several parts, only the parts this user watches are named.
    watched = None if access.reads_whole_access_log else access.watched_parts
    return fold(rows[:MAX_ENTRIES], watched=watched), len(rows) > MAX_ENTRIES


def fold(entries, *, watched=None) -> list[Line]:
    """Entries folded into the access log's lines: one per person, day, action, outcome
    and kind of page, in the order of the entries. `watched`: name only these parts."""
    lines: dict[tuple, Line] = {}
    for entry in entries:
        local = timezone.localtime(entry.at)
        kind = page_kind(entry.page)
        key = (local.date(), entry.actor_id, entry.actor_name, entry.action, entry.outcome, kind)
        line = lines.get(key)
        if line is None:
            line = lines[key] = Line(
                day=local.date(),
                actor_id=entry.actor_id,
                actor_name=entry.actor_name,
                actor_role=entry.actor_role,
                actor_organisation=entry.actor_organisation,
                action=entry.action,
                outcome=entry.outcome,
                first_at=local,
                last_at=local,
                kind=kind,
            )
        line.count += 1
        line.first_at = min(line.first_at, local)
        line.parts.update(part for part in entry.part_list if watched is None or part in watched)
        line.on_behalf = line.on_behalf or entry.on_behalf_of_id is not None
        if entry.action == AuditEntry.Action.EMERGENCY or entry.reason == EMERGENCY_READ:
            line.emergency = True
        if entry.action == AuditEntry.Action.EMERGENCY and entry.reason and entry.reason not in line.reasons:
            line.reasons.append(entry.reason)
    return list(lines.values())


def access_log_people(*, access: PlanAccess) -> list[tuple[int, str]]:
    """Everyone who appears in the plan's log, for the filter (one query)."""
    if not access.can_read_access_log:
        raise Http404
    people = (
        _plan_entries(access)
        .exclude(actor_id__isnull=True)
        .values_list("actor_id", "actor_name")
        .distinct()
        .order_by("actor_name")
    )
    return list(dict(people).items())
