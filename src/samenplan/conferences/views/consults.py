"""Consults (the light version): the list of one's own, asking one, one consult as the
asker and the organisation asked see it, and the resident's side in the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context, viewer_owner_name
from samenplan.sharing.parts import part_label
from samenplan.sharing.policy import ConsultAccess, consult_for, may_ask_consult, plan_access
from samenplan.sharing.policy import plan_consult as policy_plan_consult

from ..forms.consults import ConsultActionForm, ConsultAnswerForm, ConsultAskForm
from ..models import Consult
from ..selectors import consults as selectors
from ..services import consults as services

NAV_KEY = "conferences"


@login_required
def consults(request):
    """What I asked other organisations, and what reached my organisation."""
    if not may_ask_consult(request.user):
        raise Http404
    page = selectors.consults_page(user=request.user)
    return render(request, "conferences/consults.html", {"page": page})


@login_required
def consult_new(request):
    """Ask another organisation: anonymous, or with ?plan= about one part of that plan."""
    if not may_ask_consult(request.user):
        raise Http404
    access = None
    parts = None
    owner_name = ""
    plan_id = request.GET.get("plan")
    if plan_id is not None:
        access = plan_access(request.user, plan_id)
        owner_name = viewer_owner_name(access) or ""
        allowed = selectors.parts_to_ask_about(access=access)
        if not allowed:
            raise Http404
        parts = [(part, part_label(part, owner_name=owner_name)) for part in allowed]
    form = ConsultAskForm(
        posted(request),
        organisations=selectors.organisations_to_ask(user=request.user),
        domains=selectors.life_domains(),
        names=selectors.known_names(user=request.user) if access is None else (),
        parts=parts,
        owner_name=owner_name,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consult = services.consult_ask(
            user=request.user,
            to_organisation=data["to_organisation"],
            domain=data["domain"],
            question=data["question"],
            access=access,
            part=data.get("part", ""),
            submit_token=data["submit_token"],
        )
        if consult.is_anonymous:
            messages.success(
                request,
                _("Your question was sent to %(organisation)s.") % {"organisation": consult.to_organisation.name},
            )
        else:
            messages.success(
                request,
                _("Your question is ready. %(name)s gets a message and decides first. Nothing is sent before that.")
                % {"name": owner_name},
            )
        return redirect("consult", consult.pk)
    return render(
        request,
        "conferences/consult_new.html",
        {"form": form, "access": access, "plan": access.plan if access else None, "owner_name": owner_name},
    )


def _conflict_message(consult: Consult) -> str:
    """What happened meanwhile, said plainly; the page below shows the current state."""
    if consult.status == Consult.Status.ANSWERED:
        return _("Someone else has just answered this question. Nothing was saved.")
    return _("Something changed in the meantime: this question is now “%(state)s”. Nothing was saved.") % {
        "state": consult.get_status_display()
    }


def _version(request) -> int | None:
    form = ConsultActionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@login_required
def consult(request, consult_id):
    """One consult: the question, its state and answer; the organisation asked also sees,
    while it is open, the resident's first name and the one part she consented to."""
    ca = consult_for(request.user, consult_id)
    answer_form = None
    if ca.can_answer:
        answer_form = ConsultAnswerForm(initial={"version": ca.consult.version})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer" and ca.side == "receiver":
            answer_form = ConsultAnswerForm(request.POST)
            if answer_form.is_valid():
                try:
                    services.consult_answer(
                        ca=ca, version=answer_form.cleaned_data["version"], answer=answer_form.cleaned_data["answer"]
                    )
                except services.ConsultConflict:
                    ca = consult_for(request.user, consult_id)
                    messages.error(request, _conflict_message(ca.consult))
                    # What they typed stays on the page, so it is not lost.
                    return _render_consult(request, ca, answer_form=answer_form, kept=True)
                messages.success(request, _("Your answer was sent."))
                return redirect("consult", ca.consult.pk)
            return _render_consult(request, ca, answer_form=answer_form)
        if action == "cancel" and ca.side == "asker":
            version = _version(request)
            try:
                if version is None:
                    raise services.ConsultConflict
                services.consult_cancel(ca=ca, version=version)
            except services.ConsultConflict:
                ca = consult_for(request.user, consult_id)
                messages.error(request, _conflict_message(ca.consult))
            else:
                messages.success(request, _("The question is stopped."))
            return redirect("consult", ca.consult.pk)
        raise Http404
    return _render_consult(request, ca, answer_form=answer_form)


def _render_consult(request, ca: ConsultAccess, *, answer_form=None, kept: bool = False):
    detail = selectors.consult_detail(ca=ca)
    consult = ca.consult
    plan = consult.plan
    context = {
        "ca": ca,
        "consult": consult,
        "detail": detail,
        "answer_form": answer_form,
        # A colleague answered first: what this person wrote is shown, not lost.
        "kept_answer": answer_form.data.get("answer", "") if kept else "",
        "action_version": consult.version,
        "owner_name": plan.owner.first_name if plan is not None else "",
        "part_name": part_label(consult.part, owner_name=plan.owner.first_name) if consult.part else "",
    }
    if not ca.can_answer:
        context["answer_form"] = None
    return render(request, "conferences/consult.html", context)


@login_required
def plan_consult(request, plan_id, consult_id):
    """A consult about the plan, for the resident (or a representative for all parts): who
    asks whom about what, yes or no, and withdrawing."""
    access = plan_access(request.user, plan_id)
    ca = policy_plan_consult(access, consult_id)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("consent", "decline", "cancel"):
            messages.error(request, _("That did not work. Choose one of the buttons."))
            return redirect("plan_consult", access.plan.pk, ca.consult.pk)
        version = _version(request)
        try:
            if version is None:
                raise services.ConsultConflict
            # "No" is for a question still waiting; withdrawing for one already sent.
            status = Consult.Status.AWAITING_CONSENT if action == "decline" else Consult.Status.OPEN
            if action == "consent":
                services.consult_consent(ca=ca, version=version)
            elif ca.consult.status == status:
                services.consult_cancel(ca=ca, version=version)
            else:
                raise services.ConsultConflict
        except services.ConsultConflict:
            ca = policy_plan_consult(access, consult_id)
            messages.error(request, _conflict_message(ca.consult))
        else:
            messages.success(request, _done_message(action, ca.consult, access))
        return redirect("plan_consult", access.plan.pk, ca.consult.pk)
    owner_name = viewer_owner_name(access)
    consult = ca.consult
    return render(
        request,
        "conferences/plan_consult.html",
        plan_context(
            access,
            NAV_KEY,
            ca=ca,
            consult=consult,
            owner_name=owner_name,
            part_name=part_label(consult.part, owner_name=owner_name) if consult.part else "",
            action_version=consult.version,
            back_url=reverse("plan_conferences", args=[access.plan.pk]),
        ),
    )


def _done_message(action: str, consult: Consult, access) -> str:
    organisation = consult.to_organisation.name
    if action == "consent":
        return _("Done. %(organisation)s now sees the question and this one part, until they answer.") % {
            "organisation": organisation
        }
    if action == "decline":
        return _("The question is not sent. %(organisation)s sees nothing.") % {"organisation": organisation}
    if access.is_owner:
        return _("You withdrew your consent. %(organisation)s sees nothing of your plan from now on.") % {
            "organisation": organisation
        }
    return _("The consent is withdrawn. %(organisation)s sees nothing of the plan from now on.") % {
        "organisation": organisation
    }
