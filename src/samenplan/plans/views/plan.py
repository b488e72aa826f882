from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.conversations.selectors import thread_list
from samenplan.hubs.services.triage import QuestionConflict, question_plan_started
from samenplan.lib.forms import posted
from samenplan.lib.qr import qr_svg
from samenplan.measuring.selectors import assessment_overview
from samenplan.referrals.selectors_inbox import caseload_referrals
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import CaseAccess, plan_access, team_question
from samenplan.sharing.services import coordination_hand_over

from .. import selectors, services
from ..export import plan_export
from ..forms import CaseloadFilterForm, HandoverForm, IntakeForm, PlanCloseForm, intake_initial
from ..selectors import CaseloadFilter
from ..shell import plan_context, post_only


@login_required
def plan(request, plan_id):
    """The whole plan at a glance: every part this user may see."""
    access = plan_access(request.user, plan_id)
    overview = selectors.plan_overview(access=access, summary=True)
    return render(request, "plans/plan.html", plan_context(access, "overview", overview=overview))


@login_required
def plan_print(request, plan_id):
    """Everything this user may see, laid out for paper."""
    access = plan_access(request.user, plan_id)
    # Opening this page is a view: whether it is printed cannot be known (the log says so).
    audit.note_action(AuditEntry.Action.VIEW)
    overview = selectors.plan_overview(access=access)
    assessments = assessment_overview(access=access) if access.can_view(Part.ASSESSMENT) else []
    evaluations = selectors.evaluation_list(access=access) if access.can_view(Part.EVALUATIONS) else []
    threads = thread_list(access=access, with_messages=True) if access.can_view(Part.CONVERSATIONS) else []
    context = plan_context(
        access, "print", overview=overview, assessments=assessments, evaluations=evaluations, threads=threads
    )
    return render(request, "plans/print.html", context)


@login_required
def plan_download(request, plan_id):
    """The plan as a JSON file, for the resident to keep or take elsewhere."""
    access = plan_access(request.user, plan_id)
    data = plan_export(access=access)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="samenplan-plan-{access.plan.pk}.json"'
    return response


@login_required
def plan_close(request, plan_id):
    """Close the plan, with a reason: from then on it can only be read."""
    access = plan_access(request.user, plan_id)
    form = PlanCloseForm(posted(request), owner_name=None if access.is_owner else access.plan.owner.first_name)
    if not access.can_close_plan:
        raise Http404
    if request.method == "POST" and form.is_valid():
        services.plan_close(access=access, reason=form.cleaned_data["reason"])
        messages.success(request, _("The plan is closed. Everyone in it can still read it, nobody can change it."))
        return redirect("plan", access.plan.pk)
    return render(request, "plans/close.html", plan_context(access, "overview", form=form))


@login_required
def plan_reopen(request, plan_id):
    access = plan_access(request.user, plan_id)
    if not access.can_reopen_plan:
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    try:
        services.plan_reopen(access=access)
    except services.EditConflict:
        messages.error(request, _("This plan cannot be opened again: there is already an open plan."))
    else:
        messages.success(request, _("The plan is open again."))
    return redirect("plan", access.plan.pk)


@login_required
def caseload(request):
    """A professional's start page: their plans, searchable and filtered, with what needs
    attention; due evaluations and overdue agreements; closed plans apart."""
    if request.user.role not in ("professional", "network"):
        raise Http404
    form = CaseloadFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else CaseloadFilter()
    caseload = selectors.caseload(user=request.user, filters=filters)
    context = {
        "caseload": caseload,
        "referrals": caseload_referrals(user=request.user, accesses=caseload.accesses),
        "today": timezone.localdate(),
        "form": form,
        "filters": filters,
    }
    return render(request, "plans/caseload.html", context)


