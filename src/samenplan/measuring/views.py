from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.selectors import evaluation_get
from samenplan.plans.shell import may_open_progress, plan_context, viewer_owner_name
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import plan_access

from .forms import FinishForm, MeasurementForm
from .models import Measurement
from .selectors import assessment_overview, draft_get, instrument_get, progress_over_time
from .services import measurement_finish, measurement_record, measurement_step_save


@login_required
def overview(request, plan_id):
    """How it is going: per instrument a spider web and a table, the resident's first and
    latest answers compared, a professional's view beside them."""
    access = plan_access(request.user, plan_id, part=Part.ASSESSMENT)
    summaries = assessment_overview(access=access)
    # The resident is spoken to; everyone else reads about them by first name.
    about = None if access.is_owner else access.plan.owner.first_name or access.plan.owner.display_name
    return render(
        request,
        "measuring/overview.html",
        plan_context(access, Part.ASSESSMENT.value, summaries=summaries, about=about),
    )


@login_required
def record(request, plan_id, code):
    """Fill in an instrument. The resident goes step by step (the page opens at their first or
    next step); a professional records their own view on one page. A whole form posted here
    is recorded at once, whoever sends it."""
    access = plan_access(request.user, plan_id, part=Part.ASSESSMENT, level=Level.CONTRIBUTE)
    instrument = instrument_get(code=code)
    if instrument is None:
        raise Http404
    if access.can_record_resident_assessment:
        perspective = Measurement.Perspective.RESIDENT
    elif access.can_record_professional_assessment:
        perspective = Measurement.Perspective.PROFESSIONAL
    else:
        raise Http404
    evaluation = _evaluation(request, access)
    professional = perspective == Measurement.Perspective.PROFESSIONAL
    if request.method == "GET" and not professional:
        return _step_page(request, access, instrument, evaluation, step=None)
    form = MeasurementForm(posted(request), instrument=instrument, professional=professional, yes_no=False)
    if request.method == "POST" and form.is_valid():
        measurement_record(
            access=access,
            instrument=instrument,
            perspective=perspective,
            answers=form.answers(),
            evaluation=evaluation,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Thank you. Your answers are saved."))
        return redirect("assessment", access.plan.pk)
    return render(
        request,
        "measuring/record.html",
        plan_context(
            access,
            Part.ASSESSMENT.value,
            form=form,
            instrument=instrument,
            professional=professional,
            evaluation=evaluation,
        ),
    )


@login_required
def steps(request, plan_id, code):
    """The resident's self-assessment, one question per page (`?step=3`), then a page to check
    the answers and finish. Every step is kept in a draft, so "Later verder" loses nothing."""
    access = plan_access(request.user, plan_id, part=Part.ASSESSMENT, level=Level.CONTRIBUTE)
    instrument = instrument_get(code=code)
    if instrument is None or not access.can_record_resident_assessment:
        raise Http404
    evaluation = _evaluation(request, access)
    data = request.POST if request.method == "POST" else request.GET
    return _step_page(request, access, instrument, evaluation, step=_number(data.get("step")))


def _evaluation(request, access):
    if request.GET.get("evaluation"):
        return evaluation_get(access=access, evaluation_id=_number(request.GET["evaluation"]) or 0)
    return None


def _number(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _step_page(request, access, instrument, evaluation, *, step):
    items = list(instrument.items.all())
    total = len(items)
    draft = draft_get(access=access, instrument=instrument)
    if step is None:
        step = draft.step if draft else 1
    # The last step (one past the questions) is the page to check the answers and finish.
    step = min(max(step, 1), total + 1)
    answers = {answer.item_id: answer for answer in draft.answers.all()} if draft else {}
    query = f"?{urlencode({'evaluation': evaluation.pk})}" if evaluation else ""
    base = reverse("assessment_steps", args=[access.plan.pk, instrument.code])
    action = request.POST.get("action") if request.method == "POST" else None

    def go(number):
        return redirect(f"{base}?{urlencode({'step': number} | ({'evaluation': evaluation.pk} if evaluation else {}))}")

    def later():
        messages.success(request, _("Your answers are kept. You can go on later where you stopped."))
        return redirect("plan", access.plan.pk)

    if step <= total:
        item = items[step - 1]
        initial = {}
        if item.pk in answers:
            initial = {f"item_{item.pk}": answers[item.pk].value, f"talk_{item.pk}": answers[item.pk].wants_to_talk}
        form = MeasurementForm(posted(request), instrument=instrument, items=[item], with_note=False, initial=initial)
        if action and form.is_valid():
            given = form.answers()
            moving = {"back": step - 1, "later": step + 1 if given else step}.get(action, step + 1)
            if given or draft is not None:
                measurement_step_save(
                    access=access,
                    instrument=instrument,
                    item_ids=[item.pk],
                    answers=given,
                    next_step=max(moving, 1),
                    evaluation=evaluation,
                )
            return later() if action == "later" else go(max(moving, 1))
        context = {"item": item, "form": form, "options": form.options(item), "picture": _picture(item)}
    else:
        form = FinishForm(posted(request), initial={"note": draft.note if draft else ""})
        if action and form.is_valid():
            note = form.cleaned_data["note"]
            if action == "finish":
                if draft is not None and answers:
                    measurement_finish(access=access, measurement=draft, note=note)
                    messages.success(request, _("Thank you. Your answers are saved."))
                    return redirect("assessment", access.plan.pk)
                form.add_error(None, _("Choose an answer for at least one question."))
            else:
                if draft is not None:
                    measurement_step_save(
                        access=access,
                        instrument=instrument,
                        item_ids=[],
                        answers={},
                        next_step=total if action == "back" else step,
                        note=note,
                    )
                return later() if action == "later" else go(total)
        context = {"form": form, "checklist": _checklist(items, answers, instrument)}
    return render(
        request,
        "measuring/step.html",
        plan_context(
            access,
            Part.ASSESSMENT.value,
            instrument=instrument,
            evaluation=evaluation,
            step=step,
            total=total,
            action_url=base + query,
            answered=len(answers),
            **context,
        ),
    )


# The pictures made for the shipped life domains (and the two health-wheel dimensions
# without a domain). A domain a municipality adds goes without a picture.
PICTURES = {
    "financien",
    "werk-opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke-relaties",
    "geestelijke-gezondheid",
    "lichamelijke-gezondheid",
    "middelengebruik",
    "basale-adl",
    "instrumentele-adl",
    "sociaal-netwerk",
    "maatschappelijke-participatie",
    "justitie",
    "zingeving",
    "kwaliteit-van-leven",
}


def _picture(item) -> str | None:
    code = item.domain.code if item.domain else item.code
    return f"measuring/domains/{code}.svg" if code in PICTURES else None


def _checklist(items, answers, instrument):
    """Per question what was chosen, in words, and the step to change it at."""
    form = MeasurementForm(instrument=instrument, items=items, with_note=False)
    rows = []
    for number, item in enumerate(items, start=1):
        answer = answers.get(item.pk)
        words = None
        if answer is not None:
            words = next(
                (str(label) for value, label in form.choices(item) if value == answer.value), str(answer.value)
            )
        rows.append({"number": number, "item": item, "words": words, "talk": bool(answer and answer.wants_to_talk)})
    return rows


@login_required
def progress(request, plan_id):
    """How it is going, over time: per instrument the resident's average per time (and a
    professional's, apart), every answer per time with the change, and the goals' attainment
    per evaluation. Each viewer sees only the parts they may see; a viewer with neither
    part gets a 404, like any page they may not open."""
    access = plan_access(request.user, plan_id)
    if not may_open_progress(access):
        access.require(Part.ASSESSMENT)
    return render(
        request,
        "measuring/progress.html",
        plan_context(
            access,
            "progress",
            progress=progress_over_time(access=access),
            about=viewer_owner_name(access),
        ),
    )
