"""What one request did with personal data, gathered while it runs and written as one audit
entry at the end (see `middleware.AuditMiddleware`).

The sharing policy reports every plan it opens and every access it refuses; services
report what they changed. A scheduled command that reads plans runs its work inside
`task(...)`, which records the same way and writes the entry as the system when the block
ends. Other code outside a request (tests, the demo) has no recorder, and these calls do
nothing there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

_current: ContextVar[RequestRecord | None] = ContextVar("samenplan_audit", default=None)


@dataclass
class RequestRecord:
    # None for a scheduled task (`task`), which acts as the system.
    request: HttpRequest | None
    # The page, or for a task its name.
    page: str = ""
    # PlanAccess objects the policy handed out; their `touched` parts are what was used.
    accesses: list[Any] = field(default_factory=list)
    # Plans touched without a PlanAccess (a new plan at the intake, an invitation link).
    plans: list[Any] = field(default_factory=list)
    # A list page (the caseload): plan ids shown and the parts they showed.
    listed: tuple[list[int], set[str]] | None = None
    # Records outside any plan that were read or changed: {"question:12", "signal:7"}.
    records: set[str] = field(default_factory=set)
    # The person an anonymous page was about (the activation page).
    subject: Any = None
    denied: dict | None = None
    action: str | None = None
    reason: str = ""
    # Changes made in the admin site: a description of each.
    admin_changes: list[str] = field(default_factory=list)

    def note_denied(self, *, plan_id, plan=None, part: str | None = None, record: str | None = None) -> None:
        if record is not None:
            # A question or signal this user may not see (or that does not exist).
            self.denied = self.denied or {"plan_id": None, "plan": None, "parts": set()}
            self.denied.setdefault("records", set()).add(record[:40])
            return
        if self.denied is None:
            self.denied = {"plan_id": plan_id, "plan": plan, "parts": {part} if part else set()}
            if plan is None:
                # Asked for a plan that does not exist: remember what was asked, apart.
                self.denied["missing"] = str(plan_id)[:40]
        elif part:
            self.denied["parts"].add(part)


def current() -> RequestRecord | None:
    return _current.get()


def start(request) -> object:
    return _current.set(RequestRecord(request=request))


def stop(token) -> None:
    _current.reset(token)


@contextmanager
def task(name: str) -> Iterator[RequestRecord]:
    """Record what a scheduled command reads or does, like a request, and write it as one
    entry by the system when the block ends (inside the caller's transaction, if any)."""
    from .entries import entry_fields
    from .services import entry_write

    token = _current.set(RequestRecord(request=None, page=name))
    try:
        record = _current.get()
        yield record
        if (fields := entry_fields(record)) is not None:
            entry_write(**fields)
    finally:
        _current.reset(token)


def note_access(access) -> None:
    """The policy opened a plan for this user (their touched parts are read at the end)."""
    if (record := current()) is not None:
        record.accesses.append(access)


def note_denied(*, plan_id, plan=None, part: str | None = None) -> None:
    if (record := current()) is not None:
        record.note_denied(plan_id=plan_id, plan=plan, part=part)


def note_action(action: str, *, reason: str = "") -> None:
    """What the request did; the most telling action wins over a plain view."""
    if (record := current()) is not None:
        record.action = action
        if reason:
            record.reason = reason


def note_admin(action: str, *, obj, description: str) -> None:
    """A change in the admin site; a person it was about (an account) is its subject."""
    if (record := current()) is not None:
        record.action = action
        record.admin_changes.append(description)
        if getattr(obj._meta, "label_lower", "") == "accounts.user" and record.subject is None:
            record.subject = obj


def note_records(kind: str, ids) -> None:
    """Personal data outside any plan that this request read or changed (a question at a
    hub, an early signal): written into the entry as "kind:id"."""
    if (record := current()) is not None:
        record.records.update(f"{kind}:{pk}" for pk in ids)


def note_denied_record(kind: str, pk) -> None:
    """Asked for a question or signal this user may not see, or that does not exist."""
    if (record := current()) is not None:
        record.note_denied(plan_id=None, record=f"{kind}:{pk}")


def note_plan(plan) -> None:
    if (record := current()) is not None and plan not in record.plans:
        record.plans.append(plan)


def note_list(*, plan_ids: list[int], parts: set[str]) -> None:
    if (record := current()) is not None:
        record.listed = (sorted(plan_ids), set(parts))


def note_subject(user) -> None:
    if (record := current()) is not None:
        record.subject = user


def forget() -> None:
    """The data this request read was just erased (`privacy.erasure`): write no entry for
    it, since that entry would name what is gone. The erasure leaves its own entry."""
    if (record := current()) is not None:
        record.accesses.clear()
        record.plans.clear()
        record.records.clear()
        record.admin_changes.clear()
        record.listed = record.subject = record.denied = record.action = None
        record.reason = ""


def erase_references(
    *, plans: set[int], people: set[int], records: set[str], erasure: str, plan_people: set[int] = frozenset()
) -> int:
    """Remove every reference to erased plans, accounts (`people`) and records
    ("question:12") from the audit log, keeping the chain verifiable (`services.redact`,
    docs/decisions/0001-audit-log-after-erasure.md). `plan_people` (an owner who keeps the
    account) are removed only from the entries about those plans. Returns the number of
    entries changed."""
    from django.db.models import Q

    from .models import AuditEntry
    from .services import redact

    if not (plans or people or records):
        return 0
    where = Q(pk__in=[])
    for pk in plans:
        where |= Q(plan_id=pk) | Q(plans__contains=f",{pk},")
    if people:
        where |= Q(actor_id__in=people) | Q(subject_id__in=people) | Q(on_behalf_of_id__in=people)
    for token in records:
        where |= Q(records__contains=f",{token},")
    return redact(
        AuditEntry.objects.filter(where),
        plans=plans,
        people=set(people) | set(plan_people),
        records=records,
        erasure=erasure,
    )
