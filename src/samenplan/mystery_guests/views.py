from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import coordinates_programme, mystery_manages_touchpoints, mystery_may_respond

from . import selectors, services
from .forms import GuestForm, ReportForm, ResponseForm, TouchpointForm


@login_required
def reports(request):
    """The reports this person may read: a guest's own, an organisation's, or all (the coordinator)."""
    report_list = selectors.report_list(user=request.user)
    return render(
        request,
        "mystery_guests/reports.html",
        {
            "reports": report_list,
            "is_guest": selectors.is_guest(request.user),
            "is_coordinator": coordinates_programme(request.user),
            "manages_touchpoints": mystery_manages_touchpoints(request.user),
            "show_names": selectors.shows_guest_names(request.user),
        },
    )


@login_required
def report_new(request):
    """A guest files a report: first "check", which shows the letter without personal data,
    then "file"."""
    if not selectors.is_guest(request.user):
        raise Http404
    touchpoints = selectors.touchpoints_to_visit(user=request.user)
    data = posted(request)
    checked = False
    if data is not None and data.get("letter_text"):
        # What the guest sees and sends on is the cleaned text, never the original.
        data = data.copy()
        data["letter_text"] = services.letter_clean(data["letter_text"])
    form = ReportForm(data, touchpoints=touchpoints)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "file":
            try:
                services.report_file(
                    user=request.user, touchpoint=form.cleaned_data["touchpoint"], **form.report_fields()
                )
            except PermissionError:
                raise Http404 from None
            messages.success(request, _("Thank you. Your report is filed; the organisation can now read it."))
            return redirect("mystery_reports")
        checked = True
    return render(request, "mystery_guests/report_new.html", {"form": form, "checked": checked})


@login_required
def report(request, report_id):
    report, responses = selectors.report_detail(user=request.user, report_id=report_id)
    may_respond = mystery_may_respond(request.user, report)
    form = ResponseForm(posted(request)) if may_respond else None
    if request.method == "POST":
        if not may_respond:
            raise Http404
        if form.is_valid():
            services.response_create(user=request.user, report=report, **form.cleaned_data)
            messages.success(request, _("Your response is saved. The guest and the programme can read it."))
            return redirect("mystery_report", report.pk)
    return render(
        request,
        "mystery_guests/report.html",
        {
            "report": report,
            "responses": responses,
            "form": form,
            "show_names": selectors.shows_guest_names(request.user),
        },
    )


@login_required
def touchpoints(request):
    """The touchpoints of one's organisation (an organisation admin) or of all (the coordinator),
    with a form to add one."""
    if not mystery_manages_touchpoints(request.user):
        raise Http404
    organisations = selectors.touchpoint_organisations(user=request.user)
    form = TouchpointForm(posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            touchpoint = services.touchpoint_create(user=request.user, **form.cleaned_data)
        except PermissionError:
            raise Http404 from None
        messages.success(request, _("Added: %(name)s.") % {"name": touchpoint.name})
        return redirect("mystery_touchpoints")
    return render(
        request,
        "mystery_guests/touchpoints.html",
        {
            "touchpoints": selectors.touchpoint_list(user=request.user),
            "form": form,
            "is_coordinator": coordinates_programme(request.user),
            "manages_touchpoints": True,
        },
    )


@login_required
def guests(request):
    """The coordinator's mystery guests, with a form to add an existing account."""
    guest_list = selectors.guest_list(user=request.user)
    form = GuestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        guest = services.guest_add(user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is a mystery guest (%(kind)s). Tell them to open Mystery guests at %(path)s.")
            % {"name": guest.user.display_name, "kind": guest.get_kind_display(), "path": "/mysteryguests/"},
        )
        return redirect("mystery_guests")
    return render(request, "mystery_guests/guests.html", {"guests": guest_list, "form": form, "is_coordinator": True})


@login_required
def findings(request):
    """The findings by theme, for the programme coordinator."""
    themes, organisations, hidden = selectors.findings(user=request.user)
    return render(
        request,
        "mystery_guests/findings.html",
        {
            "themes": themes,
            "organisations": organisations,
            "hidden": hidden,
            "minimum": selectors.MIN_REPORTS_PER_ORGANISATION,
            "is_coordinator": True,
        },
    )
