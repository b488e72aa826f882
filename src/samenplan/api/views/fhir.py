"""The plan as a FHIR R4B Bundle (`exchange/fhir.py`): the same Bundle and the same audit
entry as the plan's download, for the app's own pages and a person's own health app with
their session. Partner systems never get a plan (`permissions.Person`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from samenplan.exchange.fhir import plan_bundle
from samenplan.sharing import policy

from ..base import ApiView


class FhirJsonRenderer(JSONRenderer):
    """FHIR's own media type; the same JSON."""

    media_type = "application/fhir+json"
    format = "fhir"


class PlanFhir(ApiView):
    # FHIR's media type first (what a client gets when it asks for anything), plain JSON
    # for a client that asks for that.
    renderer_classes = [FhirJsonRenderer, JSONRenderer]

    @extend_schema(
        operation_id="plan_fhir_read",
        tags=["fhir"],
        summary=_("The plan as a FHIR R4B Bundle"),
        description=_(
            "The plan as a FHIR R4B Bundle of type collection, for a personal health environment "
            "(PGO) or a care provider's system: Patient, CarePlan, Goal, CareTeam with RelatedPerson "
            "and PractitionerRole, Consent, Questionnaire and QuestionnaireResponse, ServiceRequest "
            "and Task, each only for the parts the caller may see. Answers application/fhir+json, "
            "or application/json when asked. See docs/exchange.md for every field."
        ),
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description=_("A FHIR R4B Bundle (resourceType Bundle, type collection)."),
            )
        },
    )
    def get(self, request, planId):
        access = policy.plan_access(request.user, planId)
        return Response(plan_bundle(access=access))
