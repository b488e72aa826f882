"""A plan member's side of the API: the plans they are in, and of each plan the parts they
may see, their agreements, messages and referrals. For the app's own pages, with the
person's session; partner systems never see a plan (`permissions.Person`).

Every endpoint asks the same policy as the pages (`policy.plan_access`, which notes the
access for the audit log) and requires each part from it before reading it, through the
same selectors as the pages or, for the plan read, as plain values (`plan_read`), so the
audit entry names the same parts as the page's would. A plan that does not exist and one
that is not the caller's both answer 404, and the refusal is logged as denied."""

from __future__ import annotations

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from samenplan.audit import context as audit
from samenplan.conversations.selectors import thread_list
from samenplan.plans import selectors, services
from samenplan.plans.models import Agreement
from samenplan.referrals.selectors import who_helps
from samenplan.sharing import policy
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

from ..base import ApiView
from ..problems import Conflict
from ..serializers_plans import (
    AgreementDoneSerializer,
    AgreementSerializer,
    PlanReadSerializer,
    PlanSummarySerializer,
    ReferralSerializer,
    ThreadSerializer,
    agreement_data,
    plan_fields,
    when,
)

TAGS = ["plans"]


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
    rows = list(selectors.visible_agreements(access=access).values_list(*AGREEMENT_COLUMNS, "version"))
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


class Plans(ApiView):
    @extend_schema(
        operation_id="plans_list",
        tags=TAGS,
        summary=_("My plans"),
        description=_(
            "The plans the caller may open: their own and those they are a member of with "
            "something to see. Each says the caller's place in it and which parts they may see."
        ),
        responses=PlanSummarySerializer(many=True),
    )
    def get(self, request):
        accesses = sorted(policy.accessible_plans(request.user), key=lambda access: access.plan.pk)
        # A list of plans, like the caseload: which plans were shown, no part of them.
        audit.note_list(plan_ids=[access.plan.pk for access in accesses], parts=set())
        return self.paginate(accesses, PlanSummarySerializer)


class PlanRead(ApiView):
    @extend_schema(
        operation_id="plan_read",
        tags=TAGS,
        summary=_("One plan"),
        description=_(
            "Every part of the plan the caller may see, as on the plan's pages; a part they "
            "may not see is left out, and `parts` says which they may see. A member who does "
            "not see the agreements part gets the agreements given to them."
        ),
        responses=PlanReadSerializer,
    )
    def get(self, request, planId):
        access = policy.plan_access(request.user, planId)
        return Response(PlanReadSerializer(plan_read(access=access)).data)


class PlanAgreements(ApiView):
    @extend_schema(
        operation_id="plan_agreements_list",
        tags=TAGS,
        summary=_("The agreements of a plan"),
        description=_(
            "All agreements for a caller who may see the agreements part; otherwise only the "
            "ones given to them (404 when there are none)."
        ),
        responses=AgreementSerializer(many=True),
    )
    def get(self, request, planId):
        access = policy.plan_access(request.user, planId)
        agreements = selectors.agreement_list(access=access, or_404=True)
        sees_goals = access.can_view(Part.GOALS)
        rows = [agreement_data(a, user_id=request.user.pk, sees_goals=sees_goals) for a in agreements]
        return self.paginate(rows, AgreementSerializer)


class PlanMessages(ApiView):
    @extend_schema(
        operation_id="plan_messages_list",
        tags=TAGS,
        summary=_("The conversations of a plan"),
        description=_(
            "The threads the caller takes part in, with their messages, while they may see the "
            "conversations part (404 otherwise); the resident sees every thread."
        ),
        responses=ThreadSerializer(many=True),
    )
    def get(self, request, planId):
        access = policy.plan_access(request.user, planId)
        threads = thread_list(access=access, with_messages=True)
        return self.paginate(threads, ThreadSerializer)


class PlanReferrals(ApiView):
    @extend_schema(
        operation_id="plan_referrals_list",
        tags=TAGS,
        summary=_("The referrals of a plan"),
        description=_(
            "Every referral of the plan to other help, open ones first, as the plan's "
            '"Who helps" page shows them: for whoever may see the agreements (404 otherwise).'
        ),
        responses=ReferralSerializer(many=True),
    )
    def get(self, request, planId):
        access = policy.plan_access(request.user, planId)
        page = who_helps(access=access)
        return self.paginate(page.open_referrals + page.closed_referrals, ReferralSerializer)


class AgreementDone(ApiView):
    @extend_schema(
        operation_id="plan_agreement_done",
        tags=TAGS,
        summary=_("Mark an agreement as done"),
        description=_(
            "As the Done button on the plan's agreements page: for whoever may change the "
            "agreement (its assignee too), in an open plan. `version` is the one read with the "
            "agreement: if someone changed it since, nothing is saved and the answer is 409."
        ),
        request=AgreementDoneSerializer,
        responses=AgreementSerializer,
    )
    def post(self, request, planId, agreementId):
        access = policy.plan_access(request.user, planId)
        agreement = selectors.agreement_get(access=access, agreement_id=agreementId, to_update=True)
        given = AgreementDoneSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.agreement_mark(
                access=access,
                agreement=agreement,
                status=Agreement.Status.DONE,
                base_version=given.validated_data["version"],
            )
        except services.EditConflict as conflict:
            message = gettext("Someone changed this agreement in the meantime. Read it again and try again.")
            raise Conflict(message) from conflict
        agreement = selectors.agreement_get(access=access, agreement_id=agreement.pk)
        return Response(agreement_data(agreement, user_id=request.user.pk, sees_goals=access.can_view(Part.GOALS)))
