"""Writes to a plan. Every function takes the caller's `PlanAccess` from the sharing policy
and asks it before changing anything; views never write models themselves."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User, Wijk
from samenplan.accounts.services import activation_code_make, activation_send, address_taken_send, username_make
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import PlanAccess
from samenplan.sharing.services import grants_decide, membership_create

from .models import Agreement, Evaluation, Goal, GoalScore, Plan, Priority, StoryVersion, Strength


class EditConflict(Exception):
    """Someone else saved the same thing since the form was opened. `current` is their
    version, shown next to the user's own text so nothing is lost."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


@transaction.atomic
def intake_create(
    *,
    professional: User,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    wijk: Wijk,
    story: str,
    coordinator_levels: dict[str, int],
) -> Plan:
    """Start a plan owned by a new resident; the professional becomes its coordinator with
    the access the resident agreed to, recorded as the plan's first sharing decision."""
    if not professional.may_start_intake:
        raise PermissionDenied
    # Whether an address already has an account is never told to the professional (it
    # would tell who gets support). A taken address is not put on the new account; its
    # owner gets a neutral note instead of the activation link. Without an address the
    # coordinator prints a letter with a code instead (`activation_letter`).
    taken = bool(email) and User.objects.filter(email__iexact=email).exists()
    resident = User(
        username=username_make(first_name=first_name, last_name=last_name),
        first_name=first_name,
        last_name=last_name,
        email="" if taken else email,
        phone=phone,
        role=User.Role.RESIDENT,
    )
    resident.set_unusable_password()
    resident.save()
    plan = Plan.objects.create(owner=resident, wijk=wijk, created_by=professional)
    StoryVersion.objects.create(plan=plan, number=1, text=story, written_by=professional)
    membership = membership_create(
        plan=plan,
        user=professional,
        role=Membership.Role.COORDINATOR,
        relation=Membership.Relation.PROFESSIONAL,
        added_by=professional,
    )
    grants_decide(
        plan=plan,
        decided_by=professional,
        context=SharingDecision.Context.INTAKE,
        decisions={membership: {part: (level, None) for part, level in coordinator_levels.items()}},
    )
    if taken:
        address_taken_send(email=email)
    elif email:
        activation_send(user=resident)
    audit.note_plan(plan)
    audit.note_action(AuditEntry.Action.CREATE)
    return plan


def activation_resend(*, access: PlanAccess) -> bool:
    """The coordinator sends the resident a fresh activation link; False when the resident
    has opened the plan already or there is no address to send it to."""
    if not access.can_resend_activation:
        raise Http404
    owner = access.plan.owner
    if owner.has_usable_password() or not owner.email:
        return False
    audit.note_action(AuditEntry.Action.UPDATE)
    activation_send(user=owner)
    return True


def activation_letter_make(*, access: PlanAccess) -> tuple[str, datetime] | None:
    """A new code for the letter the coordinator prints for a resident without email; it
    replaces the code of an earlier letter. None when the resident opened the plan already."""
    if not access.can_resend_activation:
        raise Http404
    owner = access.plan.owner
    if owner.has_usable_password() or not owner.is_active:
        return None
    audit.note_action(AuditEntry.Action.PRINT)
    audit.note_subject(owner)
    return activation_code_make(user=owner, created_by=access.user)


def plan_close(*, access: PlanAccess, reason: str) -> None:
    """Close the plan: from now on everyone can only read it, the resident always. The
    reason is kept with the plan and everyone in it is told."""
    audit.note_action(AuditEntry.Action.UPDATE, reason=reason)
    if not access.can_close_plan:
        raise Http404
    Plan.objects.filter(pk=access.plan.pk).update(
        status=Plan.Status.CLOSED, closed_at=timezone.now(), closed_reason=reason, closed_by=access.user
    )
    _tell_plan_people(access, Notification.Kind.PLAN_CLOSED)


