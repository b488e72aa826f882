"""Goals, agreements and evaluations."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.measuring.selectors import instruments_in_use
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import plan_access

from .. import selectors, services
from ..forms import AgreementForm, AgreementStatusForm, EvaluationHoldForm, EvaluationScheduleForm, GoalForm
from ..models import Agreement, Goal
from ..shell import add_form, plan_context, submitted


def _conflict_rows(obj, fields: list[str]) -> list[tuple[str, object]]:
    """Label and value of each field of the version someone else saved."""
    rows = []
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, f"get_{name}_display")() if field.choices else getattr(obj, name)
        rows.append((field.verbose_name, getattr(value, "label", value)))
    return rows


def _with_version(data, version: int):
    """The user's own input, now based on the newest saved version."""
    data = data.copy()
    data["version"] = str(version)
    return data


@login_required
def goals(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.GOALS)
    form = add_form(request, access, Part.GOALS, GoalForm)
    if submitted(request, form):
        goal = services.goal_create(access=access, **form.changed_fields())
        messages.success(request, _("The goal is added."))
        return redirect(f"{request.path}#goal-{goal.pk}")
    goal_list = selectors.goal_list(access=access)
    return render(request, "plans/goals.html", plan_context(access, Part.GOALS.value, goals=goal_list, form=form))


@login_required
def goal_edit(request, plan_id, goal_id):
    access = plan_access(request.user, plan_id, part=Part.GOALS, level=Level.CONTRIBUTE)
    goal = selectors.goal_get(access=access, goal_id=goal_id)
    form = GoalForm(posted(request), instance=goal)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                access=access, goal=goal, base_version=form.cleaned_data["version"], **form.changed_fields()
            )
        except services.EditConflict as error:
            conflict = error.current
            if conflict is None:
                raise Http404 from None
            form = GoalForm(_with_version(request.POST, conflict.version), instance=copy(conflict))
            form.is_valid()
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("goals", access.plan.pk)
    return render(
        request,
        "plans/goal_edit.html",
        plan_context(
            access,
            Part.GOALS.value,
            form=form,
            goal=goal,
            conflict=conflict,
            conflict_rows=_conflict_rows(conflict, [f for f in form.fields if f != "version"]) if conflict else [],
        ),
    )


@login_required
def agreements(request, plan_id):
    """All agreements for those who may see them; a member's own agreements otherwise."""
    access = plan_access(request.user, plan_id)
    agreement_list = selectors.agreement_list(access=access, or_404=True)
    form = add_form(request, access, Part.AGREEMENTS, lambda data: AgreementForm(data, access=access))
    if submitted(request, form):
        agreement = services.agreement_create(access=access, **form.changed_fields())
        messages.success(request, _("The agreement is added."))
        return redirect(f"{request.path}#agreement-{agreement.pk}")
    for agreement in agreement_list:
        agreement.can_update = access.can_update_agreement(agreement)
    open_items = [a for a in agreement_list if a.status in Agreement.OPEN_STATUSES]
    closed_items = [a for a in agreement_list if a.status not in Agreement.OPEN_STATUSES]
    light = sum(1 for a in agreement_list if a.support == Agreement.Support.LIGHT)
    context = plan_context(
        access,
        Part.AGREEMENTS.value,
        open_items=open_items,
        closed_items=closed_items,
        light=light,
        heavy=len(agreement_list) - light,
        form=form,
    )
    return render(request, "plans/agreements.html", context)


@login_required
def agreement_edit(request, plan_id, agreement_id):
    access = plan_access(request.user, plan_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id, to_update=True)
    full = access.can_contribute(Part.AGREEMENTS)
    if full:
        form = AgreementForm(posted(request), instance=agreement, access=access)
    else:
        form = AgreementStatusForm(posted(request), initial={"status": agreement.status, "version": agreement.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = form.changed_fields() if full else {"status": form.cleaned_data["status"]}
        try:
            services.agreement_update(
                access=access, agreement=agreement, base_version=form.cleaned_data["version"], **fields
            )
        except services.EditConflict as error:
            conflict = error.current
            if conflict is None:
                raise Http404 from None
            data = _with_version(request.POST, conflict.version)
            form = AgreementForm(data, instance=copy(conflict), access=access) if full else AgreementStatusForm(data)
            form.is_valid()
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("agreements", access.plan.pk)
    return render(
        request,
        "plans/agreement_edit.html",
        plan_context(
            access,
            Part.AGREEMENTS.value,
            form=form,
            agreement=agreement,
            conflict=conflict,
            conflict_rows=_conflict_rows(conflict, [f for f in form.fields if f != "version"]) if conflict else [],
        ),
    )


@login_required
def evaluations(request, plan_id):
    access = plan_access(request.user, plan_id, part=Part.EVALUATIONS)
    form = add_form(request, access, Part.EVALUATIONS, EvaluationScheduleForm)
    if submitted(request, form):
        services.evaluation_schedule(access=access, scheduled_for=form.cleaned_data["scheduled_for"])
        messages.success(request, _("The evaluation is planned."))
        return redirect("evaluations", access.plan.pk)
    evaluation_list = selectors.evaluation_list(access=access)
    return render(
        request,
        "plans/evaluations.html",
        plan_context(access, Part.EVALUATIONS.value, evaluations=evaluation_list, form=form),
    )


@login_required
def evaluation(request, plan_id, evaluation_id):
    """Hold an evaluation (score each goal) or read one that was held."""
    access = plan_access(request.user, plan_id, part=Part.EVALUATIONS)
    item = selectors.evaluation_get(access=access, evaluation_id=evaluation_id)
    goals = selectors.goal_list(access=access) if access.can_view(Part.GOALS) else []
    form = None
    if item.held_at is None and access.can_contribute(Part.EVALUATIONS) and access.can_view(Part.GOALS):
        open_goals = [g for g in goals if g.status != Goal.Status.STOPPED]
        form = EvaluationHoldForm(posted(request), goals=open_goals)
        if request.method == "POST" and form.is_valid():
            try:
                services.evaluation_hold(
                    access=access, evaluation=item, summary=form.cleaned_data["summary"], scores=form.scores()
                )
            except services.EditConflict:
                messages.error(request, _("Someone else recorded this evaluation in the meantime."))
            else:
                messages.success(request, _("The evaluation is saved. Now fill in how it is going."))
            return redirect("evaluation", access.plan.pk, item.pk)
    elif request.method == "POST":
        raise Http404
    scores = selectors.evaluation_scores(access=access, evaluation=item) if access.can_view(Part.GOALS) else []
    return render(
        request,
        "plans/evaluation.html",
        plan_context(
            access,
            Part.EVALUATIONS.value,
            evaluation=item,
            form=form,
            scores=scores,
            instruments=instruments_in_use() if access.can_contribute(Part.ASSESSMENT) else [],
        ),
    )
