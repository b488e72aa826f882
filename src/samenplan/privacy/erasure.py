"""Erasure (AVG article 17): a closed plan is deleted with everything that belongs only to
it, after the retention period (`manage.py erase_expired`, daily) or earlier on the
resident's request where the law allows it; the resident's account goes too when nothing
else holds it. The audit log keeps verifying: every reference to the plan and the person is
removed from its entries (`audit.context.erase_references`). Why, and what stays:
docs/decisions/0001-audit-log-after-erasure.md and docs/privacy.md ("Erasure").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import router, transaction
from django.db.models import ProtectedError, Q
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.lib.db import commit_durably
from samenplan.notifications.models import Notification
from samenplan.plans.models import Agreement, Evaluation, Plan, Reminder
from samenplan.sharing.models import Membership

RETENTION = "retention"
REQUEST = "request"


# The Jeugdwet keeps a youth-care file for 20 years (art. 7.3.8): never less where it applies.
JEUGDWET_YEARS = 20


def retention_years() -> int:
    years = settings.SAMENPLAN_RETENTION_YEARS
    return max(years, JEUGDWET_YEARS) if settings.SAMENPLAN_YOUTH_CARE else years


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Plans closed before this moment are past the retention period."""
    now = now or timezone.now()
    years = retention_years()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def expired_plans(now: datetime | None = None):
    return Plan.objects.filter(status=Plan.Status.CLOSED, closed_at__lt=retention_cutoff(now)).order_by("pk")


def request_refusal(access, now: datetime | None = None) -> str | None:
    """Why the law (as this installation applies it) does not allow erasing this plan on
    request now, in words for the resident; None when it may be erased."""
    now = now or timezone.now()
    plan = access.plan
    if not access.speaks_for_owner_fully:
        return str(_("Only the person whose plan this is can ask to erase it."))
    if plan.status != Plan.Status.CLOSED:
        return str(
            _(
                "Your plan is still running. A plan can only be erased after it is closed. "
                "Talk to your coordinator if you want to stop."
            )
        )
    if settings.SAMENPLAN_YOUTH_CARE:
        return str(
            _(
                "Plans for youth care are kept for %(years)s years by law (Jeugdwet). You can ask the "
                "municipality in writing to destroy it earlier. They answer within three months."
            )
            % {"years": retention_years()}
        )
    wait = settings.SAMENPLAN_ERASURE_WAIT_DAYS
    if plan.closed_at is None or plan.closed_at > now - timedelta(days=wait):
        return str(
            _(
                "Your plan was closed less than %(days)s days ago. In that time you or the municipality "
                "may still need it, for example to object to a decision. You can ask again after that."
            )
            % {"days": wait}
        )
    return None


@dataclass
class Erasure:
    """What one erasure deleted (counts per kind of record), never what it was."""

    reference: str
    why: str
    counts: dict[str, int] = field(default_factory=dict)
    account_erased: bool = False
    audit_entries_redacted: int = 0

    def summary(self) -> str:
        parts = ", ".join(f"{count} {label}" for label, count in sorted(self.counts.items()))
        account = "account erased" if self.account_erased else "account kept"
        return f"erasure {self.reference} ({self.why}): {parts}; {account}"


