import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from samenplan.sharing.policy import plan_access

from .fhir import plan_bundle

FHIR_JSON = "application/fhir+json"


@login_required
def plan_fhir(request, plan_id):
    """The plan as a FHIR R4B Bundle file, with what this user may see, for a health app
    (PGO) or a care provider's system."""
    access = plan_access(request.user, plan_id)
    bundle = plan_bundle(access=access)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=2), content_type=f"{FHIR_JSON}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="samenplan-plan-{access.plan.pk}.fhir.json"'
    return response
