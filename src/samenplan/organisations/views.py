from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import managed_location, managed_organisation, managed_service

from . import services
from .forms import LocationForm, OrganisationForm, ServiceForm, StaffMemberForm
from .selectors import leaver_preview, organisation_page, social_map_listings


@login_required
def organisation(request):
    """The organisation admin's page: their organisation's details and its staff."""
    organisation, wijken, staff = organisation_page(user=request.user)
    locations, listings, stale = social_map_listings(organisation=organisation)
    return render(
        request,
        "organisations/organisation.html",
        {
            "organisation": organisation,
            "wijken": wijken,
            "staff": staff,
            "locations": locations,
            "listings": listings,
            "stale": stale,
        },
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


@login_required
def staff_leave(request, member_id):
    """ "Left the organisation": a page that says what will happen, then a POST that does it."""
    member, plans, agreements = leaver_preview(user=request.user, member_id=member_id)
    if member.pk == request.user.pk:
        raise Http404
    if request.method == "POST":
        try:
            member, _result = services.staff_member_leave(user=request.user, member_id=member.pk)
        except PermissionError:
            raise Http404 from None
        messages.success(
            request,
            _("%(name)s is out of service: the account is stopped and has no access to any plan any more.")
            % {"name": member.display_name},
        )
        return redirect("organisation")
    return render(
        request,
        "organisations/staff_leave.html",
        {"member": member, "plan_count": plans, "agreement_count": agreements},
    )


# The social map: locations and services.


@login_required
def location_add(request):
    organisation = managed_organisation(request.user)
    return _location_form(request, organisation, None)


@login_required
def location_edit(request, location_id):
    location = managed_location(request.user, location_id)
    return _location_form(request, location.organisation, location)


def _location_form(request, organisation, location):
    form = LocationForm(posted(request), instance=location, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        location = services.location_save(user=request.user, organisation=organisation, form=form)
        messages.success(request, _("Saved: %(name)s.") % {"name": location.name})
        return redirect("organisation")
    return render(
        request, "organisations/location_edit.html", {"organisation": organisation, "form": form, "location": location}
    )


@login_required
def location_delete(request, location_id):
    """Remove a location (a button on the location's page), only when no service is offered there."""
    location = managed_location(request.user, location_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.location_delete(user=request.user, location=location)
    except services.LocationInUse:
        messages.error(
            request,
            _("%(name)s is not removed: services are still offered there. Change those services first.")
            % {"name": location.name},
        )
        return redirect("location_edit", location.pk)
    messages.success(request, _("Removed: %(name)s.") % {"name": location.name})
    return redirect("organisation")


@login_required
def service_add(request):
    organisation = managed_organisation(request.user)
    return _service_form(request, organisation, None)


@login_required
def service_edit(request, service_id):
    service = managed_service(request.user, service_id)
    return _service_form(request, service.organisation, service)


def _service_form(request, organisation, service):
    form = ServiceForm(posted(request), instance=service, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        service = services.service_save(user=request.user, organisation=organisation, form=form)
        messages.success(request, _("Saved: %(name)s. It counts as checked today.") % {"name": service.name})
        return redirect("organisation")
    return render(
        request, "organisations/service_edit.html", {"organisation": organisation, "form": form, "service": service}
    )


@login_required
def service_confirm(request, service_id):
    """ "Still right": one click to say the listing was checked today."""
    managed_service(request.user, service_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service = services.service_confirm(user=request.user, service_id=service_id)
    messages.success(request, _("Thank you. %(name)s counts as checked today.") % {"name": service.name})
    return redirect(f"{reverse('organisation')}#h-services")