def plan_reopen(*, access: PlanAccess) -> None:
    """Open a closed plan again; the grants that were there count again."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not access.can_reopen_plan:
        raise Http404
    if Plan.objects.filter(owner_id=access.plan.owner_id).exclude(status=Plan.Status.CLOSED).exists():
        raise EditConflict(None)
    status = Plan.Status.ACTIVE if access.plan.owner.has_usable_password() else Plan.Status.INTAKE
    Plan.objects.filter(pk=access.plan.pk).update(status=status, closed_at=None, closed_reason="", closed_by=None)
    _tell_plan_people(access, Notification.Kind.PLAN_REOPENED)


def _tell_plan_people(access: PlanAccess, kind: str) -> None:
    url = reverse("plan", args=[access.plan.pk])
    people = [access.plan.owner] + [
        m.user for m in access.plan.memberships.filter(ended_at__isnull=True, user__isnull=False).select_related("user")
    ]
    for person in people:
        if person.pk != access.user.pk:
            notify(user=person, kind=kind, plan=access.plan, url=url)


def plans_activate(*, owner: User) -> None:
    """The resident has set a password: their plan from the intake is theirs to use."""
    Plan.objects.filter(owner=owner, status=Plan.Status.INTAKE).update(status=Plan.Status.ACTIVE)


def story_update(*, access: PlanAccess, text: str, base_number: int) -> StoryVersion | None:
    """Add a new version of the story, unless someone saved one since `base_number`."""
    access.require(Part.STORY, Level.CONTRIBUTE)
    latest = access.plan.story_versions.first()
    latest_number = latest.number if latest else 0
    if latest_number != base_number:
        raise EditConflict(latest)
    if latest is not None and latest.text == text:
        return None
    audit.note_action(AuditEntry.Action.UPDATE)
    try:
        with transaction.atomic():
            return StoryVersion.objects.create(
                plan=access.plan,
                number=latest_number + 1,
                text=text,
                written_by=access.user,
                on_behalf=access.acts_on_behalf,
            )
    except IntegrityError:
        # Two saves at the same moment: the unique (plan, number) lets only one win.
        raise EditConflict(access.plan.story_versions.first()) from None


def story_confirm(*, access: PlanAccess, number: int) -> None:
    """The owner says "this is my story" about the version they read."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not access.can_confirm_story:
        raise Http404
    access.require(Part.STORY, Level.CONTRIBUTE)
    latest = access.plan.story_versions.first()
    if latest is None or latest.number != number:
        raise EditConflict(latest)
    if latest.confirmed_at is None:
        latest.confirmed_at = timezone.now()
        latest.save(update_fields=["confirmed_at"])


def _renumber(items) -> None:
    for rank, item in enumerate(items, start=1):
        item.rank = rank
    if items:
        type(items[0]).objects.bulk_update(items, ["rank"])


def rank_move(*, items: list, item_id: int, direction: str) -> None:
    """Move one item of a ranked list up or down one place and renumber the list 1..n."""
    positions = {item.pk: index for index, item in enumerate(items)}
    index = positions.get(item_id)
    if index is None:
        return
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)


def priority_change(
    *, access: PlanAccess, action: str, domain_id: int, note: str = "", notes: dict[int, str] | None = None
) -> None:
    """Add, remove, move up or down a life domain in the resident's own ranking, or say why
    it matters. `notes` are the notes the user changed on the page: they are saved with
    whichever button was pressed, so moving an item never loses what was typed."""
    audit.note_action(AuditEntry.Action.UPDATE)
    access.require(Part.PRIORITIES, Level.CONTRIBUTE)
    plan = access.plan
    with transaction.atomic():
        items = list(plan.priorities.select_for_update().order_by("rank", "id"))
        by_domain = {item.domain_id: item for item in items}
        for changed_domain, text in (notes or {}).items():
            if changed_domain in by_domain and by_domain[changed_domain].note != text:
                Priority.objects.filter(pk=by_domain[changed_domain].pk).update(note=text)
        if action == "add" and domain_id not in by_domain:
            Priority.objects.create(plan=plan, domain_id=domain_id, rank=len(items) + 1)
        elif action == "remove" and domain_id in by_domain:
            by_domain[domain_id].delete()
            _renumber([item for item in items if item.domain_id != domain_id])
        elif action in ("up", "down") and domain_id in by_domain:
            rank_move(items=items, item_id=by_domain[domain_id].pk, direction=action)
        elif action == "note" and domain_id in by_domain:
            Priority.objects.filter(pk=by_domain[domain_id].pk).update(note=note)


