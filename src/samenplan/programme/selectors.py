"""Reads of the city programme: the public page (no names of people), the internal pages
(staff names, logged like the organisation pages), and the figures that measure a goal
(read through `insights.selectors`, suppressed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext

from samenplan.accounts.models import Municipality, Organisation, User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.insights import selectors as figures
from samenplan.sharing.policy import (
    STAFF_ROLES,
    programme_municipality_id,
    programme_organisation_filter,
    programme_request_filter,
)

from .models import Action, Goal, JoinRequest, Programme, ProgressUpdate, WorkGroupMember


def public_programme() -> Programme | None:
    """The installation's municipality's current programme, for the public page."""
    return Programme.objects.filter(municipality=Municipality.objects.deployment()).first()


def programme_of(user) -> Programme | None:
    return Programme.objects.filter(municipality_id=programme_municipality_id(user)).first()


def public_goals(programme: Programme) -> list[Goal]:
    """Goals with their actions and lead organisations (two queries; no people)."""
    actions = Action.objects.select_related("lead").only(
        "goal_id", "title", "status", "lead__name", "last_update_on", "created_at"
    )
    return list(programme.goals.prefetch_related(Prefetch("actions", queryset=actions)))


def public_goal(goal_id) -> Goal | None:
    programme = public_programme()
    if programme is None:
        return None
    goal = programme.goals.filter(pk=goal_id).first()
    return goal


def public_actions(goal: Goal) -> list[Action]:
    return list(goal.actions.select_related("lead"))


def _action_rows(actions, today) -> list[dict]:
    return [{"action": a, "stalled": a.is_stalled(today)} for a in actions]


def overview(*, user, programme: Programme) -> dict:
    """Who does what (lead, work group with names), what is stalled, and the requests
    waiting for the coordinator: a fixed number of queries. Reading staff names is logged."""
    today = timezone.localdate()
    members = WorkGroupMember.objects.select_related("organisation").order_by("organisation__name", "name")
    actions = list(
        Action.objects.filter(goal__programme=programme)
        .select_related("goal", "lead")
        .prefetch_related(Prefetch("work_group", queryset=members))
    )
    rows = _action_rows(actions, today)
    pending = list(
        JoinRequest.objects.filter(programme_request_filter(user), status=JoinRequest.Status.PENDING).select_related(
            "organisation", "requested_by", "action", "goal"
        )
    )
    audit.note_admin(
        AuditEntry.Action.VIEW,
        obj=programme,
        description=f"programme programme.programme#{programme.pk}: viewed who does what",
    )
    return {
        "rows": rows,
        "stalled": [row for row in rows if row["stalled"]],
        "pending": pending,
        "goals": list(programme.goals.all()),
    }


def action_page(*, user, action: Action) -> dict:
    """An action with its work group (staff names) and its updates; the read is logged."""
    work_group = list(action.work_group.select_related("organisation").order_by("organisation__name", "name"))
    updates = list(action.updates.select_related("organisation"))
    my_requests = []
    if user.organisation_id is not None:
        my_requests = list(JoinRequest.objects.filter(action=action, organisation_id=user.organisation_id))
    audit.note_admin(
        AuditEntry.Action.VIEW,
        obj=action,
        description=f"programme.action#{action.pk}: viewed its work group (programme)",
    )
    return {"work_group": work_group, "updates": updates, "my_requests": my_requests}


def organisations_to_choose(user):
    """The organisations the coordinator chooses a lead or work-group organisation from."""
    return Organisation.objects.filter(programme_organisation_filter(user)).order_by("name")


def people_to_choose(user):
    """Staff with an account at those organisations, for a work group."""
    return (
        User.objects.filter(
            is_active=True,
            role__in=STAFF_ROLES,
            organisation__in=Organisation.objects.filter(programme_organisation_filter(user)),
        )
        .select_related("organisation")
        .order_by("organisation__name", "first_name", "last_name")
    )


def my_proposals(user) -> list[JoinRequest]:
    """What the user's organisation asked or proposed, with the coordinator's answer."""
    if user.organisation_id is None:
        return []
    return list(
        JoinRequest.objects.filter(organisation_id=user.organisation_id)
        .select_related("action", "goal", "created_action")
        .order_by("-created_at")[:20]
    )


def latest_update(action: Action) -> ProgressUpdate | None:
    return action.updates.first()


# Figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalFigure:
    code: str
    label: str
    quarter: str
    text: str
    hidden: bool


def _quarter_label(key: str) -> str:
    day = date.fromisoformat(key)
    return gettext("%(year)s Q%(number)s") % {"year": day.year, "number": (day.month - 1) // 3 + 1}


def _number(value: float, decimals: int) -> str:
    return formats.number_format(round(value, decimals), decimals, use_l10n=True, force_grouping=True)


def _figure_text(cell) -> str:
    if cell.hidden:
        return gettext("too few people")
    number = cell.number
    if number is None:
        return gettext("no data")
    shows = cell.measure.shows
    if shows == "percent":
        return gettext("%(number)s%%") % {"number": _number(number, 0)}
    if shows == "mean":
        return _number(number, 1)
    if shows == "days":
        return gettext("%(number)s days") % {"number": _number(number, 1)}
    return _number(number, 0)


def measure_choices() -> list[tuple[str, str]]:
    return [(code, str(measure.label)) for code, measure in figures.BY_CODE.items()]


def goal_figures(goal: Goal) -> list[GoalFigure]:
    """The latest quarter's figure of each linked measure for the whole municipality,
    suppressed (a hidden figure says "too few people", never a number)."""
    codes = [code for code in goal.measures if code in figures.BY_CODE]
    refresh = figures.latest_refresh() if codes else None
    if refresh is None or not refresh.quarters:
        return []
    quarter = refresh.quarters[-1]
    result = []
    for code in codes:
        cell = figures.cell(code, quarter, refresh=refresh)
        result.append(
            GoalFigure(
                code=code,
                label=str(cell.measure.label),
                quarter=_quarter_label(quarter),
                text=_figure_text(cell),
                hidden=cell.hidden,
            )
        )
    return result