@login_required
def intake(request):
    """A wijk-team professional starts a plan with a resident who has no account yet; from
    a question at a neighbourhood hub (`?question=`) the form opens filled in, and starting
    the plan closes the question with that outcome."""
    if not request.user.may_start_intake:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    case = _intake_question(request, source.get("question", ""))
    form = IntakeForm(posted(request), initial=intake_initial(case.case) if case else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if case is not None and not case.can_start_plan:
            return _intake_question_gone(request, form, case)
        try:
            # The plan and the question's outcome together, or neither.
            with transaction.atomic():
                new_plan = services.intake_create(
                    professional=request.user,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    wijk=data["wijk"],
                    story=data["story"],
                    coordinator_levels=form.coordinator_levels(),
                )
                if case is not None:
                    question_plan_started(access=case, plan=new_plan)
        except QuestionConflict:
            return _intake_question_gone(request, form, case)
        if data["email"]:
            messages.success(
                request,
                _("The plan is started. If the email address is right, %(name)s gets an email with a link to open it.")
                % {"name": new_plan.owner.display_name},
            )
            return redirect("plan", new_plan.pk)
        messages.success(
            request,
            _("The plan is started. Print the letter with a code and give it to %(name)s.")
            % {"name": new_plan.owner.first_name},
        )
        return redirect("plan", new_plan.pk)
    return render(request, "plans/intake.html", {"form": form, "question": case.case if case else None})


def _intake_question(request, question_id: str) -> CaseAccess | None:
    """The hub question the intake starts from: on opening, one the user took on and may
    start a plan for (the policy says; a 404 otherwise). When posted, one of the user's
    wijk team: if it was closed or given back meanwhile, the page says so."""
    if not question_id:
        return None
    case = team_question(request.user, question_id)
    if request.method != "POST" and not case.can_start_plan:
        raise Http404
    return case


def _intake_question_gone(request, form, case: CaseAccess):
    """Nothing was started: the question changed meanwhile. What was typed is kept."""
    messages.error(
        request,
        _(
            "The question was closed, given back or taken on by someone else in the meantime, so the "
            "plan was not started. What you typed is kept. Look at the question first."
        ),
    )
    return render(request, "plans/intake.html", {"form": form, "question": case.case})


@login_required
def activation_resend(request, plan_id):
    """The coordinator sends the resident a fresh activation link."""
    access = plan_access(request.user, plan_id)
    if not access.can_resend_activation:
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    owner = access.plan.owner
    if services.activation_resend(access=access):
        messages.success(request, _("A new link was sent to %(email)s.") % {"email": owner.email})
    elif owner.has_usable_password():
        messages.info(request, _("%(name)s has opened the plan already.") % {"name": owner.display_name})
    else:
        messages.info(request, _("There is no email address to send the link to."))
    return redirect("plan", access.plan.pk)


@login_required
def activation_letter(request, plan_id):
    """A letter with a code for a resident without email, printed by the coordinator and
    handed over. A button on the plan page: each press makes a new code (the old one stops
    working) and shows the letter. The code is shown this once; only its hash is kept."""
    access = plan_access(request.user, plan_id)
    if not access.can_resend_activation:
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    made = services.activation_letter_make(access=access)
    if made is None:
        messages.info(request, _("%(name)s has opened the plan already.") % {"name": access.plan.owner.display_name})
        return redirect("plan", access.plan.pk)
    code, expires_at = made
    url = request.build_absolute_uri(reverse("activate_code"))
    context = plan_context(
        access,
        "overview",
        code=code,
        expires_at=expires_at,
        site_url=url,
        qr=qr_svg(f"{url}?code={code}", title=_("QR code that opens the page for the code")),
    )
    return render(request, "plans/activation_letter_print.html", context)


@login_required
def handover(request, plan_id):
    """The coordinator hands the role to a colleague who is already in the plan. The page
    also says how to cover for a sick colleague without a handover: never silently."""
    access = plan_access(request.user, plan_id)
    if access.speaks_for_owner_fully:
        # The resident chooses the coordinator on the network page; this page says so.
        if request.method == "POST":
            raise Http404
        return render(request, "plans/handover_owner.html", plan_context(access, "overview"))
    if not access.is_coordinator or not access.is_open:
        raise Http404
    candidates = selectors.handover_candidates(access=access) if access.can_hand_over_coordination else []
    form = HandoverForm(posted(request), candidates=candidates)
    if request.method == "POST":
        if not access.can_hand_over_coordination:
            raise Http404
        if form.is_valid():
            person = form.cleaned_data["membership"]
            coordination_hand_over(access=access, membership=person)
            messages.success(
                request,
                _("%(name)s is now the coordinator. %(owner)s has been told.")
                % {"name": person.user.display_name, "owner": access.plan.owner.first_name},
            )
            return redirect("caseload")
    context = plan_context(access, "overview", form=form, candidates=candidates)
    return render(request, "plans/handover.html", context)