def strength_add(*, access: PlanAccess, kind: str, text: str, who: str) -> Strength:
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.STRENGTHS, Level.CONTRIBUTE)
    last = access.plan.strengths.filter(kind=kind).aggregate(last=Max("rank"))["last"] or 0
    return Strength.objects.create(plan=access.plan, kind=kind, text=text, who=who, rank=last + 1)


def strength_change(*, access: PlanAccess, action: str, strength_id: int) -> None:
    """Move a strength up or down within its list, or remove it."""
    audit.note_action(AuditEntry.Action.UPDATE)
    access.require(Part.STRENGTHS, Level.CONTRIBUTE)
    strength = access.plan.strengths.filter(pk=strength_id).first()
    if strength is None:
        return
    with transaction.atomic():
        items = list(access.plan.strengths.select_for_update().filter(kind=strength.kind).order_by("rank", "id"))
        if action == "remove":
            removed = strength.pk
            strength.delete()
            _renumber([item for item in items if item.pk != removed])
        elif action in ("up", "down"):
            rank_move(items=items, item_id=strength.pk, direction=action)


def goal_create(*, access: PlanAccess, **fields) -> Goal:
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.GOALS, Level.CONTRIBUTE)
    return Goal.objects.create(plan=access.plan, created_by=access.user, on_behalf=access.acts_on_behalf, **fields)


def _versioned_update(model, *, pk: int, plan: Plan, base_version: int, fields: dict):
    updated = model.objects.filter(pk=pk, plan=plan, version=base_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise EditConflict(model.objects.filter(pk=pk, plan=plan).first())


def goal_update(*, access: PlanAccess, goal: Goal, base_version: int, **fields) -> None:
    """Save changes to a goal unless someone else saved it since the form was opened."""
    audit.note_action(AuditEntry.Action.UPDATE)
    access.require(Part.GOALS, Level.CONTRIBUTE)
    _versioned_update(Goal, pk=goal.pk, plan=access.plan, base_version=base_version, fields=fields)


def _tell_assignee(access: PlanAccess, agreement: Agreement) -> None:
    if agreement.assignee_id and agreement.assignee_id != access.user.pk:
        notify(
            user=agreement.assignee,
            kind=Notification.Kind.AGREEMENT,
            plan=access.plan,
            url=reverse("agreements", args=[access.plan.pk]) + f"#agreement-{agreement.pk}",
        )


def agreement_create(*, access: PlanAccess, **fields) -> Agreement:
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.AGREEMENTS, Level.CONTRIBUTE)
    agreement = Agreement.objects.create(
        plan=access.plan, created_by=access.user, on_behalf=access.acts_on_behalf, **fields
    )
    _tell_assignee(access, agreement)
    return agreement


def agreement_update(*, access: PlanAccess, agreement: Agreement, base_version: int, **fields) -> None:
    audit.note_action(AuditEntry.Action.UPDATE)
    if not access.can_update_agreement(agreement):
        raise Http404
    access.touched.add(Part.AGREEMENTS)
    previous_assignee = agreement.assignee_id
    _versioned_update(Agreement, pk=agreement.pk, plan=access.plan, base_version=base_version, fields=fields)
    if "assignee" in fields and fields["assignee"] is not None and fields["assignee"].pk != previous_assignee:
        _tell_assignee(access, Agreement.objects.select_related("assignee").get(pk=agreement.pk))


