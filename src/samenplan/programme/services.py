"""Changes to the city programme. Each service asks the policy first and notes what it
changed for the audit log (staff data, logged like the organisation pages do)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from samenplan.accounts.models import Organisation
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing.policy import (
    coordinates_programme,
    may_ask_to_join,
    may_update_action,
    programme_municipality_id,
    programme_organisation_filter,
    takes_part_in_programme,
)

from .models import Action, Goal, JoinRequest, Programme, ProgressUpdate, Theme, WorkGroupMember


def _note(action: str, obj, what: str) -> None:
    audit.note_admin(action, obj=obj, description=f"{obj._meta.label_lower}#{obj.pk}: {what} (programme)")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionError("not allowed in the programme")


@transaction.atomic
def action_propose(
    *, user, title: str, description: str, goal: Goal | None = None, source_label: str = ""
) -> JoinRequest:
    """A pending proposal for a new action from the user's organisation, for the programme coordinator."""
    _require(takes_part_in_programme(user))
    municipality_id = programme_municipality_id(user)
    if goal is not None and goal.programme.municipality_id != municipality_id:
        raise PermissionError("goal of another municipality")
    join_request = JoinRequest.objects.create(
        kind=JoinRequest.Kind.NEW,
        municipality_id=municipality_id,
        organisation_id=user.organisation_id,
        requested_by=user,
        goal=goal,
        title=title[:200],
        description=description[:4000],
        source_label=source_label[:150],
    )
    _note(AuditEntry.Action.CREATE, join_request, "proposed a new action")
    return join_request


@transaction.atomic
def action_join_ask(*, user, action: Action, description: str = "") -> JoinRequest:
    """A pending request from the user's organisation to join an action's work group."""
    _require(may_ask_to_join(user, action))
    existing = JoinRequest.objects.filter(
        kind=JoinRequest.Kind.JOIN,
        action=action,
        organisation_id=user.organisation_id,
        status=JoinRequest.Status.PENDING,
    ).first()
    if existing is not None:
        # Asked already (by a colleague, or twice): one request per organisation.
        return existing
    join_request = JoinRequest.objects.create(
        kind=JoinRequest.Kind.JOIN,
        municipality_id=action.goal.programme.municipality_id,
        organisation_id=user.organisation_id,
        requested_by=user,
        action=action,
        goal=action.goal,
        description=description[:4000],
    )
    _note(AuditEntry.Action.CREATE, join_request, "asked to join an action")
    return join_request


def _decided(join_request: JoinRequest, *, user, status: str, reason: str) -> bool:
    """Claim the decision: only a request still pending changes (two decisions at once: one wins)."""
    return bool(
        JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequest.Status.PENDING).update(
            status=status, reason=reason[:1000], decided_by=user, decided_at=timezone.now()
        )
    )


@transaction.atomic
def request_accept(*, user, join_request: JoinRequest, reason: str = "", goal: Goal | None = None) -> Action | None:
    """Accept: the organisation (and who asked) joins the work group, or the proposed action
    is created with that organisation as its lead. None when it was decided meanwhile."""
    _require(coordinates_programme(user))
    if not _decided(join_request, user=user, status=JoinRequest.Status.ACCEPTED, reason=reason):
        return None
    if join_request.kind == JoinRequest.Kind.NEW:
        goal = goal or join_request.goal
        if goal is None or goal.programme.municipality_id != join_request.municipality_id:
            raise ValueError("a new action needs a goal of the programme")
        action = Action.objects.create(
            goal=goal,
            title=join_request.title,
            description=join_request.description,
            lead_id=join_request.organisation_id,
        )
        JoinRequest.objects.filter(pk=join_request.pk).update(created_action=action, goal=goal)
    else:
        action = join_request.action
    _work_group_add(action=action, join_request=join_request)
    _note(AuditEntry.Action.UPDATE, join_request, "accepted")
    return action


def _work_group_add(*, action: Action, join_request: JoinRequest) -> None:
    requester = join_request.requested_by
    if requester is not None and requester.organisation_id == join_request.organisation_id:
        WorkGroupMember.objects.get_or_create(
            action=action,
            user=requester,
            defaults={"organisation_id": join_request.organisation_id, "name": requester.display_name},
        )
    elif not action.work_group.filter(organisation_id=join_request.organisation_id).exists():
        WorkGroupMember.objects.create(action=action, organisation_id=join_request.organisation_id)


