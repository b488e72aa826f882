"""Breakthrough requests: the conference's coordinator files one with the municipality's
breakthrough officer, who grants or refuses it. Each request has an anonymous copy (no
plan, no personal data) that feeds the recurring themes; the copy follows the outcome."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.pii import findings
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.referrals.services import working_days_after
from samenplan.sharing.policy import ConferenceAccess, handles_breakthroughs, plan_coordinator, resident_side

from ..models import BreakthroughRequest, ObstacleRecord, Theme
from ..selectors.breakthrough import known_names
from .convening import conference_url


class BreakthroughConflict(Exception):
    """Someone decided the request since the page was drawn (another officer). Nothing was
    changed; the page says so."""


def officer_url(request: BreakthroughRequest) -> str:
    return reverse("breakthrough", args=[request.pk])


def theme_get_or_create(*, name: str, user: User) -> Theme:
    """The theme with this name whatever its capitals, made if it is new."""
    name = " ".join(name.split())
    theme = Theme.objects.filter(name__iexact=name).first()
    if theme is not None:
        return theme
    try:
        with transaction.atomic():
            return Theme.objects.create(name=name, created_by=user)
    except IntegrityError:
        # Made by someone else at the same moment.
        return Theme.objects.get(name__iexact=name)


@transaction.atomic
def breakthrough_file(
    *,
    ca: ConferenceAccess,
    obstacle: str,
    solution: str,
    cost_solution: int,
    cost_nothing: int,
    cost_note: str = "",
    resident_words: str = "",
    anonymous_obstacle: str,
    anonymous_solution: str,
    themes: list[Theme],
    new_theme: str = "",
    domain: LifeDomain | None = None,
    submit_token: uuid.UUID | None = None,
) -> BreakthroughRequest:
    """File a breakthrough request for the conference, with its anonymous copy. The same
    form submitted twice files one request."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not ca.can_file_breakthrough:
        raise Http404
    if submit_token is not None:
        existing = BreakthroughRequest.objects.filter(submit_token=submit_token, conference=ca.conference).first()
        if existing is not None:
            return existing
    plan = ca.conference.plan
    names = known_names(plan=plan)
    if findings(anonymous_obstacle, names=names) or findings(anonymous_solution, names=names):
        # The form checks this with the person; this is the last door.
        raise ValueError("The anonymous copy still contains personal data.")
    themes = list(themes)
    if new_theme.strip():
        themes.append(theme_get_or_create(name=new_theme, user=ca.user))
    if not themes:
        raise ValueError("A breakthrough request needs at least one theme.")
    today = timezone.localdate()
    record = ObstacleRecord.objects.create(
        domain=domain,
        wijk_id=plan.wijk_id,
        filed_month=today.replace(day=1),
        obstacle=anonymous_obstacle,
        solution=anonymous_solution,
        cost_solution=cost_solution,
        cost_nothing=cost_nothing,
    )
    record.themes.set(themes)
    request = BreakthroughRequest.objects.create(
        conference=ca.conference,
        plan=plan,
        obstacle=obstacle,
        solution=solution,
        cost_solution=cost_solution,
        cost_nothing=cost_nothing,
        cost_note=cost_note,
        resident_words=resident_words,
        filed_by=ca.user,
        decide_by=working_days_after(today, settings.SAMENPLAN_BREAKTHROUGH_DECISION_DAYS),
        anonymous_copy=record,
        submit_token=submit_token or uuid.uuid4(),
    )
    audit.note_records("breakthrough", [request.pk])
    # Officers are no plan members: plan=None, and the notification carries no content.
    for officer in User.objects.filter(role=User.Role.BREAKTHROUGH_OFFICER, is_active=True):
        if handles_breakthroughs(officer):
            notify(user=officer, kind=Notification.Kind.BREAKTHROUGH_RECEIVED, url=officer_url(request))
    for person in resident_side(plan):
        if person.pk != ca.user.pk:
            notify(
                user=person,
                kind=Notification.Kind.CONFERENCE_CHANGED,
                plan=plan,
                url=conference_url(request.conference),
            )
    return request


@transaction.atomic
def breakthrough_decide(
    *, user: User, request: BreakthroughRequest, granted: bool, note: str, version: int
) -> BreakthroughRequest:
    """The officer grants or refuses the request, if nobody decided it since `version`."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not handles_breakthroughs(user):
        raise Http404
    if not note.strip():
        raise ValueError("A decision needs what is granted or why not.")
    status = BreakthroughRequest.Status.GRANTED if granted else BreakthroughRequest.Status.REFUSED
    updated = BreakthroughRequest.objects.filter(
        pk=request.pk, version=version, status=BreakthroughRequest.Status.SUBMITTED
    ).update(
        status=status,
        decided_by=user,
        decided_at=timezone.now(),
        decision_note=note,
        version=F("version") + 1,
    )
    if not updated:
        raise BreakthroughConflict
    request.refresh_from_db()
    audit.note_records("breakthrough", [request.pk])
    if request.anonymous_copy_id is not None:
        ObstacleRecord.objects.filter(pk=request.anonymous_copy_id).update(outcome=status)
    plan = request.plan
    told = {p.pk: p for p in resident_side(plan)}
    coordinator = plan_coordinator(plan)
    if coordinator is not None:
        told.setdefault(coordinator.pk, coordinator)
    for person in told.values():
        notify(
            user=person, kind=Notification.Kind.BREAKTHROUGH_DECIDED, plan=plan, url=conference_url(request.conference)
        )
    return request
