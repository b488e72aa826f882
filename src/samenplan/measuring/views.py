from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.selectors import evaluation_get
from samenplan.plans.shell import plan_context
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import plan_access

from .forms import MeasurementForm
from .models import Measurement
from .selectors import assessment_overview, instrument_get
from .services import measurement_record


@login_required
def overview(request, plan_id):
    """How it is going: per instrument a spider web and a table, the resident's first and
    latest answers compared, a professional's view beside them."""
    access = plan_access(request.user, plan_id, part=Part.ASSESSMENT)
    summaries = assessment_overview(access=access)
    return render(request, "measuring/overview.html", plan_context(access, Part.ASSESSMENT.value, summaries=summaries))


@login_required
def record(request, plan_id, code):
    """Fill in an instrument: the resident for themselves, or a professional their own view."""
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
    evaluation = None
    if request.GET.get("evaluation"):
        evaluation = evaluation_get(access=access, evaluation_id=request.GET["evaluation"])
    professional = perspective == Measurement.Perspective.PROFESSIONAL
    form = MeasurementForm(posted(request), instrument=instrument, professional=professional)
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
