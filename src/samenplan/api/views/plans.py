"""A plan member's side of the API: the plans they are in, and of each plan the parts they
may see, their agreements, messages and referrals. For the app's own pages, with the
person's session; partner systems never see a plan (`permissions.Person`).

Every endpoint asks the same policy as the pages (`policy.plan_access`, which notes the
access for the audit log) and requires each part from it before reading it, through the
same selectors as the pages or, for the plan read, as plain values (`selectors.plan_read`),
so the audit entry names the same parts as the page's would. A plan that does not exist and one
that is not the caller's both answer 404, and the refusal is logged as denied."""

from __future__ import annotations

from django.utils.translation import gettext
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

from ..base import ApiView
from ..problems import Conflict
from ..selectors import plan_read
from ..serializers_plans import (
    AgreementDoneSerializer,
    AgreementSerializer,
    PlanReadSerializer,
    PlanSummarySerializer,
    ReferralSerializer,
    ThreadSerializer,
    agreement_data,
)

TAGS = ["plans"]


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
