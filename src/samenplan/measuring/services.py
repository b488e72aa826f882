from django.db import transaction
from django.http import Http404

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Evaluation
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import PlanAccess

from .models import Answer, Instrument, Measurement


@transaction.atomic
def measurement_record(
    *,
    access: PlanAccess,
    instrument: Instrument,
    perspective: str,
    answers: dict[int, tuple[int, bool]],
    evaluation: Evaluation | None = None,
    note: str = "",
) -> Measurement:
    """Store a filled-in instrument. Only the resident records the resident's view; a
    professional in the plan may record their own view beside it, never in its place."""
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.ASSESSMENT, Level.CONTRIBUTE)
    if perspective == Measurement.Perspective.RESIDENT and not access.can_record_resident_assessment:
        raise Http404
    if perspective == Measurement.Perspective.PROFESSIONAL and not access.can_record_professional_assessment:
        raise Http404
    if evaluation is not None and evaluation.plan_id != access.plan.pk:
        raise Http404
    measurement = Measurement.objects.create(
        plan=access.plan,
        instrument=instrument,
        perspective=perspective,
        recorded_by=access.user,
        on_behalf=access.acts_on_behalf,
        evaluation=evaluation,
        note=note,
    )
    valid_items = {item.pk for item in instrument.items.all()}
    Answer.objects.bulk_create(
        Answer(measurement=measurement, item_id=item_id, value=value, wants_to_talk=talk)
        for item_id, (value, talk) in answers.items()
        if item_id in valid_items and instrument.min_value <= value <= instrument.max_value
    )
    return measurement
