"""Early signals on the API, for a partner that reports arrears: a partner system with the
`signals` scope, or the partner's staff through the session. Sending one needs an
`Idempotency-Key`: sent again with the same body it answers the same signal, never a
second one. Reading gives only what the partner's page gives: whether contact was made
and help accepted, never content."""

from __future__ import annotations

import hashlib
import json
import re

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from samenplan.audit import context as audit
from samenplan.sharing import policy

from .. import services
from ..base import ApiView
from ..permissions import is_client, person_or_client_with
from ..problems import Conflict
from ..selectors import partner_signal, partner_signals
from ..serializers_signals import SignalBody, SignalStatus

TAGS = ["signals"]
# A UUID, or 1 to 64 characters that are safe anywhere (letters, digits, - _ . :).
_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def _signal_filter(user):
    return policy.client_signal_filter(user) if is_client(user) else policy.partner_signal_filter(user)


def _sends(user) -> bool:
    return policy.client_sends_signals(user) if is_client(user) else policy.sends_signals(user)


def _request_hash(data) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _SignalView(ApiView):
    permission_classes = [person_or_client_with("signals")]


class Signals(_SignalView):
    @extend_schema(
        operation_id="signals_list",
        tags=TAGS,
        summary=gettext_lazy("Your early signals"),
        description=gettext_lazy(
            "The signals the caller's organisation sent, newest first, each with only whether "
            "the wijk team made contact and whether help was accepted; never content."
        ),
        responses=SignalStatus(many=True),
    )
    def get(self, request):
        page = self.paginate(partner_signals(where=_signal_filter(request.user)), SignalStatus)
        audit.note_records("signal", [row["id"] for row in page.data["results"]])
        return page

    @extend_schema(
        operation_id="signal_create",
        tags=TAGS,
        summary=gettext_lazy("Send an early signal"),
        description=gettext_lazy(
            "One payment-arrears signal, checked as a row of the partner's file and sent to the "
            "wijk team of its postcode. The `Idempotency-Key` header is required: the first call "
            "creates (201); the same key with the same body answers the same signal again (200); "
            "the same key with another body answers 409. Keys are kept 24 hours per caller. A "
            "reference sent before answers 409."
        ),
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                {"type": "string", "pattern": _KEY.pattern},
                OpenApiParameter.HEADER,
                required=True,
                description=gettext_lazy("A UUID, or 1 to 64 letters, digits or - _ . :"),
            )
        ],
        request=SignalBody,
        responses={
            201: OpenApiResponse(SignalStatus, description=gettext_lazy("Created.")),
            200: OpenApiResponse(SignalStatus, description=gettext_lazy("Sent before with this key.")),
        },
    )
    def post(self, request):
        user = request.user
        if not _sends(user):
            raise NotFound()
        key = request.headers.get("Idempotency-Key", "")
        if not _KEY.match(key):
            raise ValidationError(
                {"Idempotency-Key": [_("Send a header Idempotency-Key: a UUID, or 1 to 64 letters, digits or - _ . :")]}
            )
        body = SignalBody(data=request.data)
        body.is_valid(raise_exception=True)
        client = user if is_client(user) else None
        try:
            signal, created = services.signal_submit(
                partner=user.organisation,
                key=key,
                request_hash=_request_hash(request.data),
                values=body.service_values(),
                client=client,
                user=None if client else user,
            )
        except services.IdempotencyConflict:
            raise Conflict(_("This Idempotency-Key was used before with another body. Use a new key.")) from None
        except services.SignalRefused as refused:
            if refused.already_sent:
                raise Conflict(_("A signal with this reference was sent before.")) from None
            raise ValidationError(refused.problems) from None
        row = partner_signal(where=_signal_filter(user), signal_id=signal.pk)
        location = reverse("api:signal", args=[signal.pk])
        return Response(
            SignalStatus(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": request.build_absolute_uri(location)},
        )


class SignalRead(_SignalView):
    @extend_schema(
        operation_id="signal_read",
        tags=TAGS,
        summary=gettext_lazy("One of your early signals"),
        description=gettext_lazy(
            "Whether the wijk team made contact and whether help was accepted; another "
            "organisation's signal answers 404."
        ),
        responses=SignalStatus,
    )
    def get(self, request, signalId):
        row = partner_signal(where=_signal_filter(request.user), signal_id=signalId)
        return Response(SignalStatus(row).data)
