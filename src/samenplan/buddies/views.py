"""Pages of the buddy network: the public sign-up, the volunteer coordinator's pages, the
buddy's own matches, and the buddy page of a plan. Every access is decided by the policy."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

from samenplan.audit import context as audit
from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context, viewer_owner_name
from samenplan.sharing import policy

from . import selectors, services
from .forms import CheckInForm, EndForm, RequestForm, SignUpForm
from .models import BuddyRequest, Interest

RATE_GROUP = "buddy-sign-up"


@never_cache
def sign_up(request):
    """Sign up as a buddy, without an account; the coordinator approves."""
    form = SignUpForm(posted(request))
    limited = False
    if request.method == "POST" and form.is_valid():
        usage = get_usage(request, group=RATE_GROUP, key="ip", rate=settings.SAMENPLAN_QUESTION_RATE, increment=True)
        if usage and usage["should_limit"]:
            limited = True
        else:
            if not form.is_spam:
                services.volunteer_sign_up(organisation=form.cleaned_data["organisation"], **form.volunteer_fields())
            return redirect("buddy_sign_up_done")
    return render(request, "buddies/sign_up.html", {"form": form, "limited": limited}, status=429 if limited else 200)


def sign_up_done(request):
    return render(request, "buddies/sign_up_done.html")


@login_required
def home(request):
    """The volunteer coordinator's overview, or the buddy's own matches."""
    user = request.user
    if policy.coordinates_volunteers(user):
        return render(request, "buddies/coordinator.html", {"overview": selectors.coordinator_overview(user=user)})
    if selectors.is_buddy(user=user):
        return render(request, "buddies/mine.html", {"matches": selectors.my_buddy_matches(user=user)})
    raise Http404


@login_required
def volunteer(request, volunteer_id):
    """One sign-up: approve (an account with a link to choose a password) or decline."""
    person = policy.coordinated_volunteer(request.user, volunteer_id)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("approve", "decline"):
            raise BadRequest
        services.volunteer_decide(user=request.user, volunteer=person, approve=action == "approve")
        if action == "approve":
            messages.success(
                request, _("%(name)s is approved and gets an email to choose a password.") % {"name": person}
            )
        else:
            messages.success(request, _("%(name)s is not approved.") % {"name": person})
        return redirect("buddies")
    return render(request, "buddies/volunteer.html", {"volunteer": person})


@login_required
def buddy_request(request, request_id):
    """A request with the best-fitting volunteers and why; propose one."""
    item = policy.coordinated_buddy_request(request.user, request_id)
    ranked = selectors.suggestions(buddy_request=item) if item.status == BuddyRequest.Status.OPEN else []
    if request.method == "POST":
        chosen = {str(s.volunteer.pk): s.volunteer for s in ranked}.get(request.POST.get("volunteer", ""))
        if chosen is None:
            raise Http404
        services.match_propose(user=request.user, buddy_request=item, volunteer=chosen)
        messages.success(
            request,
            _("You proposed %(buddy)s. %(name)s decides whether she or he wants this buddy.")
            % {"buddy": chosen, "name": item.first_name},
        )
        return redirect("buddies")
    return render(request, "buddies/request.html", {"item": item, "suggestions": ranked})


@login_required
def match(request, match_id):
    """A match for its coordinator and its buddy: check-ins, and ending it."""
    ma = policy.buddy_match_for(request.user, match_id)
    check_in_form = CheckInForm(request.POST if request.POST.get("action") == "check_in" else None)
    end_form = EndForm(request.POST if request.POST.get("action") == "end" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "check_in" and ma.can_check_in and check_in_form.is_valid():
            services.check_in_add(ma=ma, on=check_in_form.cleaned_data["date"], note=check_in_form.cleaned_data["note"])
            messages.success(request, _("Your check-in is saved."))
            return redirect("buddy_match", ma.match.pk)
        if action == "end" and ma.can_end and end_form.is_valid():
            services.match_end(match=ma.match, by=request.user, reason=end_form.cleaned_data["end_reason"])
            messages.success(request, _("The match has ended. The buddy no longer sees anything of the plan."))
            return redirect("buddy_match", ma.match.pk)
        if action not in ("check_in", "end") or not ma.can_check_in:
            raise Http404
    context = {
        "ma": ma,
        "item": ma.match.request,
        "check_ins": list(ma.match.check_ins.select_related("by")),
        "check_in_form": check_in_form,
        "end_form": end_form,
    }
    return render(request, "buddies/match.html", context)


# What a hub question's life domains say about things to do together (a first guess the
# wijk team member changes).
DOMAIN_INTERESTS = {
    "financien": Interest.PAPERWORK,
    "instrumentele-adl": Interest.PAPERWORK,
    "lichamelijke-gezondheid": Interest.WALKING,
    "maatschappelijke-participatie": Interest.CULTURE,
}


def _question_initial(question) -> dict:
    """Prefilled from what the question tells: its wijk, Dutch, things to do that fit what
    it is about. The note starts empty: the question's own words (debts, health) are not for
    the volunteer coordinator, so the team member writes only what helps find a buddy."""
    codes = [domain.code for domain in question.domains.all()]
    interests = list(dict.fromkeys(DOMAIN_INTERESTS[code] for code in codes if code in DOMAIN_INTERESTS))
    return {"wijk": question.wijk_id, "languages": ["nl"], "interests": interests}


@login_required
def from_question(request, question_id):
    """The wijk team member who handles a hub question asks a buddy for the plan it led to;
    the request waits for the resident's yes on her buddy page."""
    access = policy.buddy_question(request.user, question_id)
    question = access.case
    may_request = policy.may_request_buddy_from_question(access)
    running = may_request and selectors.question_plan_has_request(question=question)
    form = RequestForm(request.POST if request.method == "POST" else None, initial=_question_initial(question))
    if request.method == "POST":
        if not may_request or running:
            raise Http404
        if form.is_valid():
            services.buddy_request_from_question(access=access, **form.cleaned_data)
            messages.success(
                request,
                _("The request waits until %(name)s says yes on the buddy page of her or his plan.")
                % {"name": question.plan.owner.display_name},
            )
            return redirect("question", question.pk)
    context = {"question": question, "form": form, "may_request": may_request, "running": running}
    return render(request, "buddies/from_question.html", context)


