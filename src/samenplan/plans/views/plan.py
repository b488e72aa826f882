from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.accounts.services import activation_send
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.conversations.selectors import thread_list
from samenplan.lib.forms import posted
from samenplan.measuring.selectors import assessment_overview
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import plan_access

from .. import selectors
from ..export import plan_export
from ..forms import IntakeForm
from ..services import intake_create
from .common import plan_context


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
    audit.note_action(AuditEntry.Action.PRINT)
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
    if not access.can_export:
        raise Http404
    audit.note_action(AuditEntry.Action.EXPORT)
    response = JsonResponse(plan_export(access=access), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="samenplan-plan-{access.plan.pk}.json"'
    return response


@login_required
def caseload(request):
    """A professional's start page: their plans, due evaluations and overdue agreements."""
    if request.user.role not in ("professional", "network"):
        raise Http404
    context = {"caseload": selectors.caseload(user=request.user), "today": timezone.localdate()}
    return render(request, "plans/caseload.html", context)


@login_required
def intake(request):
    """A wijk-team professional starts a plan with a resident who has no account yet."""
    if not request.user.may_start_intake:
        raise Http404
    form = IntakeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_plan = intake_create(
            professional=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            wijk=data["wijk"],
            story=data["story"],
            coordinator_levels=form.coordinator_levels(),
        )
        messages.success(
            request,
            _("The plan is started. %(name)s gets an email with a link to open it.")
            % {"name": new_plan.owner.display_name},
        )
        return redirect("plan", new_plan.pk)
    return render(request, "plans/intake.html", {"form": form})


@login_required
def activation_resend(request, plan_id):
    """The coordinator sends the resident a fresh activation link."""
    access = plan_access(request.user, plan_id)
    if not access.is_coordinator:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    owner = access.plan.owner
    if owner.has_usable_password():
        messages.info(request, _("%(name)s has opened the plan already.") % {"name": owner.display_name})
    else:
        audit.note_action(AuditEntry.Action.UPDATE)
        activation_send(user=owner, invited_by=request.user)
        messages.success(request, _("A new link was sent to %(email)s.") % {"email": owner.email})
    return redirect("plan", access.plan.pk)
