"""Writes at and after the meeting: the minutes (versioned, so two writers never lose each
other's text), the decisions that become agreements in the plan in one step, and the
resident's answer to what was agreed. Each asks the `ConferenceAccess` first."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Agreement, Goal, Plan
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import ConferenceAccess, resident_side
from samenplan.sharing.services import membership_create

from ..models import Conference, Decision, MinutesVersion
from ..selectors.meeting import Assignee
from .convening import conference_url


class MinutesConflict(Exception):
    """Someone saved the minutes since the writer opened them. `current` is their version,
    shown next to the writer's own text so nothing is lost."""

    def __init__(self, current: MinutesVersion):
        super().__init__("minutes conflict")
        self.current = current


def _latest_minutes(conference: Conference) -> MinutesVersion | None:
    return conference.minutes.select_related("written_by").first()


def minutes_save(*, ca: ConferenceAccess, text: str, base_number: int) -> MinutesVersion | None:
    """Add a new version of the minutes, unless someone saved one since `base_number`."""
    if not ca.can_write_minutes:
        raise Http404
    latest = _latest_minutes(ca.conference)
    latest_number = latest.number if latest else 0
    if latest is not None and latest_number != base_number:
        raise MinutesConflict(latest)
    if latest is not None and latest.text == text:
        return None
    try:
        with transaction.atomic():
            version = MinutesVersion.objects.create(
                conference=ca.conference, number=latest_number + 1, text=text, written_by=ca.user
            )
    except IntegrityError:
        # Two saves at the same moment: the unique (conference, number) lets only one win.
        raise MinutesConflict(_latest_minutes(ca.conference)) from None
    audit.note_action(AuditEntry.Action.CREATE if latest is None else AuditEntry.Action.UPDATE)
    return version


def _tell_once(*, user: User, kind: str, plan: Plan, url: str) -> None:
    """Notify, unless an earlier notification of this kind about this page is still unread."""
    if Notification.objects.filter(user=user, kind=kind, url=url, read_at__isnull=True).exists():
        return
    notify(user=user, kind=kind, plan=plan, url=url)


def _note_agreements(ca: ConferenceAccess) -> None:
    access = ca.own or ca.table
    access.touched.add(Part.AGREEMENTS)
    audit.note_access(access)


@transaction.atomic
def decision_create(
    *, ca: ConferenceAccess, what: str, who: Assignee, due_date: date, goal: Goal | None = None
) -> Decision:
    """Record a decision of the conference as one agreement in the plan (who, what, by when)."""
    if not ca.can_decide:
        raise Http404
    plan = ca.conference.plan
    if goal is not None and (goal.plan_id != plan.pk or not ca.own.can_view(Part.GOALS)):
        raise Http404
    agreement = Agreement.objects.create(
        plan=plan,
        goal=goal,
        what=what,
        who_kind=who.kind,
        who_name=who.name,
        assignee=who.user,
        due_date=due_date,
        support=Agreement.Support.HEAVY if who.is_professional else Agreement.Support.LIGHT,
        created_by=ca.user,
        on_behalf=ca.on_behalf,
    )
    decision = Decision.objects.create(conference=ca.conference, agreement=agreement, created_by=ca.user)
    if (
        who.is_professional
        and who.user is not None
        and not Membership.objects.filter(plan=plan, user=who.user, ended_at__isnull=True).exists()
    ):
        # A professional from outside the plan joins it without any grant: the policy then
        # shows them only the agreements given to them, and the plan enters their caseload.
        membership_create(
            plan=plan,
            user=who.user,
            role=Membership.Role.PROFESSIONAL,
            relation=Membership.Relation.PROFESSIONAL,
            added_by=ca.user,
        )
    audit.note_action(AuditEntry.Action.CREATE)
    _note_agreements(ca)
    if who.user is not None and who.user.pk != ca.user.pk:
        notify(
            user=who.user,
            kind=Notification.Kind.AGREEMENT,
            plan=plan,
            url=reverse("agreements", args=[plan.pk]) + f"#agreement-{agreement.pk}",
        )
    for user in resident_side(plan):
        _tell_once(user=user, kind=Notification.Kind.CONFERENCE_DECISIONS, plan=plan, url=conference_url(ca.conference))
    return decision


@transaction.atomic
def outcome_respond(*, ca: ConferenceAccess, confirmed: bool, comment: str) -> None:
    """The resident says what was agreed is right, or comments on it; a new answer replaces
    the earlier one."""
    if not ca.can_respond:
        raise Http404
    now = timezone.now()
    conference = ca.conference
    fields = {
        "outcome_confirmed_at": now if confirmed else None,
        "outcome_comment": comment,
        "outcome_responded_at": now,
        "outcome_responded_by": ca.user,
        "outcome_on_behalf": ca.on_behalf,
    }
    # Only the answer's own fields: the version stays, so a form of the coordinator's that
    # started before the answer is not refused because of it.
    Conference.objects.filter(pk=conference.pk).update(**fields)
    for name, value in fields.items():
        setattr(conference, name, value)
    audit.note_action(AuditEntry.Action.UPDATE)
    coordinator = (
        Membership.objects.filter(
            plan=conference.plan, role=Membership.Role.COORDINATOR, ended_at__isnull=True, user__isnull=False
        )
        .select_related("user")
        .first()
    )
    if coordinator is not None and coordinator.user_id != ca.user.pk:
        _tell_once(
            user=coordinator.user,
            kind=Notification.Kind.CONFERENCE_CHANGED,
            plan=conference.plan,
            url=conference_url(conference),
        )
