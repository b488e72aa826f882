"""The city programme's pages: public (what the city is doing, no names of people) and
internal (who does what, requests, updates). Every access is decided by the policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.sharing.policy import (
    coordinates_programme,
    may_ask_to_join,
    may_update_action,
    programme_action,
    programme_action_to_manage,
    programme_coordinator_or_404,
    programme_goal_to_manage,
    programme_member_to_remove,
    programme_request_to_decide,
    programme_to_manage,
    sees_insights,
    sees_programme_work,
    takes_part_in_programme,
)

from . import selectors, services
from .forms import (
    ActionForm,
    DecideForm,
    GoalFiguresForm,
    GoalForm,
    JoinForm,
    MemberForm,
    ProgrammeForm,
    ProposeForm,
    UpdateForm,
)
from .models import Action, Goal


def public(request):
    """What the city is doing: goals, actions, who leads them, their status. No login."""
    programme = selectors.public_programme()
    goals = selectors.public_goals(programme) if programme is not None else []
    context = {"programme": programme, "goals": goals, "works_on_it": sees_programme_work(request.user)}
    return render(request, "programme/public.html", context)


def goal(request, goal_id):
    goal = selectors.public_goal(goal_id)
    if goal is None:
        raise Http404
    return render(
        request,
        "programme/goal.html",
        {
            "goal": goal,
            "actions": selectors.public_actions(goal),
            "figures": selectors.goal_figures(goal),
            "links_insights": sees_insights(request.user),
            "manages": coordinates_programme(request.user),
        },
    )


def _decide_forms(request, programme, pending, bound=None):
    goals = list(programme.goals.all())
    forms = []
    for join_request in pending:
        if bound is not None and bound.join_request.pk == join_request.pk:
            forms.append(bound)
        else:
            forms.append(DecideForm(join_request=join_request, goals=goals))
    return forms


def _mystery_url() -> str:
    """The mystery guests' findings page, once that app offers it."""
    try:
        return reverse("mystery_findings")
    except NoReverseMatch:
        return ""


@login_required
def manage(request):
    """The coordinator's page: who does what, what is stalled, requests to decide."""
    if not coordinates_programme(request.user):
        raise Http404
    return _render_manage(request)


def _render_manage(request, bound=None, status=200):
    programme = selectors.programme_of(request.user)
    context = {"programme": programme, "mystery_url": _mystery_url()}
    if programme is not None:
        data = selectors.overview(user=request.user, programme=programme)
        data["decisions"] = list(
            zip(data["pending"], _decide_forms(request, programme, data["pending"], bound), strict=True)
        )
        context.update(data)
    return render(request, "programme/manage.html", context, status=status)


@login_required
def decide(request, request_id):
    join_request = programme_request_to_decide(request.user, request_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    programme = selectors.programme_of(request.user)
    goals = list(programme.goals.all()) if programme is not None else []
    form = DecideForm(request.POST, join_request=join_request, goals=goals)
    if not form.is_valid():
        return _render_manage(request, bound=form, status=400)
    data = form.cleaned_data
    if data["decision"] == "accept":
        done = services.request_accept(
            user=request.user, join_request=join_request, reason=data["reason"], goal=data.get("goal")
        )
        text = _("Accepted: %(organisation)s is now in the work group.") if done else None
    else:
        done = services.request_decline(user=request.user, join_request=join_request, reason=data["reason"])
        text = _("Declined. %(organisation)s sees your reason.") if done else None
    if text:
        messages.success(request, text % {"organisation": join_request.organisation.name})
    else:
        messages.info(request, _("Someone else decided this request already."))
    return redirect("programme_manage")


@login_required
def action(request, action_id):
    """An action with its work group and progress updates, for staff; updates by its own organisations."""
    action = programme_action(request.user, action_id)
    may_update = may_update_action(request.user, action)
    form = None
    status = 200
    if may_update:
        form = UpdateForm(initial={"date": timezone.localdate(), "status": action.status})
    if request.method == "POST":
        if not may_update:
            raise Http404
        form = UpdateForm(request.POST)
        if form.is_valid():
            services.update_add(
                user=request.user,
                action=action,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
            )
            messages.success(request, _("Your update has been saved."))
            return redirect("programme_action", action.pk)
        status = 400
    context = {
        "action": action,
        "form": form,
        "may_join": may_ask_to_join(request.user, action),
        "stalled": action.is_stalled(),
        **selectors.action_page(user=request.user, action=action),
    }
    return render(request, "programme/action.html", context, status=status)


@login_required
def join(request, action_id):
    action = programme_action(request.user, action_id)
    if not may_ask_to_join(request.user, action):
        raise Http404
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_join_ask(user=request.user, action=action, description=form.cleaned_data["description"])
        messages.success(request, _("Your request has been sent to the programme coordinator."))
        return redirect("programme_action", action.pk)
    return render(request, "programme/join.html", {"action": action, "form": form})


@login_required
def propose(request):
    if not takes_part_in_programme(request.user):
        raise Http404
    programme = selectors.programme_of(request.user)
    goals = programme.goals.all() if programme is not None else Goal.objects.none()
    form = ProposeForm(request.POST or None, goals=goals)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.action_propose(
                user=request.user, title=data["title"], description=data["description"], goal=data["goal"]
            )
            messages.success(request, _("Your proposal has been sent to the programme coordinator."))
            return redirect("programme_mine")
        status = 400
    return render(request, "programme/propose.html", {"form": form}, status=status)


@login_required
def mine(request):
    """Staff: the programme's actions and what my organisation asked."""
    if not sees_programme_work(request.user):
        raise Http404
    programme = selectors.programme_of(request.user)
    goals = selectors.public_goals(programme) if programme is not None else []
    return render(
        request,
        "programme/mine.html",
        {
            "programme": programme,
            "goals": goals,
            "requests": selectors.my_proposals(request.user),
            "may_propose": takes_part_in_programme(request.user),
        },
    )


@login_required
def goal_figures(request, goal_id):
    goal = programme_goal_to_manage(request.user, goal_id)
    form = GoalFiguresForm(
        request.POST or None, choices=selectors.measure_choices(), initial={"measures": goal.measures}
    )
    if request.method == "POST" and form.is_valid():
        services.goal_measures_set(user=request.user, goal=goal, measures=form.cleaned_data["measures"])
        messages.success(request, _("The figures for this goal have been saved."))
        return redirect("programme_goal", goal.pk)
    return render(request, "programme/goal_figures.html", {"goal": goal, "form": form})


# The coordinator edits the programme ------------------------------------------------------


@login_required
def programme_create(request):
    """Start the municipality's programme, when there is none yet."""
    programme_coordinator_or_404(request.user, "programme")
    if selectors.programme_of(request.user) is not None:
        return redirect("programme_manage")
    form = ProgrammeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.programme_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("The programme has been made. Add its goals."))
            return redirect("programme_manage")
        status = 400
    return render(request, "programme/programme_form.html", {"form": form}, status=status)


