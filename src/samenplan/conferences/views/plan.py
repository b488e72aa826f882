"""Case conferences seen from the plan: the list of meetings about it, and convening one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context, submitted, viewer_owner_name
from samenplan.sharing import policy

from ..forms.convening import ConveneForm
from ..selectors.consults import plan_consults
from ..selectors.convening import invitable_professionals, plan_conference_list
from ..services.convening import conference_convene

NAV_KEY = "conferences"


@login_required
def conferences(request, plan_id):
    """The meetings about the plan: open ones first, what each is about, and the consults."""
    access = policy.plan_access(request.user, plan_id)
    if not policy.sees_plan_meetings_page(access):
        raise Http404
    rows = plan_conference_list(access=access)
    return render(
        request,
        "conferences/plan_conferences.html",
        plan_context(
            access,
            NAV_KEY,
            rows=rows,
            sees_conferences=policy.sees_plan_conferences(access),
            can_convene=policy.can_convene(access),
            owner_name=viewer_owner_name(access),
            consults=plan_consults(access=access),
        ),
    )


@login_required
def conference_new(request, plan_id):
    """The coordinator convenes a case conference; the resident is asked to agree."""
    access = policy.plan_access(request.user, plan_id)
    if not policy.can_convene(access):
        raise Http404
    form = ConveneForm(posted(request), groups=invitable_professionals(plan=access.plan, exclude_ids=set()))
    if submitted(request, form):
        conference = conference_convene(
            access=access,
            stuck=form.cleaned_data["stuck"],
            tried=form.cleaned_data["tried"],
            meets_at=form.cleaned_data["meets_at"],
            place=form.cleaned_data["place"],
            professionals=form.chosen(),
            submit_token=form.cleaned_data["submit_token"],
        )
        messages.success(
            request,
            _("The meeting is proposed. %(name)s gets a message and decides whether it goes ahead.")
            % {"name": viewer_owner_name(access) or access.plan.owner.display_name},
        )
        return redirect("conference", conference.pk)
    return render(
        request,
        "conferences/conference_new.html",
        plan_context(access, NAV_KEY, form=form, owner_name=viewer_owner_name(access)),
    )
