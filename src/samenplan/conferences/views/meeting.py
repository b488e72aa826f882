"""At and after the meeting: the minutes, the decisions, and the resident's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import conference_for

from ..forms.meeting import DecisionForm, MinutesForm
from ..forms.response import ResponseForm
from ..selectors.meeting import decision_assignees, decision_goals, minutes_current
from ..services.meeting import MinutesConflict, decision_create, minutes_save, outcome_respond
from .detail import render_conference


@login_required
def minutes(request, conference_id):
    ca = conference_for(request.user, conference_id)
    if not ca.can_write_minutes:
        raise Http404
    current = minutes_current(ca=ca)
    initial = {"text": current.text if current else "", "base_number": current.number if current else 0}
    form = MinutesForm(posted(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            minutes_save(ca=ca, text=form.cleaned_data["text"], base_number=form.cleaned_data["base_number"])
        except MinutesConflict as error:
            # Keep what this writer typed; show the other version beside it, with the new
            # base, so a second save knowingly follows it.
            conflict = error.current
            form = MinutesForm(initial={"text": form.cleaned_data["text"], "base_number": conflict.number})
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("conference", ca.conference.pk)
    context = {"ca": ca, "conference": ca.conference, "plan": ca.conference.plan, "form": form, "conflict": conflict}
    return render(request, "conferences/minutes.html", context)


@login_required
def decision(request, conference_id):
    ca = conference_for(request.user, conference_id)
    if not ca.can_decide:
        raise Http404
    form = DecisionForm(posted(request), assignees=decision_assignees(ca=ca), goals=decision_goals(ca=ca))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision_create(ca=ca, what=data["what"], who=data["who"], due_date=data["due_date"], goal=data.get("goal"))
        messages.success(request, _("The decision is saved and added to the plan's agreements."))
        return redirect("conference", ca.conference.pk)
    context = {"ca": ca, "conference": ca.conference, "plan": ca.conference.plan, "form": form}
    return render(request, "conferences/decision.html", context)


@login_required
def response(request, conference_id):
    ca = conference_for(request.user, conference_id)
    if request.method != "POST":
        return redirect("conference", ca.conference.pk)
    if not ca.can_respond:
        raise Http404
    confirmed = "confirm" in request.POST
    form = ResponseForm(request.POST, confirmed=confirmed)
    if not form.is_valid():
        return render_conference(request, ca, response_form=form)
    outcome_respond(ca=ca, confirmed=confirmed, comment=form.cleaned_data["comment"])
    messages.success(request, _("Thank you. Your answer is saved."))
    return redirect("conference", ca.conference.pk)
