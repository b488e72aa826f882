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
    programme_goal_to_manage,
    programme_request_to_decide,
    sees_insights,
    sees_programme_work,
    takes_part_in_programme,
)

from . import selectors, services
from .forms import DecideForm, GoalFiguresForm, JoinForm, ProposeForm, UpdateForm
from .models import Goal


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
