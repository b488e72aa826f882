"""Goals, agreements and evaluations."""

import calendar
from copy import copy
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.measuring.selectors import instruments_in_use
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import plan_access

from .. import selectors, services
from ..forms import (
    AgreementForm,
    AgreementMarkForm,
    AgreementStatusForm,
    EvaluationHoldForm,
    EvaluationScheduleForm,
    GoalForm,
)
from ..models import EVALUATION_CORRECTION_WINDOW, Agreement, Goal, GoalScore
from ..shell import add_form, plan_context, post_only, submitted


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
def agreement_mark(request, plan_id, agreement_id):
    """The one-click "Busy" or "Done" button on the list of agreements."""
    access = plan_access(request.user, plan_id)
    agreement = selectors.agreement_get(access=access, agreement_id=agreement_id, to_update=True)
    if (refused := post_only(request)) is not None:
        return refused
    form = AgreementMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That did not work. Choose one of the buttons."))
    else:
        status = form.cleaned_data["status"]
        try:
            services.agreement_mark(
                access=access, agreement=agreement, status=status, base_version=form.cleaned_data["version"]
            )
        except services.EditConflict:
            messages.error(request, _("Someone changed this agreement in the meantime. Check it and try again."))
        else:
            if status == Agreement.Status.DONE:
                messages.success(request, _("Well done! The agreement is marked as done."))
            else:
                messages.success(request, _("The agreement is marked as busy."))
    return redirect(reverse("agreements", args=[access.plan.pk]) + f"#agreement-{agreement.pk}")


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


# After an evaluation the next one usually follows about three months later.
NEXT_EVALUATION_MONTHS = 3


def _months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _record_rows(evaluation, scores) -> list[tuple[str, object]]:
    """Label and value of each part of an evaluation record, to show a version beside another."""
    rows = [
        (_("Who was there?"), evaluation.attendees),
        (_("What did we notice?"), evaluation.summary),
        (_("What did we decide?"), evaluation.decisions),
    ]
    for score in scores:
        value = f"{score.get_score_display()} ({score.score:+d})"
        rows.append((score.goal.text, f"{value}: {score.note}" if score.note else value))
    return rows


def _typed_rows(form) -> list[tuple[str, object]]:
    """What the user typed in an evaluation form that could not be saved."""
    data = form.cleaned_data
    rows = [(form.fields[name].label, data.get(name)) for name in ("attendees", "summary", "decisions")]
    labels = dict(GoalScore.Score.choices)
    for goal in form.goals:
        score = data.get(f"score_{goal.pk}")
        if score not in (None, ""):
            note = data.get(f"note_{goal.pk}")
            value = f"{labels[score]} ({score:+d})"
            rows.append((goal.text, f"{value}: {note}" if note else value))
    return [(label, value) for label, value in rows if value]


def _record_initial(evaluation, scores) -> dict:
    initial = {name: getattr(evaluation, name) for name in ("attendees", "summary", "decisions", "version")}
    for score in scores:
        initial |= {f"score_{score.goal_id}": score.score, f"note_{score.goal_id}": score.note}
    return initial


@login_required
def evaluation(request, plan_id, evaluation_id):
    """Hold an evaluation (a result per goal, who was there, what was noticed and decided),
    read one that was held, or correct it: only its author, for a while (`?correct`)."""
    access = plan_access(request.user, plan_id, part=Part.EVALUATIONS)
    item = selectors.evaluation_get(access=access, evaluation_id=evaluation_id)
    sees_goals = access.can_view(Part.GOALS)
    goals = selectors.goal_list(access=access) if sees_goals else []
    may_hold = item.held_at is None and access.can_contribute(Part.EVALUATIONS) and sees_goals
    may_correct = access.can_correct_evaluation(item)
    # Someone else held it between this user opening the form and sending it, or the time
    # to correct it passed meanwhile: what was typed is shown, not lost.
    too_late = (
        request.method == "POST"
        and item.held_at is not None
        and not may_correct
        and access.can_contribute(Part.EVALUATIONS)
        and sees_goals
    )
    if request.method == "POST" and not (may_hold or may_correct or too_late):
        raise Http404
    correcting = may_correct and (request.method == "POST" or "correct" in request.GET)
    scores = selectors.evaluation_scores(access=access, evaluation=item) if item.held_at and sees_goals else []
    form = conflict = None
    conflict_rows = unsaved_rows = []
    if may_hold or correcting:
        scored = {score.goal_id for score in scores}
        form_goals = [g for g in goals if g.status != Goal.Status.STOPPED or g.pk in scored]
        owner_name = "" if access.speaks_for_owner(Part.EVALUATIONS) else access.plan.owner.first_name
        initial = _record_initial(item, scores) if correcting else {"version": item.version}
        form = EvaluationHoldForm(posted(request), initial=initial, goals=form_goals, owner_name=owner_name)
        if request.method == "POST" and form.is_valid():
            save = services.evaluation_correct if correcting else services.evaluation_hold
            try:
                save(
                    access=access,
                    evaluation=item,
                    base_version=form.cleaned_data["version"] or (item.version if correcting else None),
                    scores=form.scores(),
                    **form.record(),
                )
            except services.EditConflict as error:
                if error.current is None:
                    raise Http404 from None
                conflict = item = error.current
                scores = selectors.evaluation_scores(access=access, evaluation=item) if sees_goals else []
                conflict_rows = _record_rows(item, scores)
                if correcting:
                    # The author's other tab saved first: keep this input, on the newer version.
                    data = _with_version(request.POST, item.version)
                    form = EvaluationHoldForm(data, goals=form_goals, owner_name=owner_name)
                    form.is_valid()
                else:
                    # Someone else held it first; what this user typed is shown, not lost.
                    unsaved_rows, form, correcting = _typed_rows(form), None, False
            except services.EmptyRecord:
                form.add_error("summary", _("Nothing is filled in yet."))
            else:
                if correcting:
                    messages.success(request, _("Your correction is saved."))
                else:
                    messages.success(request, _("The evaluation is saved. Now fill in how it is going."))
                return redirect("evaluation", access.plan.pk, item.pk)
    if too_late:
        late_form = EvaluationHoldForm(request.POST, goals=[g for g in goals if g.status != Goal.Status.STOPPED])
        late_form.is_valid()
        unsaved_rows = _typed_rows(late_form)
    upcoming = next_form = None
    if item.held_at and not correcting and access.can_contribute(Part.EVALUATIONS):
        # After holding one, ask to plan the next (unless one is planned already).
        upcoming = selectors.evaluation_upcoming(access=access)
        if upcoming is None:
            suggested = max(
                _months_later(timezone.localtime(item.held_at).date(), NEXT_EVALUATION_MONTHS), timezone.localdate()
            )
            next_form = EvaluationScheduleForm(initial={"scheduled_for": suggested})
    return render(
        request,
        "plans/evaluation.html",
        plan_context(
            access,
            Part.EVALUATIONS.value,
            evaluation=item,
            form=form,
            correcting=correcting,
            window_passed=too_late and item.held_by_id == access.user.pk,
            may_correct=may_correct and not correcting,
            correct_until=item.held_at + EVALUATION_CORRECTION_WINDOW if item.held_at else None,
            conflict=conflict if correcting else None,
            conflict_rows=conflict_rows,
            unsaved_rows=unsaved_rows,
            scores=scores,
            upcoming=upcoming,
            next_form=next_form,
            instruments=instruments_in_use() if access.can_contribute(Part.ASSESSMENT) else [],
        ),
    )