def agreement_mark(*, access: PlanAccess, agreement: Agreement, status: str, base_version: int) -> None:
    """One click on the list: an agreement is being worked on, or done. Whoever may update
    the agreement may do this (its assignee too), unless someone changed it meanwhile."""
    if status not in (Agreement.Status.BUSY, Agreement.Status.DONE):
        raise ValueError(status)
    agreement_update(access=access, agreement=agreement, base_version=base_version, status=status)


def evaluation_schedule(*, access: PlanAccess, scheduled_for: date) -> Evaluation:
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.EVALUATIONS, Level.CONTRIBUTE)
    return Evaluation.objects.create(plan=access.plan, scheduled_for=scheduled_for, created_by=access.user)


class EmptyRecord(ValueError):
    """An evaluation with no result for any goal, nothing noticed and nothing decided."""


def _evaluation_write(
    *, access: PlanAccess, evaluation: Evaluation, filter_: dict, fields: dict, scores: dict[int, tuple[int, str]]
) -> None:
    """Save the record and its scores in one go, only if it is still the version the form
    started from (`filter_`); otherwise someone else saved first."""
    record = (fields["summary"], fields["decisions"])
    goal_ids = set(access.plan.goals.values_list("pk", flat=True))
    scores = {goal_id: value for goal_id, value in scores.items() if goal_id in goal_ids}
    if not scores and not any(text.strip() for text in record):
        raise EmptyRecord
    updated = Evaluation.objects.filter(pk=evaluation.pk, plan=access.plan, **filter_).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise EditConflict(
            Evaluation.objects.filter(pk=evaluation.pk, plan=access.plan).select_related("held_by").first()
        )
    GoalScore.objects.filter(evaluation=evaluation).delete()
    GoalScore.objects.bulk_create(
        GoalScore(evaluation=evaluation, goal_id=goal_id, score=score, note=note)
        for goal_id, (score, note) in scores.items()
    )


@transaction.atomic
def evaluation_hold(
    *,
    access: PlanAccess,
    evaluation: Evaluation,
    base_version: int | None,
    summary: str,
    attendees: str = "",
    decisions: str = "",
    scores: dict[int, tuple[int, str]],
) -> None:
    """Record the evaluation: a score and note per goal, who was there, what was noticed
    and decided. Refused when empty, or when someone recorded it first."""
    audit.note_action(AuditEntry.Action.UPDATE)
    access.require(Part.EVALUATIONS, Level.CONTRIBUTE)
    access.require(Part.GOALS)
    if evaluation.plan_id != access.plan.pk:
        raise Http404
    _evaluation_write(
        access=access,
        evaluation=evaluation,
        filter_={"held_at__isnull": True} | ({} if base_version is None else {"version": base_version}),
        fields={
            "summary": summary,
            "attendees": attendees,
            "decisions": decisions,
            "held_at": timezone.now(),
            "held_by": access.user,
            "on_behalf": access.acts_on_behalf,
        },
        scores=scores,
    )


@transaction.atomic
def evaluation_correct(
    *,
    access: PlanAccess,
    evaluation: Evaluation,
    base_version: int,
    summary: str,
    attendees: str,
    decisions: str,
    scores: dict[int, tuple[int, str]],
) -> None:
    """The author corrects a held evaluation while that is still allowed; the record says
    it was corrected. Refused when someone else saved a correction first."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if evaluation.plan_id != access.plan.pk or not access.can_correct_evaluation(evaluation):
        raise Http404
    access.touched.update({Part.EVALUATIONS, Part.GOALS})
    _evaluation_write(
        access=access,
        evaluation=evaluation,
        filter_={"held_by": access.user, "version": base_version},
        fields={"summary": summary, "attendees": attendees, "decisions": decisions, "corrected_at": timezone.now()},
        scores=scores,
    )