@transaction.atomic
def request_decline(*, user, join_request: JoinRequest, reason: str) -> bool:
    """Decline with a reason, which the organisation is shown."""
    _require(coordinates_programme(user))
    if not _decided(join_request, user=user, status=JoinRequest.Status.DECLINED, reason=reason):
        return False
    _note(AuditEntry.Action.UPDATE, join_request, "declined")
    return True


@transaction.atomic
def update_add(*, user, action: Action, date, text: str, status: str = "") -> ProgressUpdate:
    """A dated progress update (and, if given, the action's new status)."""
    _require(may_update_action(user, action))
    update = ProgressUpdate.objects.create(
        action=action, date=date, text=text, written_by=user, organisation_id=user.organisation_id
    )
    latest = ProgressUpdate.objects.filter(action=action).order_by("-date").values_list("date", flat=True).first()
    fields = {"last_update_on": latest}
    if status and status in Action.Status.values:
        fields["status"] = status
    Action.objects.filter(pk=action.pk).update(**fields)
    _note(AuditEntry.Action.CREATE, update, "progress update")
    return update


@transaction.atomic
def goal_measures_set(*, user, goal: Goal, measures: list[str]) -> Goal:
    """Link insights measures (by code) to a goal."""
    _require(coordinates_programme(user))
    goal.measures = list(measures)
    goal.save(update_fields=["measures"])
    _note(AuditEntry.Action.UPDATE, goal, "linked figures")
    return goal


# The coordinator edits the programme ------------------------------------------------------


def _require_own(user, programme: Programme) -> None:
    _require(coordinates_programme(user) and programme.municipality_id == programme_municipality_id(user))


def _require_organisation(user, organisation) -> None:
    _require(Organisation.objects.filter(programme_organisation_filter(user), pk=organisation.pk).exists())


@transaction.atomic
def programme_create(*, user, name: str, description: str = "") -> Programme:
    """The municipality's programme, once: an existing one is returned unchanged."""
    _require(coordinates_programme(user))
    municipality_id = programme_municipality_id(user)
    existing = Programme.objects.filter(municipality_id=municipality_id).first()
    if existing is not None:
        return existing
    programme = Programme.objects.create(municipality_id=municipality_id, name=name, description=description)
    _note(AuditEntry.Action.CREATE, programme, "created the programme")
    return programme


@transaction.atomic
def goal_save(
    *,
    user,
    programme: Programme,
    number: int,
    title: str,
    description: str,
    themes: list[str],
    goal: Goal | None = None,
) -> Goal:
    """Add a goal to the programme, or change one of its goals."""
    _require_own(user, programme)
    if goal is not None and goal.programme_id != programme.pk:
        raise PermissionError("goal of another programme")
    created = goal is None
    goal = goal or Goal(programme=programme)
    goal.number, goal.title, goal.description = number, title, description
    goal.themes = [value for value in themes if value in Theme.values]
    goal.save()
    _note(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, goal, "goal saved")
    return goal


@transaction.atomic
def action_save(
    *, user, goal: Goal, title: str, description: str, lead, status: str, action: Action | None = None
) -> Action:
    """Add an action under a goal, or change one (also its lead organisation and status)."""
    _require_own(user, goal.programme)
    _require_organisation(user, lead)
    if action is not None and action.goal_id != goal.pk:
        raise PermissionError("action of another goal")
    if status not in Action.Status.values:
        raise ValueError("unknown status")
    created = action is None
    action = action or Action(goal=goal)
    action.title, action.description, action.lead, action.status = title, description, lead, status
    action.save()
    _note(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, action, "action saved")
    return action


@transaction.atomic
def member_add(*, user, action: Action, organisation, person=None, role: str = "") -> WorkGroupMember:
    """An organisation (and optionally a person of it, with a role) joins the work group."""
    _require_own(user, action.goal.programme)
    _require_organisation(user, organisation)
    if person is not None and person.organisation_id != organisation.pk:
        raise ValueError("the person does not work at that organisation")
    member = WorkGroupMember.objects.create(
        action=action,
        organisation=organisation,
        user=person,
        name=person.display_name if person is not None else "",
        role=role[:100],
    )
    _note(AuditEntry.Action.CREATE, member, f"added to the work group of programme.action#{action.pk}")
    return member


@transaction.atomic
def member_remove(*, user, member: WorkGroupMember) -> None:
    _require_own(user, member.action.goal.programme)
    _note(AuditEntry.Action.DELETE, member, f"removed from the work group of programme.action#{member.action_id}")
    member.delete()
