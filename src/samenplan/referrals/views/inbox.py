"""Referrals seen by the receiving organisation: the team queue and each referral."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import ReferralAccess, received_referral, receives_referrals

from .. import selectors_inbox, services
from ..forms_inbox import ReferralAnswerForm, ReferralCompleteForm, ReferralFailForm, ReferralRejectForm
from ..models import Referral

# The answers a page may post, each with its form.
ACTIONS = {
    "accept": ReferralAnswerForm,
    "reject": ReferralRejectForm,
    "start": ReferralAnswerForm,
    "complete": ReferralCompleteForm,
    "fail": ReferralFailForm,
}
# Only the colleague who took the referral on answers these; to anyone else they do not exist.
ASSIGNEE_ACTIONS = {"start", "complete", "fail"}


@login_required
def inbox(request):
    """The team queue: new referrals first, then mine, my colleagues', and those closed lately."""
    if not receives_referrals(request.user):
        raise Http404
    queue = selectors_inbox.referral_inbox(user=request.user)
    return render(request, "referrals/inbox.html", {"inbox": queue})


def _forms(ra: ReferralAccess, data=None, action: str = "") -> dict:
    """The form of each answer this user may give now; the posted one is bound to `data`."""
    version = ra.referral.version
    forms = {}
    for name, form_class in ACTIONS.items():
        if not getattr(ra, f"can_{name}"):
            continue
        kwargs = {"initial": {"version": version}, "prefix": name}
        if name == "reject":
            kwargs["services"] = selectors_inbox.services_to_suggest(referral=ra.referral)
        forms[name] = form_class(data if name == action else None, **kwargs)
    return forms


def _answer(ra: ReferralAccess, action: str, form) -> Referral:
    data = form.cleaned_data
    common = {"referral_access": ra, "version": data["version"]}
    if action == "accept":
        return services.referral_accept(**common)
    if action == "reject":
        return services.referral_reject(**common, reason=data["reason"], suggested_service=data["suggested_service"])
    if action == "start":
        return services.referral_start(**common)
    if action == "complete":
        return services.referral_complete(**common, outcome=data["outcome"], note=data["note"])
    return services.referral_fail(**common, reason=data["reason"])


def _done_message(action: str, referral: Referral) -> str:
    texts = {
        "accept": _("The referral is yours now. You are in %(name)s's plan and see what %(name)s shared."),
        "reject": _("The referral is not accepted. %(name)s and the person who sent it are told."),
        "start": _("Noted: you have started."),
        "complete": _("The referral is finished. What %(name)s shared is closed to you again."),
        "fail": _("Noted: the referral could not go ahead. What %(name)s shared is closed to you again."),
    }
    return texts[action] % {"name": referral.plan.owner.first_name}


def _conflict_message(ra: ReferralAccess) -> str:
    """What happened meanwhile, said plainly; the page below shows the current state."""
    referral = ra.referral
    if referral.status in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS) and referral.assigned_to_id:
        if referral.assigned_to_id == ra.user.pk:
            return _("You already accepted this referral.")
        return _("A colleague has just accepted this referral (%(name)s).") % {
            "name": referral.assigned_to.display_name
        }
    return _("Something changed in the meantime: this referral is now “%(state)s”. Nothing was saved.") % {
        "state": referral.get_status_display()
    }


@login_required
def received(request, referral_id):
    """One referral in the team queue: the question and what the resident shared while it is
    open, the answers the user may give; after it closes, only its state and outcome."""
    ra = received_referral(request.user, referral_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        raise BadRequest
    if action and not getattr(ra, f"can_{action}") and action in ASSIGNEE_ACTIONS and not ra.is_assignee:
        raise Http404
    forms = _forms(ra, posted(request), action)
    if action:
        form = forms.get(action)
        if form is None:
            # The page was drawn before a colleague (or the resident) changed the referral.
            messages.error(request, _conflict_message(ra))
        elif form.is_valid():
            try:
                referral = _answer(ra, action, form)
            except services.ReferralConflict:
                ra = received_referral(request.user, referral_id)
                messages.error(request, _conflict_message(ra))
                forms = _forms(ra)
            else:
                messages.success(request, _done_message(action, referral))
                return redirect("referral_received", referral.pk)
    detail = selectors_inbox.received_referral_detail(referral_access=ra)
    return render(
        request,
        "referrals/received.html",
        {"detail": detail, "referral": ra.referral, "plan": ra.referral.plan, "forms": forms, "ra": ra},
    )
