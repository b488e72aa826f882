"""The wijk team's outreach on early signals: the queue by household, one signal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import CaseAccess, team_signal, works_in_wijk_team

from ..forms.outreach import AttemptForm, CloseForm, OfferForm, QueueFilterForm, VersionForm
from ..selectors import outreach as selectors
from ..services import outreach as services

# What the signal page may post. Anyone in the team claims an unowned signal; only its
# owner does the rest (to anyone else those do not exist: a 404).
ACTIONS = ("claim", "claim_household", "release", "attempt", "close", "offer")
OWNER_ACTIONS = ("claim_household", "release", "attempt", "close", "offer")


@login_required
def queue(request):
    """The open signals of the user's wijk team, one block per address, the household
    waiting longest first; and the signals closed lately."""
    if not works_in_wijk_team(request.user):
        raise Http404
    form = QueueFilterForm(request.GET or None)
    queue = selectors.signal_queue(user=request.user, show=form.show_value)
    # The same filter links as the question queue (no button to press).
    filters = form.fields["show"].choices
    return render(request, "early_signals/queue.html", {"queue": queue, "filters": filters})


def _forms(access: CaseAccess, detail: selectors.SignalDetail, data=None, action: str = "") -> dict:
    """The form of each action the user may take now; the posted one is bound to `data`."""
    signal = access.case

    def bound(name):
        return data if name == action else None

    forms = {}
    if access.can_claim:
        forms["claim"] = VersionForm(bound("claim"), prefix="claim")
    if access.can_act:
        if detail.free_in_household:
            forms["claim_household"] = VersionForm(bound("claim_household"), prefix="claim_household")
        forms["release"] = VersionForm(bound("release"), prefix="release")
        forms["attempt"] = AttemptForm(bound("attempt"), prefix="attempt")
        forms["close"] = CloseForm(
            bound("close"),
            prefix="close",
            initial={"version": signal.version},
            signal=signal,
            attempts=detail.attempts,
            services=detail.debt_services,
        )
        if detail.plans:
            forms["offer"] = OfferForm(bound("offer"), prefix="offer", plans=detail.plans)
    return forms


def _conflict_message(access: CaseAccess, action: str) -> str:
    """What happened meanwhile, said plainly; the page below shows the signal as it is now."""
    signal = access.case
    if signal.closed_at is not None:
        return _("This signal was closed in the meantime. Nothing was saved.")
    if signal.owner_id and signal.owner_id != access.user.pk:
        return _("Someone else took this on just now: %(name)s.") % {"name": signal.owner.display_name}
    if action == "claim" and signal.owner_id == access.user.pk:
        return _("You already took this signal on.")
    return _("Something changed in the meantime. Check the signal below and try again. Nothing was saved.")


def _act(access: CaseAccess, action: str, form, detail: selectors.SignalDetail) -> str:
    """Do the posted action; the message that says it was done."""
    data = form.cleaned_data
    if action == "claim":
        services.signal_claim(access=access)
        return _("You took this signal on. You are now the contact for this household.")
    if action == "claim_household":
        claimed = services.signal_claim_household(access=access)
        return _("You also took on the other signals of this address (%(n)s).") % {"n": len(claimed)}
    if action == "release":
        services.signal_release(access=access)
        return _("You gave the signal back to the team. A colleague can take it on now.")
    if action == "attempt":
        services.signal_attempt(
            access=access, channel=data["channel"], reached=data["reached"] == "yes", note=data["note"]
        )
        return _("The attempt is recorded.")
    if action == "close":
        services.signal_close(
            access=access, version=data["version"], outcome=data["outcome"], note=data["note"], service=data["service"]
        )
        return _("The signal is closed. The partner sees only whether help was accepted.")
    plan_access = selectors.plan_for_offer(access=access, plan_id=data["plan"])
    if plan_access is None:
        raise Http404
    services.signal_offer(access=access, plan=plan_access.plan)
    return _("The signal is offered to %(name)s's plan. %(name)s decides whether it is added.") % {
        "name": plan_access.plan.owner.first_name or plan_access.plan.owner.display_name
    }


@login_required
def signal(request, signal_id):
    """One signal: what the partner reported, the other signals of the address, what was
    done so far, and the actions the user may take now."""
    access = team_signal(request.user, signal_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        raise BadRequest
    if action in OWNER_ACTIONS and not access.is_owner:
        services.refuse(access)
    detail = selectors.signal_detail(access=access)
    forms = _forms(access, detail, posted(request), action)
    if action:
        form = forms.get(action)
        if form is None:
            # The page was drawn before a colleague took the signal on, or it was closed.
            messages.error(request, _conflict_message(access, action))
        elif form.is_valid():
            try:
                done = _act(access, action, form, detail)
            except services.SignalConflict:
                access = team_signal(request.user, signal_id)
                messages.error(request, _conflict_message(access, action))
                detail = selectors.signal_detail(access=access)
                forms = _forms(access, detail)
            else:
                messages.success(request, done)
                return redirect("signal", access.case.pk)
    return render(
        request,
        "early_signals/signal.html",
        {"detail": detail, "signal": access.case, "access": access, "forms": forms},
    )
