"""Referrals seen from the plan: "Wie helpt mij", proposing one, the resident's consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context, submitted, viewer_owner_name
from samenplan.sharing.parts import Level, Part, part_label
from samenplan.sharing.policy import PlanAccess, ReferralAccess, plan_access, plan_referral

from .. import selectors, services
from ..forms import ReferralActionForm, ReferralConsentForm, ReferralProposeForm
from ..models import Referral

NAV_KEY = "referrals"


def _map_url(access: PlanAccess) -> str:
    """The social map; with ?plan= its service pages offer "Verwijs door", back to `referral_new`."""
    return f"{reverse('social_map')}?plan={access.plan.pk}"


@login_required
def referrals(request, plan_id):
    """Who helps ("Wie helpt mij"): the professionals in the plan and every referral, in plain words."""
    access = plan_access(request.user, plan_id)
    page = selectors.who_helps(access=access)
    return render(
        request,
        "referrals/plan_referrals.html",
        plan_context(access, NAV_KEY, page=page, map_url=_map_url(access), owner_name=viewer_owner_name(access)),
    )


@login_required
def referral_new(request, plan_id):
    """Propose a referral to the service in ?service=. The resident (or a full
    representative) goes straight on to the consent; otherwise the resident is told."""
    access = plan_access(request.user, plan_id)
    if not access.can_propose_referral:
        access.require(Part.AGREEMENTS, Level.CONTRIBUTE)
        raise Http404  # a closed plan: nobody proposes anything any more
    owner_name = viewer_owner_name(access)
    service = selectors.service_to_refer_to(request.GET.get("service"))
    form = None
    if service is not None:
        form = ReferralProposeForm(
            posted(request), goals=selectors.goals_to_choose(access=access), owner_name=owner_name
        )
    if service is not None and submitted(request, form):
        try:
            referral = services.referral_propose(
                access=access,
                service=service,
                question=form.cleaned_data["question"],
                goals=list(form.cleaned_data.get("goals") or []),
                priority=form.priority,
                submit_token=form.cleaned_data["submit_token"],
            )
        except ValueError:
            service = None  # it stopped taking referrals since the page was drawn
        else:
            url = reverse("referral", args=[access.plan.pk, referral.pk])
            if access.speaks_for_owner_fully:
                messages.success(
                    request,
                    _("The referral is ready. Now choose what %(organisation)s may see, and send it.")
                    % {"organisation": service.organisation.name},
                )
                return redirect(f"{url}#consent")
            messages.success(
                request,
                _("The referral is proposed. %(name)s gets a message and decides what %(organisation)s may see.")
                % {"name": owner_name, "organisation": service.organisation.name},
            )
            return redirect(url)
    return render(
        request,
        "referrals/plan_referral_new.html",
        plan_context(access, NAV_KEY, service=service, form=form, map_url=_map_url(access), owner_name=owner_name),
    )


def _consent_form(ra: ReferralAccess, data=None) -> ReferralConsentForm:
    owner = ra.referral.plan.owner
    return ReferralConsentForm(
        data,
        owner_name=viewer_owner_name(ra.plan_access),
        version=ra.referral.version,
        organisation=ra.referral.organisation.name,
        # Offered from the resident's own account; she may change or clear it.
        contact_detail=owner.phone or owner.email,
    )


def _with_version(data, version: int):
    """What the person chose, now based on the referral as it is."""
    data = data.copy()
    data["version"] = str(version)
    return data


def _refuse(ra: ReferralAccess, may_ever: bool):
    """An action this user may not take now: a conflict when they could have taken it
    before someone changed the referral; otherwise missing and forbidden look the same."""
    if may_ever:
        raise services.ReferralConflict
    raise Http404


def _consent(request, ra: ReferralAccess):
    if not ra.can_consent:
        _refuse(ra, ra.plan_access.can_manage_sharing)
    form = _consent_form(ra, request.POST)
    if not form.is_valid():
        return form
    services.referral_consent(
        referral_access=ra,
        version=form.cleaned_data["version"],
        parts=form.cleaned_data["parts"],
        until=form.cleaned_data["until"],
        contact_channel=form.cleaned_data["contact_channel"],
        no_phone=form.cleaned_data["no_phone"],
        contact_detail=form.cleaned_data["contact_detail"],
    )
    messages.success(
        request,
        _("Sent. %(organisation)s now sees the question and what you chose.")
        % {"organisation": ra.referral.organisation.name},
    )
    return None


def _cancel(request, ra: ReferralAccess, version: int):
    if not ra.can_cancel:
        access = ra.plan_access
        _refuse(ra, access.can_manage_sharing or ra.referral.proposed_by_id == access.user.pk)
    was_sent = ra.referral.consented_at is not None
    services.referral_cancel(referral_access=ra, version=version)
    organisation = ra.referral.organisation.name
    if not was_sent:
        messages.success(request, _("The referral is stopped. Nothing was sent."))
    elif ra.plan_access.is_owner:
        messages.success(
            request,
            _("You withdrew your consent. %(organisation)s sees nothing of your plan from now on.")
            % {"organisation": organisation},
        )
    else:
        messages.success(
            request,
            _("The referral is stopped. %(organisation)s sees nothing of it from now on.")
            % {"organisation": organisation},
        )


def _extend(request, ra: ReferralAccess, version: int):
    if not ra.can_extend or version != ra.referral.version:
        _refuse(ra, ra.plan_access.can_manage_sharing)
    services.referral_extend(referral_access=ra)
    messages.success(
        request,
        _("%(organisation)s may keep looking along after the help ends.")
        % {"organisation": ra.referral.organisation.name},
    )


@login_required
def referral(request, plan_id, referral_id):
    """One referral: the question, its history, and what this user may do with it."""
    access = plan_access(request.user, plan_id)
    access.require(Part.AGREEMENTS)  # who does not see referrals: 404, noted as refused
    ra = plan_referral(access, referral_id)
    consent_form = None
    conflict = False
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "consent":
                consent_form = _consent(request, ra)
                if consent_form is None:
                    return redirect("referral", access.plan.pk, ra.referral.pk)
            else:
                form = ReferralActionForm(request.POST)
                if action not in ("cancel", "extend") or not form.is_valid():
                    messages.error(request, _("That did not work. Choose one of the buttons."))
                    return redirect("referral", access.plan.pk, ra.referral.pk)
                version = form.cleaned_data["version"]
                (_cancel if action == "cancel" else _extend)(request, ra, version)
                return redirect("referral", access.plan.pk, ra.referral.pk)
        except services.ReferralConflict:
            conflict = True
            ra = plan_referral(access, referral_id)
            consent_form = (
                _consent_form(ra, _with_version(request.POST, ra.referral.version)) if action == "consent" else None
            )
    referral = selectors.referral_detail(referral_access=ra)
    if not ra.can_consent:
        consent_form = None
    elif consent_form is None:
        consent_form = _consent_form(ra)
    owner_name = viewer_owner_name(access)
    return render(
        request,
        "referrals/plan_referral.html",
        plan_context(
            access,
            NAV_KEY,
            referral=referral,
            ra=ra,
            consent_form=consent_form,
            action_version=referral.version,
            overdue_days=services.response_days(),
            conflict=conflict,
            owner_name=owner_name,
            consented_labels=[part_label(p, owner_name=owner_name) for p in referral.consent_parts],
            Status=Referral.Status,
        ),
    )