def _collect(objects) -> dict[str, int]:
    """What deleting `objects` takes along (cascades), counted per model, like a dry run."""
    objects = list(objects)
    if not objects:
        return {}
    collector = Collector(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    counts: dict[str, int] = {}
    for model, instances in collector.data.items():
        counts[model._meta.label] = counts.get(model._meta.label, 0) + len(instances)
    for queryset in collector.fast_deletes:
        if number := queryset.count():
            label = queryset.model._meta.label
            counts[label] = counts.get(label, 0) + number
    return counts


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    for label, number in counts.items():
        total[label] = total.get(label, 0) + number


def _belongs_to(plan: Plan) -> dict:
    """Rows outside the plan's own cascade that exist only because of it."""
    evaluations = list(Evaluation.objects.filter(plan=plan).values_list("pk", flat=True))
    agreements = list(Agreement.objects.filter(plan=plan).values_list("pk", flat=True))
    return {
        # The question it started from and the signals that joined it or were offered to it.
        "questions": Question.objects.filter(plan=plan),
        "signals": Signal.objects.filter(Q(plan=plan) | Q(offered_plan=plan, plan__isnull=True)),
        # Notifications link to the plan's pages; reminders name its evaluations and agreements.
        "notifications": Notification.objects.filter(url__contains=f"/plans/{plan.pk}/"),
        "reminders": Reminder.objects.filter(
            Q(kind=Reminder.Kind.EVALUATION_DUE, subject_id__in=evaluations)
            | Q(kind=Reminder.Kind.AGREEMENT_OVERDUE, subject_id__in=agreements)
        ),
    }


def _account_may_go(owner: User, plan: Plan) -> bool:
    """The account goes with its last plan when it has no other role: a resident in no
    other plan and in nobody else's network."""
    return (
        owner.role == User.Role.RESIDENT
        and not owner.is_staff
        and not owner.is_superuser
        and not Plan.objects.filter(owner=owner).exclude(pk=plan.pk).exists()
        and not Membership.objects.filter(user=owner).exclude(plan=plan).exists()
    )


def erasure_preview(plan: Plan) -> dict[str, int]:
    """The counts an erasure of `plan` would delete (for `--dry-run`)."""
    counts = _collect([plan])
    for queryset in _belongs_to(plan).values():
        _add(counts, _collect(queryset))
    if _account_may_go(plan.owner, plan):
        counts["accounts.User"] = 1
    return counts


def plan_erase(plan_id: int, *, why: str, now: datetime | None = None) -> Erasure | None:
    """Erase one closed plan with everything that belongs only to it, and its owner's
    account when nothing else holds it; remove their references from the audit log and
    leave one entry by the system with the counts. Idempotent: a plan already erased (or
    erased meanwhile by another run) returns None. `why` is RETENTION (the plan must be past
    the period) or REQUEST (the caller checked `request_refusal`)."""
    with transaction.atomic():
        commit_durably()
        plan = Plan.objects.select_for_update().filter(pk=plan_id, status=Plan.Status.CLOSED).first()
        if plan is None:
            return None
        if why == RETENTION and not (plan.closed_at and plan.closed_at < retention_cutoff(now)):
            return None
        erasure = Erasure(reference=secrets.token_hex(8), why=why)
        owner = plan.owner
        owner_id = owner.pk  # deleting the account clears owner.pk
        belongs = _belongs_to(plan)
        records = {f"question:{pk}" for pk in belongs["questions"].values_list("pk", flat=True)}
        records |= {f"signal:{pk}" for pk in belongs["signals"].values_list("pk", flat=True)}
        account_may_go = _account_may_go(owner, plan)
        for queryset in belongs.values():
            _add(erasure.counts, _collect(queryset))
            queryset.delete()
        _add(erasure.counts, _collect([plan]))
        plan.delete()
        people: set[int] = set()
        if account_may_go:
            try:
                with transaction.atomic():
                    owner.delete()
                erasure.account_erased = True
                erasure.counts["accounts.User"] = 1
                people.add(owner_id)
            except ProtectedError:
                # Something else of this person's is kept (they wrote in another plan):
                # the account stays, and the plan's references to it go.
                pass
        erasure.audit_entries_redacted = audit.erase_references(
            plans={plan_id},
            people=people,
            plan_people={owner_id},
            records=records,
            erasure=erasure.reference,
        )
        with audit.task("erase_plan"):
            audit.note_action(AuditEntry.Action.DELETE, reason=erasure.summary())
            audit.note_records("erasure", [erasure.reference])
    # The request that asked for it (if any) must not write an entry naming the plan.
    audit.forget()
    return erasure


def erase_expired(now: datetime | None = None) -> list[Erasure]:
    """Erase every plan past the retention period, one transaction each (a failure leaves
    the others done). Safe to run twice at once: each plan is locked, and one that is gone
    is skipped."""
    done = []
    for plan_id in list(expired_plans(now).values_list("pk", flat=True)):
        if (erasure := plan_erase(plan_id, why=RETENTION, now=now)) is not None:
            done.append(erasure)
    return done
