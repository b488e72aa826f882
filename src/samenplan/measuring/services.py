from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

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
    _save_answers(measurement, instrument, answers)
    return measurement


def _save_answers(measurement: Measurement, instrument: Instrument, answers: dict[int, tuple[int, bool]]) -> None:
    valid_items = {item.pk for item in instrument.items.all()}
    Answer.objects.bulk_create(
        Answer(measurement=measurement, item_id=item_id, value=value, wants_to_talk=talk)
        for item_id, (value, talk) in answers.items()
        if item_id in valid_items and instrument.min_value <= value <= instrument.max_value
    )


def _require_resident_voice(access: PlanAccess) -> None:
    access.require(Part.ASSESSMENT, Level.CONTRIBUTE)
    if not access.can_record_resident_assessment:
        raise Http404


@transaction.atomic
def measurement_step_save(
    *,
    access: PlanAccess,
    instrument: Instrument,
    item_ids: list[int],
    answers: dict[int, tuple[int, bool]],
    next_step: int,
    evaluation: Evaluation | None = None,
    note: str | None = None,
) -> Measurement:
    """Keep the answers of one step of the resident's self-assessment in its draft (started
    here if there is none), so nothing is lost when they stop halfway."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_resident_voice(access)
    if evaluation is not None and evaluation.plan_id != access.plan.pk:
        raise Http404
    draft = (
        Measurement.objects.select_for_update()
        .filter(plan=access.plan, instrument=instrument, perspective=Measurement.Perspective.RESIDENT, is_draft=True)
        .first()
    )
    if draft is None:
        audit.note_action(AuditEntry.Action.CREATE)
        try:
            with transaction.atomic():
                draft = Measurement.objects.create(
                    plan=access.plan,
                    instrument=instrument,
                    perspective=Measurement.Perspective.RESIDENT,
                    recorded_by=access.user,
                    on_behalf=access.acts_on_behalf,
                    evaluation=evaluation,
                    is_draft=True,
                    step=next_step,
                )
        except IntegrityError:
            # A second tab (or a double click) started the draft a moment ago: add to that one.
            draft = Measurement.objects.select_for_update().get(
                plan=access.plan, instrument=instrument, perspective=Measurement.Perspective.RESIDENT, is_draft=True
            )
    if draft.step != next_step:
        draft.step = next_step
        draft.save(update_fields=["step"])
    if note is not None:
        draft.note = note
        draft.save(update_fields=["note"])
    # The answers of this step replace what was there: a skipped question is skipped again.
    draft.answers.filter(item_id__in=item_ids).delete()
    _save_answers(draft, instrument, {pk: answer for pk, answer in answers.items() if pk in item_ids})
    return draft


@transaction.atomic
def measurement_finish(*, access: PlanAccess, measurement: Measurement, note: str = "") -> Measurement:
    """The resident says the self-assessment is done: from now on it is their latest time."""
    audit.note_action(AuditEntry.Action.UPDATE)
    _require_resident_voice(access)
    if measurement.plan_id != access.plan.pk or not measurement.is_draft:
        raise Http404
    # It counts from the moment it was finished, and is the work of who finished it. Only a
    # draft is finished: "Klaar" pressed in two tabs finishes it once.
    fields = {
        "is_draft": False,
        "note": note,
        "recorded_at": timezone.now(),
        "recorded_by": access.user,
        "on_behalf": access.acts_on_behalf,
    }
    Measurement.objects.filter(pk=measurement.pk, is_draft=True).update(**fields)
    for name, value in fields.items():
        setattr(measurement, name, value)
    return measurement
