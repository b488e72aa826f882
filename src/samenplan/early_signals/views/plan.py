"""In the plan: the resident sees the signals offered to it, says yes or no, and sees the
ones that joined (which partner signalled and when)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.plans.shell import plan_context, post_only, viewer_owner_name
from samenplan.sharing.policy import plan_access, plan_signal_offer

from ..forms.outreach import AnswerForm
from ..selectors import outreach as selectors
from ..services import outreach as services

NAV_KEY = "signals"


@login_required
def signals(request, plan_id):
    """The offers waiting for the resident's answer and the signals in the plan; only for
    the resident (or a representative for all parts)."""
    access = plan_access(request.user, plan_id)
    page = selectors.plan_signals(access=access)
    return render(
        request,
        "early_signals/plan_signals.html",
        plan_context(access, NAV_KEY, page=page, owner_name=viewer_owner_name(access)),
    )


@login_required
def answer(request, plan_id, signal_id):
    """Yes: the signal joins the plan. No: it does not, and nothing of it is added."""
    access = plan_access(request.user, plan_id)
    signal = plan_signal_offer(access, signal_id)
    if (refused := post_only(request)) is not None:
        return refused
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return redirect("plan_signals", access.plan.pk)
    yes = form.cleaned_data["answer"] == "yes"
    try:
        services.signal_answer(access=access, signal=signal, yes=yes)
    except services.SignalConflict:
        messages.error(request, _("This question was already answered. Nothing was changed."))
    else:
        if yes:
            messages.success(request, _("Added to the plan. You can work on it together now."))
        else:
            messages.success(request, _("Not added. Nothing of it is in the plan."))
    return redirect("plan_signals", access.plan.pk)
