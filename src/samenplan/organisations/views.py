from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import managed_organisation

from . import services
from .forms import OrganisationForm, StaffMemberForm
from .selectors import organisation_page


@login_required
def organisation(request):
    """The organisation admin's page: their organisation's details and its staff."""
    organisation, wijken, staff = organisation_page(user=request.user)
    return render(
        request,
        "organisations/organisation.html",
        {"organisation": organisation, "wijken": wijken, "staff": staff},
    )


@login_required
def organisation_edit(request):
    organisation = managed_organisation(request.user)
    form = OrganisationForm(posted(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(user=request.user, organisation=organisation, form=form)
        messages.success(request, _("Saved. The details of your organisation are up to date."))
        return redirect("organisation")
    return render(request, "organisations/organisation_edit.html", {"organisation": organisation, "form": form})


@login_required
def staff_add(request):
    organisation = managed_organisation(request.user)
    form = StaffMemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        member = services.staff_member_create(user=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is added. They got an email with a link to choose their own password.")
            % {"name": member.display_name},
        )
        return redirect("organisation")
    return render(request, "organisations/staff_add.html", {"organisation": organisation, "form": form})


@login_required
def staff_access(request, member_id):
    """Block or unblock a staff member (a button on the organisation page)."""
    # Asked before the method: a stranger gets the same 404 whatever they send.
    managed_organisation(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    blocked = request.POST.get("access") == "block"
    if request.POST.get("access") not in ("block", "unblock"):
        messages.error(request, _("That did not work. Choose one of the buttons."))
        return redirect("organisation")
    try:
        member = services.staff_member_block(user=request.user, member_id=member_id, blocked=blocked)
    except PermissionError:
        raise Http404 from None
    if blocked:
        message = _("%(name)s is blocked and can no longer log in.")
    else:
        message = _("%(name)s is unblocked and can log in again.")
    messages.success(request, message % {"name": member.display_name})
    return redirect("organisation")
