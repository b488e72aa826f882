"""Reads for the organisation admin's connection pages, for the partner-facing API (the
referral inbox and a partner's signals) and for a plan member's plan read. Who sees what is
the policy's decision."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Max, Value, When
from django.http import Http404
from django.utils.translation import get_language

from samenplan.audit import context as audit
from samenplan.early_signals.models import Signal
from samenplan.plans import selectors as plan_selectors
from samenplan.referrals.models import Referral
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess, managed_organisation

from .models import ApiClient
from .serializers_plans import plan_fields, when


def client_list(*, user):
    """The connections of the organisation this user manages, newest first, with when a
    token was last asked for (tokens of a revoked connection are gone)."""
    organisation = managed_organisation(user)
    return (
        ApiClient.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .annotate(last_token_at=Max("application__accesstoken__created"))
        .order_by("revoked_at", "-created_at", "-id")
    )


def managed_client(*, user, client_id) -> ApiClient:
    """A connection of the organisation this user manages; a 404 for anyone else."""
    organisation = managed_organisation(user)
    client = ApiClient.objects.filter(pk=client_id, organisation=organisation).select_related("application").first()
    if client is None:
        raise Http404
    return client


def referral_queue(*, where):
    """The open referrals matching the policy's filter, oldest first, in one query."""
    return (
        Referral.objects.filter(where, status__in=Referral.OPEN)
        .select_related("plan__owner", "service", "assigned_to", "proposed_by__organisation")
        .defer("question")
        .order_by("consented_at", "id")
    )


def note_referrals_listed(referrals) -> None:
    """The list names the residents of the referrals on it (first name only): a read."""
    audit.note_list(plan_ids=sorted({referral.plan_id for referral in referrals}), parts=set())


