"""The referral inbox on the API, for the receiving organisation: a partner system with the
`referrals` scope (its organisation's queue), or a professional through the session (their
own team queue). Each referral shows what the inbox page shows; a state change goes
through the same services as the page, with the version read (409 on a conflict).

A partner system never becomes a plan member itself: to accept or reject it names the
professional of its own organisation who does (`acceptedBy`, `rejectedBy`); to start,
complete or fail a referral it acts for the professional who took it on."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from samenplan.referrals import selectors_inbox, services
from samenplan.sharing import policy

from ..base import ApiView
from ..permissions import is_client, person_or_client_with
from ..problems import Conflict
from ..selectors import note_referrals_listed, referral_queue
from ..serializers_referrals import (
    InboxReferral,
    InboxReferralDetail,
    ReferralAcceptBody,
    ReferralCompleteBody,
    ReferralFailBody,
    ReferralRejectBody,
    ReferralStartBody,
    ReferralState,
    referral_detail,
    referral_state,
)

TAGS = ["referrals"]


class _InboxView(ApiView):
    permission_classes = [person_or_client_with("referrals")]


def _access(request, referral_id, *, acting_email: str | None = None):
    if is_client(request.user):
        return policy.client_received_referral(request.user, referral_id, acting_email=acting_email)
    return policy.received_referral(request.user, referral_id)


class Referrals(_InboxView):
    @extend_schema(
        operation_id="referrals_list",
        tags=TAGS,
        summary=gettext_lazy("The referral inbox"),
        description=gettext_lazy(
            "The open referrals sent to the caller's organisation once the resident consented, "
            "oldest first: for a partner system with the `referrals` scope its organisation's "
            "queue, for a professional their team queue. Never the question: open one for that."
        ),
        responses=InboxReferral(many=True),
    )
    def get(self, request):
        user = request.user
        where = policy.client_referral_filter(user) if is_client(user) else policy.referral_inbox_filter(user)
        referrals = list(referral_queue(where=where))
        note_referrals_listed(referrals)
        return self.paginate(referrals, InboxReferral)


class ReferralRead(_InboxView):
    @extend_schema(
        operation_id="referral_read",
        tags=TAGS,
        summary=gettext_lazy("One referral in the inbox"),
        description=gettext_lazy(
            "While the referral is open: the question, how the resident wants to be reached and "
            "exactly the parts of the plan the resident consented to share, view only. Once it "
            "is closed only its state and outcome. Another organisation's referral answers 404."
        ),
        responses=InboxReferralDetail,
    )
    def get(self, request, referralId):
        ra = _access(request, referralId)
        detail = selectors_inbox.received_referral_detail(referral_access=ra)
        return Response(InboxReferralDetail(referral_detail(detail)).data)


# Who a partner system names for a change that needs a person, per action.
ACTING_FIELD = {"accept": "acceptedBy", "reject": "rejectedBy"}


def _answer(action: str, ra, data: dict):
    common = {"referral_access": ra, "version": data["version"]}
    if action == "accept":
        return services.referral_accept(**common)
    if action == "reject":
        suggested = None
        if data.get("suggestedServiceId") is not None:
            services_offered = selectors_inbox.services_to_suggest(referral=ra.referral)
            suggested = next((s for s in services_offered if s.pk == data["suggestedServiceId"]), None)
            if suggested is None:
                raise ValidationError({"suggestedServiceId": [_("No service with this id takes referrals.")]})
        return services.referral_reject(**common, reason=data["reason"], suggested_service=suggested)
    if action == "start":
        return services.referral_start(**common)
    if action == "complete":
        return services.referral_complete(**common, outcome=data["outcome"], note=data.get("note", ""))
    return services.referral_fail(**common, reason=data["reason"])


def _conflict_detail(ra) -> str:
    return _(
        "The referral changed in the meantime: it is now “%(state)s” (version %(version)s). Nothing was saved."
    ) % {
        "state": ra.referral.get_status_display(),
        "version": ra.referral.version,
    }


class _ReferralAction(_InboxView):
    action = ""
    body = ReferralStartBody

    def post(self, request, referralId):
        body = self.body(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        field = ACTING_FIELD.get(self.action)
        client = is_client(request.user)
        if client and field:
            ra = _access(request, referralId, acting_email=data.get(field) or "")
            if ra.user is None:
                reason = (
                    _("No active professional of your organisation who handles referrals has this email address.")
                    if data.get(field)
                    else _("Name the professional of your organisation who does this (their email address).")
                )
                raise ValidationError({field: [reason]})
        else:
            if field and data.get(field):
                raise ValidationError({field: [_("Only a partner system names someone here; leave it out.")]})
            ra = _access(request, referralId)
        if client and not field and not getattr(ra, f"can_{self.action}"):
            # Nobody of the organisation has it (or it is not in that state): a conflict, not a 404.
            raise Conflict(_conflict_detail(ra))
        try:
            referral = _answer(self.action, ra, data)
        except services.ReferralConflict:
            ra.referral.refresh_from_db()
            raise Conflict(_conflict_detail(ra)) from None
        return Response(ReferralState(referral_state(referral)).data, status=status.HTTP_200_OK)


def _action_view(action: str, body, summary, description):
    # A function of its own per action: the schema annotation is kept on the function.
    def post(self, request, referralId):
        return _ReferralAction.post(self, request, referralId)

    post = extend_schema(
        operation_id=f"referral_{action}",
        tags=TAGS,
        summary=summary,
        description=description,
        request=body,
        responses=ReferralState,
    )(post)
    return type(f"Referral{action.title()}", (_ReferralAction,), {"action": action, "body": body, "post": post})


ReferralAccept = _action_view(
    "accept",
    ReferralAcceptBody,
    gettext_lazy("Accept a referral"),
    gettext_lazy(
        "Take the referral on. The professional who takes it becomes a member of the resident's "
        "plan with the consented parts, view only. A partner system names that professional "
        "(`acceptedBy`, an active professional of its own organisation; 400 otherwise)."
    ),
)
ReferralReject = _action_view(
    "reject",
    ReferralRejectBody,
    gettext_lazy("Reject a referral"),
    gettext_lazy(
        "Say you cannot take it on, with a reason the resident and the sender read; optionally "
        "point to another service. A partner system names who rejects it (`rejectedBy`)."
    ),
)
ReferralStart = _action_view(
    "start",
    ReferralStartBody,
    gettext_lazy("Start a referral"),
    gettext_lazy("Note that the help has started. Only for who took it on (a partner system acts for them)."),
)
ReferralComplete = _action_view(
    "complete",
    ReferralCompleteBody,
    gettext_lazy("Complete a referral"),
    gettext_lazy("Done, with an outcome; what the resident shared is closed to the organisation again."),
)
ReferralFail = _action_view(
    "fail",
    ReferralFailBody,
    gettext_lazy("A referral could not go ahead"),
    gettext_lazy("It could not go ahead, with a reason; what the resident shared is closed again."),
)
