"""Breakthrough requests: filed from a conference in two steps (the request, then its
anonymous copy), read and decided by the municipality's breakthrough officer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samenplan.lib.pii import scrub
from samenplan.sharing.policy import ConferenceAccess, conference_for, handles_breakthroughs, officer_breakthrough

from ..forms.breakthrough import AnonymousCopyForm, BreakthroughForm, GrantForm, RefuseForm
from ..models import BreakthroughRequest
from ..selectors.breakthrough import breakthrough_queue, is_overdue, known_names
from ..services import breakthrough as services

STEP_ONE_FIELDS = list(BreakthroughForm.base_fields)


def _owner_name(plan) -> str:
    return plan.owner.first_name or plan.owner.display_name


def _summary(ca: ConferenceAccess, data: dict) -> dict:
    """What the anonymous copy carries besides its two texts, as step 2 shows it."""
    themes = [theme.name for theme in data.get("themes") or []]
    new_theme = data.get("new_theme") or ""
    if new_theme and new_theme.lower() not in {name.lower() for name in themes}:
        themes.append(new_theme)
    return {
        "themes": themes,
        "domain": data["domain"].localized("name") if data.get("domain") else "",
        "wijk": ca.conference.plan.wijk,
        "month": timezone.localdate().replace(day=1),
        "cost_solution": data.get("cost_solution"),
        "cost_nothing": data.get("cost_nothing"),
    }


def _render_new(request, ca: ConferenceAccess, form, *, step: int, summary=None, status: int = 200):
    plan = ca.conference.plan
    context = {
        "ca": ca,
        "conference": ca.conference,
        "plan": plan,
        "owner_name": _owner_name(plan),
        "form": form,
        "step": step,
        "decision_days": settings.SAMENPLAN_BREAKTHROUGH_DECISION_DAYS,
        "summary": summary,
        "step_one_fields": [form[name] for name in STEP_ONE_FIELDS] if step == 2 else [],
    }
    return render(request, "conferences/breakthrough_new.html", context, status=status)


@login_required
def new(request, conference_id):
    """Step 1: the request. Step 2: the anonymous copy, scrubbed of every name the plan
    knows and checked again when sent. Without JavaScript: step 1 travels in hidden fields."""
    ca = conference_for(request.user, conference_id)
    if not ca.can_file_breakthrough:
        raise Http404
    plan = ca.conference.plan
    owner_name = _owner_name(plan)
    if request.method != "POST":
        return _render_new(request, ca, BreakthroughForm(owner_name=owner_name), step=1)
    step = request.POST.get("step", "")
    if step not in ("check", "back", "file"):
        raise BadRequest
    names = known_names(plan=plan)
    if step in ("check", "back"):
        form = BreakthroughForm(request.POST, owner_name=owner_name)
        if step == "back" or not form.is_valid():
            return _render_new(request, ca, form, step=1)
        data = form.cleaned_data
        copy = AnonymousCopyForm(
            owner_name=owner_name,
            names=names,
            initial={
                **{name: data.get(name) for name in STEP_ONE_FIELDS},
                "anonymous_obstacle": scrub(data["obstacle"], names=names),
                "anonymous_solution": scrub(data["solution"], names=names),
            },
        )
        return _render_new(request, ca, copy, step=2, summary=_summary(ca, data))
    form = AnonymousCopyForm(request.POST, owner_name=owner_name, names=names)
    if not form.is_valid():
        if any(name in form.errors for name in STEP_ONE_FIELDS):
            # Step 1 no longer holds (a theme was removed meanwhile): back to it, all kept.
            return _render_new(request, ca, BreakthroughForm(request.POST, owner_name=owner_name), step=1)
        return _render_new(request, ca, form, step=2, summary=_summary(ca, form.cleaned_data))
    data = form.cleaned_data
    breakthrough = services.breakthrough_file(
        ca=ca,
        obstacle=data["obstacle"],
        solution=data["solution"],
        cost_solution=data["cost_solution"],
        cost_nothing=data["cost_nothing"],
        cost_note=data["cost_note"],
        resident_words=data["resident_words"],
        anonymous_obstacle=data["anonymous_obstacle"],
        anonymous_solution=data["anonymous_solution"],
        themes=list(data["themes"]),
        new_theme=data["new_theme"],
        domain=data["domain"],
        submit_token=data["submit_token"],
    )
    messages.success(
        request,
        _("The breakthrough request has been sent to the breakthrough officer. A decision follows by %(date)s.")
        % {"date": formats.date_format(breakthrough.decide_by, "j F Y")},
    )
    return redirect("conference", ca.conference.pk)


@login_required
def queue(request):
    """The breakthrough officer's list: waiting requests by their last day, then those decided lately."""
    if not handles_breakthroughs(request.user):
        raise Http404
    return render(request, "conferences/breakthrough_queue.html", {"queue": breakthrough_queue(user=request.user)})


ACTIONS = {"grant": GrantForm, "refuse": RefuseForm}


def _decision_forms(breakthrough: BreakthroughRequest, data=None, action: str = "") -> dict:
    if breakthrough.is_decided:
        return {}
    return {
        name: form_class(data if name == action else None, initial={"version": breakthrough.version}, prefix=name)
        for name, form_class in ACTIONS.items()
    }


@login_required
def breakthrough(request, breakthrough_id):
    """One request with everything in it, and the decision while it waits for one."""
    item = officer_breakthrough(request.user, breakthrough_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        raise BadRequest
    forms = _decision_forms(item, request.POST if action else None, action)
    conflict = False
    conflict_text = ""
    if action:
        form = forms.get(action)
        if form is None:
            # Decided by someone else before this page was sent: nothing saved, text kept.
            conflict, conflict_text = True, request.POST.get(f"{action}-note", "")
        elif form.is_valid():
            try:
                services.breakthrough_decide(
                    user=request.user,
                    request=item,
                    granted=action == "grant",
                    note=form.cleaned_data["note"],
                    version=form.cleaned_data["version"],
                )
            except services.BreakthroughConflict:
                conflict, conflict_text = True, form.cleaned_data["note"]
                item.refresh_from_db()
                forms = _decision_forms(item)
            else:
                messages.success(
                    request,
                    _("The decision is saved. The coordinator and %(name)s are told.")
                    % {"name": _owner_name(item.plan)},
                )
                return redirect("breakthrough", item.pk)
    context = {
        "item": item,
        "plan": item.plan,
        "forms": forms,
        "conflict": conflict,
        "conflict_text": conflict_text,
        "overdue": is_overdue(item),
        "saves": max(item.cost_nothing - item.cost_solution, 0),
        "costs_more": max(item.cost_solution - item.cost_nothing, 0),
    }
    return render(request, "conferences/breakthrough.html", context)