def partner_signals(*, where):
    """A partner's own signals, newest first, as rows with only whether contact was made
    and help accepted (as on the partner's page): one query per page."""
    return (
        Signal.objects.filter(where)
        .order_by("-created_at", "-id")
        .annotate(
            helped=Case(
                When(outcome__in=Signal.HELP_ACCEPTED, then=Value(1)),
                When(closed_at__isnull=False, then=Value(0)),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
        .values("id", "partner_reference", "created_at", "kind", "first_contact_at", "helped")
    )


def partner_signal(*, where, signal_id) -> dict:
    """One of the partner's own signals as a row; a 404 (noted as refused) otherwise."""
    try:
        row = partner_signals(where=where).get(pk=int(signal_id))
    except (Signal.DoesNotExist, ValueError, TypeError):
        audit.note_denied_record("signal", signal_id)
        raise Http404 from None
    audit.note_records("signal", [row["id"]])
    return row


def _person(first: str | None, last: str | None, username: str | None) -> str | None:
    """A user's display name from its columns (`User.display_name`); None without a user."""
    if username is None:
        return None
    return f"{first} {last}".strip() or username


def _local(dutch: str, english: str) -> str:
    """Reference data in the active language (`lib.localized.Localized`)."""
    return english if english and (get_language() or "nl").startswith("en") else dutch


def plan_read(*, access: PlanAccess) -> dict:
    """Every part of the plan this caller may see, as plain data. Each part is required from
    the policy before it is read (which also notes it for the audit log), as the selectors
    do; the rows are read as plain values, as the plan's start page does, because building
    model objects for every goal, agreement and member would cost more than the page."""
    plan = access.plan
    data = {"plan": plan_fields(access), "onlyOwnAgreements": not access.can_view(Part.AGREEMENTS)}
    if access.can_view(Part.STORY):
        access.require(Part.STORY)
        story = plan.story_versions.values_list(
            "number",
            "text",
            "written_by__first_name",
            "written_by__last_name",
            "written_by__username",
            "on_behalf",
            "written_at",
            "confirmed_at",
        ).first()
        data["story"] = None
        if story is not None:
            number, text, first, last, username, on_behalf, written_at, confirmed_at = story
            data["story"] = {
                "version": number,
                "text": text,
                "writtenBy": _person(first, last, username),
                "onBehalfOfResident": on_behalf,
                "writtenAt": when(written_at),
                "confirmedAt": when(confirmed_at),
            }
    if access.can_view(Part.PRIORITIES):
        access.require(Part.PRIORITIES)
        rows = plan.priorities.values_list("rank", "domain__resident_name", "domain__resident_name_en", "note")
        data["priorities"] = [{"rank": r, "areaOfLife": _local(nl, en), "why": why} for r, nl, en, why in rows]
    if access.can_view(Part.STRENGTHS):
        access.require(Part.STRENGTHS)
        rows = sorted(plan.strengths.values_list("kind", "rank", "text", "who"), key=lambda row: row[0] != "self")
        data["strengths"] = [{"kind": k, "rank": r, "what": text, "who": who} for k, r, text, who in rows]
    if access.can_view(Part.ASSESSMENT):
        access.require(Part.ASSESSMENT)
        data["assessment"] = _latest_measurements(access)
    if access.can_view(Part.GOALS):
        access.require(Part.GOALS)
        rows = plan.goals.values_list(
            "id", "text", "domain__resident_name", "domain__resident_name_en", "target_date", "status", "helpers"
        )
        data["goals"] = [
            {
                "id": pk,
                "text": text,
                "areaOfLife": _local(nl, en) if nl else None,
                "targetDate": when(target_date),
                "status": status,
                "whoHelps": helpers,
            }
            for pk, text, nl, en, target_date, status, helpers in rows
        ]
    agreements = _agreements(access)
    if agreements or access.can_view(Part.AGREEMENTS):
        data["agreements"] = agreements
    if access.can_view(Part.EVALUATIONS):
        access.require(Part.EVALUATIONS)
        rows = plan.evaluations.values_list("id", "scheduled_for", "held_at", "summary")
        data["evaluations"] = [
            {"id": pk, "plannedFor": when(planned), "heldAt": when(held), "summary": summary}
            for pk, planned, held, summary in rows
        ]
    if access.can_view(Part.NETWORK):
        access.require(Part.NETWORK)
        data["members"] = _members(access)
    return data


def _latest_measurements(access: PlanAccess) -> list[dict]:
    """The newest finished measurement per instrument and perspective
    (`measuring.selectors.latest_measurements`)."""
    rows = (
        access.plan.measurements.filter(is_draft=False)
        .order_by("-recorded_at", "-id")
        .values_list(
            "instrument_id",
            "perspective",
            "instrument__name",
            "instrument__name_en",
            "recorded_at",
            "recorded_by__first_name",
            "recorded_by__last_name",
            "recorded_by__username",
            "note",
        )
    )
    seen, latest = set(), []
    for instrument_id, perspective, nl, en, recorded_at, first, last, username, note in rows:
        if (instrument_id, perspective) not in seen:
            seen.add((instrument_id, perspective))
            latest.append(
                {
                    "instrument": _local(nl, en),
                    "perspective": perspective,
                    "recordedAt": when(recorded_at),
                    "recordedBy": _person(first, last, username),
                    "note": note,
                }
            )
    return latest


AGREEMENT_COLUMNS = ("id", "what", "who_kind", "who_name", "due_date", "status", "support", "goal_id", "assignee_id")


def _agreements(access: PlanAccess) -> list[dict]:
    """All agreements for who may see the part, otherwise only the caller's own
    (`plans.selectors.agreement_list`)."""
    rows = list(plan_selectors.visible_agreements(access=access).values_list(*AGREEMENT_COLUMNS, "version"))
    if rows:
        access.touched.add(Part.AGREEMENTS)
    sees_goals, user_id = access.can_view(Part.GOALS), access.user.pk
    return [
        {
            "id": pk,
            "what": what,
            "who": who,
            "name": name,
            "dueDate": when(due),
            "status": status,
            "support": support,
            "goalId": goal_id if sees_goals else None,
            "assignedToMe": assignee_id == user_id,
            "version": version,
        }
        for pk, what, who, name, due, status, support, goal_id, assignee_id, version in rows
    ]


def _members(access: PlanAccess) -> list[dict]:
    """The people in the plan's network (`plans.selectors.member_list`)."""
    rows = access.plan.memberships.filter(ended_at__isnull=True).values_list(
        "id",
        "user__first_name",
        "user__last_name",
        "user__username",
        "name",
        "relation",
        "role",
        "organisation__name",
        "organisation_name",
        "helps_with",
    )
    return [
        {
            "id": pk,
            "name": _person(first, last, username) or name,
            "relation": relation,
            "role": role,
            "organisation": organisation or organisation_name,
            "helpsWith": helps_with,
        }
        for pk, first, last, username, name, relation, role, organisation, organisation_name, helps_with in rows
    ]