def _goal_form_page(request, programme, goal=None):
    initial = {}
    if goal is not None:
        initial = {"number": goal.number, "title": goal.title, "description": goal.description, "themes": goal.themes}
    else:
        initial = {"number": (max((g.number for g in programme.goals.all()), default=0)) + 1}
    form = GoalForm(request.POST or None, programme=programme, goal=goal, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.goal_save(user=request.user, programme=programme, goal=goal, **form.cleaned_data)
            messages.success(request, _("The goal has been saved."))
            return redirect("programme_manage")
        status = 400
    return render(request, "programme/goal_form.html", {"form": form, "goal": goal}, status=status)


@login_required
def goal_create(request):
    return _goal_form_page(request, programme_to_manage(request.user))


@login_required
def goal_edit(request, goal_id):
    goal = programme_goal_to_manage(request.user, goal_id)
    return _goal_form_page(request, goal.programme, goal)


def _action_form(request, action=None, data=None):
    initial = {"status": Action.Status.PLANNED}
    if action is not None:
        initial = {
            "title": action.title,
            "description": action.description,
            "lead": action.lead_id,
            "status": action.status,
        }
    return ActionForm(data, organisations=selectors.organisations_to_choose(request.user), initial=initial)


@login_required
def action_create(request, goal_id):
    goal = programme_goal_to_manage(request.user, goal_id)
    form = _action_form(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            action = services.action_save(user=request.user, goal=goal, **form.cleaned_data)
            messages.success(request, _("The action has been added. Now add its work group."))
            return redirect("programme_action_edit", action.pk)
        status = 400
    return render(request, "programme/action_form.html", {"form": form, "goal": goal}, status=status)


def _member_form(request, action, data=None):
    return MemberForm(
        data,
        action=action,
        organisations=selectors.organisations_to_choose(request.user),
        people=selectors.people_to_choose(request.user),
    )


def _render_action_edit(request, action, form=None, member_form=None, status=200):
    context = {
        "action": action,
        "goal": action.goal,
        "form": form or _action_form(request, action),
        "member_form": member_form or _member_form(request, action),
        "work_group": selectors.action_page(user=request.user, action=action)["work_group"],
    }
    return render(request, "programme/action_form.html", context, status=status)


@login_required
def action_edit(request, action_id):
    """Change an action (its lead organisation and status too) and its work group."""
    action = programme_action_to_manage(request.user, action_id)
    if request.method == "POST":
        form = _action_form(request, action, data=request.POST)
        if form.is_valid():
            services.action_save(user=request.user, goal=action.goal, action=action, **form.cleaned_data)
            messages.success(request, _("The action has been saved."))
            return redirect("programme_action_edit", action.pk)
        return _render_action_edit(request, action, form=form, status=400)
    return _render_action_edit(request, action)


@login_required
def member_add(request, action_id):
    action = programme_action_to_manage(request.user, action_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = _member_form(request, action, data=request.POST)
    if not form.is_valid():
        return _render_action_edit(request, action, member_form=form, status=400)
    data = form.cleaned_data
    member = services.member_add(
        user=request.user, action=action, organisation=data["organisation"], person=data["person"], role=data["role"]
    )
    messages.success(
        request,
        _("%(name)s is now in the work group.") % {"name": member.name or member.organisation.name},
    )
    return redirect("programme_action_edit", action.pk)


@login_required
def member_remove(request, action_id, member_id):
    action = programme_action_to_manage(request.user, action_id)
    member = programme_member_to_remove(request.user, action, member_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name = member.name or member.organisation.name
    services.member_remove(user=request.user, member=member)
    messages.success(request, _("%(name)s is no longer in the work group.") % {"name": name})
    return redirect("programme_action_edit", action.pk)