def _request_initial(access) -> dict:
    return {"wijk": access.plan.wijk_id, "languages": ["nl"]}


@login_required
def plan_buddy(request, plan_id):
    """The plan's buddy: ask for one, agree to a professional's request, answer a proposed
    buddy, see the running match and end it."""
    access = policy.plan_access(request.user, plan_id)
    if not policy.sees_plan_buddy(access):
        audit.note_denied(plan_id=access.plan.pk, plan=access.plan)
        raise Http404
    state = selectors.plan_buddy(access=access)
    action = request.POST.get("action") if request.method == "POST" else None
    form = RequestForm(request.POST if action == "request" else None, initial=_request_initial(access))
    end_form = EndForm(request.POST if action == "end" else None)
    if action is not None:
        response = _plan_action(request, access, state, action, form, end_form)
        if response is not None:
            return response
    context = plan_context(
        access,
        "buddy",
        state=state,
        form=form,
        end_form=end_form,
        owner_name=viewer_owner_name(access),
        decides=policy.decides_buddy(access),
        may_request=policy.may_request_buddy(access),
    )
    return render(request, "buddies/plan_buddy.html", context)


def _plan_action(request, access, state, action, form, end_form):
    back = redirect("plan_buddy", access.plan.pk)
    if action == "request":
        if state.request is not None or not policy.may_request_buddy(access):
            raise Http404
        if not form.is_valid():
            return None
        data = form.cleaned_data
        services.buddy_request_create(
            access=access,
            wijk=data["wijk"],
            languages=data["languages"],
            interests=data["interests"],
            availability=data["availability"],
            note=data["note"],
        )
        if policy.decides_buddy(access):
            messages.success(
                request, _("Your request is sent. The volunteer coordinator looks for a buddy who fits you.")
            )
        else:
            messages.success(
                request, _("The request waits until %(name)s says yes.") % {"name": viewer_owner_name(access)}
            )
        return back
    if action in ("agree", "refuse") and state.request is not None:
        services.buddy_request_consent(access=access, buddy_request=state.request, agree=action == "agree")
        return back
    if action == "cancel" and state.request is not None:
        services.buddy_request_cancel(access=access, buddy_request=state.request)
        messages.success(request, _("Your request is withdrawn."))
        return back
    if action in ("accept", "decline"):
        proposed = policy.plan_buddy_match(access, request.POST.get("match"))
        services.match_answer(access=access, match=proposed, accept=action == "accept")
        if action == "accept":
            messages.success(
                request,
                _("%(buddy)s is now in your network. They see nothing of your plan until you choose what to share.")
                % {"buddy": proposed.volunteer.first_name},
            )
        else:
            messages.success(request, _("The volunteer coordinator looks for another buddy."))
        return back
    if action == "end" and state.running is not None and policy.decides_buddy(access):
        if not end_form.is_valid():
            return None
        services.match_end(
            match=state.running, by=request.user, reason=end_form.cleaned_data["end_reason"], access=access
        )
        messages.success(request, _("The match has ended. Your buddy no longer sees anything of your plan."))
        return back
    raise Http404
