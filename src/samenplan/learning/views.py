"""Pages of the learning sessions: the plan's page where a professional proposes a case and
the resident decides; the proposer's review of the snapshot; the sessions themselves; the
breakthrough officer's list of proposals."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context, submitted, viewer_owner_name
from samenplan.sharing import policy
from samenplan.sharing.parts import part_label

from . import selectors, services
from .forms import (
    DecideForm,
    ObservationForm,
    ProposalDecisionForm,
    ProposalForm,
    ProposeForm,
    SessionForm,
    ThemeForm,
)
from .models import Case, Proposal
from .snapshot import Snapshot

NAV_KEY = "learning"


def _learning_context(access, **extra) -> dict:
    """The plan's shell, with this page current in its menu."""
    return plan_context(access, NAV_KEY, **extra)


@login_required
def plan_learning(request, plan_id):
    """The plan's learning cases: a professional proposes one; the resident says yes (with
    the parts) or no, and may withdraw later."""
    access = policy.plan_access(request.user, plan_id)
    if not policy.sees_plan_cases(access):
        raise Http404
    owner_name = viewer_owner_name(access)
    action = request.POST.get("action") if request.method == "POST" else None
    propose_form = ProposeForm(posted(request) if action == "propose" else None)
    decide_form = DecideForm(posted(request) if action == "decide" else None, owner_name=owner_name)
    decide_case = request.POST.get("case") if action == "decide" else None
    if action == "propose":
        if not policy.may_propose_case(access):
            raise Http404
        if propose_form.is_valid():
            services.case_propose(access=access, reason=propose_form.cleaned_data["reason"])
            messages.success(
                request, _("The case is proposed. %(name)s decides whether it goes in.") % {"name": owner_name}
            )
            return redirect("learning_plan", access.plan.pk)
    elif action == "decide":
        if not policy.decides_on_cases(access):
            raise Http404
        # No needs no parts: only a yes is checked.
        agree = request.POST.get("answer") == "yes"
        if not agree or decide_form.is_valid():
            parts = decide_form.cleaned_data["parts"] if agree else []
            services.case_decide(access=access, case_id=_int(decide_case), parts=parts, agree=agree)
            messages.success(
                request,
                _("Thank you. The professional now checks the case before it is shared.")
                if agree
                else _("Thank you. The case is not used."),
            )
            return redirect("learning_plan", access.plan.pk)
    elif action == "withdraw":
        if not policy.decides_on_cases(access):
            raise Http404
        services.case_withdraw(access=access, case_id=_int(request.POST.get("case")))
        messages.success(request, _("The case is withdrawn. No learning session sees it any more."))
        return redirect("learning_plan", access.plan.pk)
    elif request.method == "POST":
        raise Http404
    cases = selectors.plan_cases(access=access)
    for case in cases:
        case.part_names = [part_label(part, owner_name=owner_name) for part in case.parts]
    return render(
        request,
        "learning/plan_learning.html",
        _learning_context(
            access,
            cases=cases,
            owner_name=owner_name,
            decides=policy.decides_on_cases(access),
            # One open proposal per professional: a second would ask the resident twice.
            may_propose=policy.may_propose_case(access)
            and not any(c.proposed_by_id == request.user.pk and c.is_open for c in cases),
            propose_form=propose_form,
            decide_form=decide_form,
            decide_case=_int(decide_case),
        ),
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _require_participant(user) -> None:
    if not policy.takes_part_in_learning(user):
        raise Http404


@login_required
def sessions(request):
    """One's learning sessions, and one's cases to review and share."""
    _require_participant(request.user)
    return render(
        request,
        "learning/sessions.html",
        {
            "sessions": selectors.my_sessions(user=request.user),
            "cases": selectors.my_cases(user=request.user),
        },
    )


@login_required
def session_new(request):
    _require_participant(request.user)
    form = SessionForm(posted(request), groups=selectors.participant_groups(user=request.user))
    if submitted(request, form):
        session = services.session_create(
            user=request.user,
            title=form.cleaned_data["title"],
            held_on=form.cleaned_data["held_on"],
            participants=form.chosen(),
        )
        messages.success(request, _("The learning session is made."))
        return redirect("learning_session", session.pk)
    return render(request, "learning/session_new.html", {"form": form})


@login_required
def session(request, session_id):
    """A session: its shared cases (pseudonymised), observations, themes and proposals."""
    _require_participant(request.user)
    learning_session = policy.learning_session_for(request.user, session_id)
    action = request.POST.get("action") if request.method == "POST" else None
    page = selectors.session_page(user=request.user, session=learning_session)
    cases = [view.case for view in page.cases]
    # Three forms on one page: each its own ids, so every label points at its own field.
    observation_form = ObservationForm(
        posted(request) if action == "observation" else None, cases=cases, auto_id="observation_%s"
    )
    theme_form = ThemeForm(posted(request) if action == "theme" else None, auto_id="theme_%s")
    proposal_form = ProposalForm(posted(request) if action == "proposal" else None, auto_id="proposal_%s")
    done = None
    if action == "observation" and observation_form.is_valid():
        case_id = observation_form.cleaned_data["case"]
        case = next((c for c in cases if c.pk == case_id), None)
        services.observation_add(
            user=request.user, session=learning_session, text=observation_form.cleaned_data["text"], case=case
        )
        done = _("Your observation is added.")
    elif action == "theme" and theme_form.is_valid():
        services.theme_add(user=request.user, session=learning_session, name=theme_form.cleaned_data["name"])
        done = _("The theme is added.")
    elif action == "proposal" and proposal_form.is_valid():
        proposal = services.proposal_add(user=request.user, session=learning_session, **proposal_form.cleaned_data)
        if proposal.status != Proposal.Status.SENT:
            done = _("The proposal is saved, but could not be sent to the programme.")
        elif proposal.destination == Proposal.Destination.PROGRAMME:
            done = _("The proposal is sent to the programme coordinator.")
        else:
            done = _("The proposal is sent to the breakthrough officer.")
    elif action == "add_case":
        case = next((c for c in page.addable_cases if c.pk == _int(request.POST.get("case"))), None)
        if case is None:
            raise Http404
        services.session_case_add(user=request.user, session=learning_session, case=case)
        done = _("The case is added to the session.")
    elif request.method == "POST" and action not in ("observation", "theme", "proposal"):
        raise Http404
    if done:
        messages.success(request, done)
        return redirect("learning_session", learning_session.pk)
    return render(
        request,
        "learning/session.html",
        {
            "page": page,
            "learning_session": learning_session,
            "observation_form": observation_form,
            "theme_form": theme_form,
            "proposal_form": proposal_form,
        },
    )


@login_required
def case_review(request, case_id):
    """The proposer reads the snapshot as the session would, and shares it."""
    case, access = policy.proposer_case(request.user, case_id)
    target_sessions = selectors.my_sessions(user=request.user)
    if request.method == "POST" and request.POST.get("action") == "leave_out":
        terms = re.split(r"[,\n]", request.POST.get("extra_terms", ""))[:50]
        services.case_leave_out(case=case, access=access, terms=[t[:100] for t in terms])
        messages.success(request, _("The preview is made again without those words."))
        return redirect("learning_case", case.pk)
    if request.method == "POST":
        session_id = _int(request.POST.get("session"))
        target = next((s for s in target_sessions if s.pk == session_id), None)
        case = services.case_share(case=case, access=access, session=target)
        messages.success(request, _("The case is shared."))
        if target is not None:
            return redirect("learning_session", target.pk)
        return redirect("learning_case", case.pk)
    shared = case.status == Case.Status.SHARED
    preview = Snapshot.from_json(case.snapshot) if shared else services.case_preview(case=case, access=access)
    return render(
        request,
        "learning/case_review.html",
        {
            "case": case,
            "snapshot": preview,
            "sessions": target_sessions,
            "shared": shared,
            "extra_terms": ", ".join(case.extra_terms),
        },
    )


@login_required
def breakthrough_proposals(request):
    """The breakthrough officer's list of proposals from learning sessions; each one that
    waits has a small form to grant or refuse it, like a breakthrough request."""
    posted_form = None
    if request.method == "POST":
        # Anyone but the officer, and a proposal not (or no longer) waiting: 404 and a denied note.
        proposal = policy.officer_learning_proposal(request.user, request.POST.get("proposal"))
        posted_form = ProposalDecisionForm(request.POST, auto_id=f"p{proposal.pk}_%s")
        if posted_form.is_valid():
            granted = posted_form.cleaned_data["decision"] == Proposal.Decision.GRANTED
            services.proposal_decide(
                user=request.user, proposal_id=proposal.pk, granted=granted, note=posted_form.cleaned_data["note"]
            )
            messages.success(
                request,
                _("The proposal is granted. The session sees your decision.")
                if granted
                else _("The proposal is refused. The session sees your decision and the reason."),
            )
            return redirect("learning_breakthrough_proposals")
        posted_form.proposal_id = proposal.pk
    elif not policy.handles_breakthroughs(request.user):
        raise Http404
    proposals = selectors.breakthrough_proposals(user=request.user)
    for proposal in proposals:
        if not proposal.awaits_decision:
            proposal.decision_form = None
        elif posted_form is not None and posted_form.proposal_id == proposal.pk:
            proposal.decision_form = posted_form
        else:
            proposal.decision_form = ProposalDecisionForm(auto_id=f"p{proposal.pk}_%s")
    return render(
        request,
        "learning/breakthrough_proposals.html",
        {"proposals": proposals, "invalid_form": posted_form},
    )
