"""The partner's page: send signals as a CSV file and see, for its own signals, only
whether contact was made and help accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import sends_signals

from ..forms.importing import SignalUploadForm
from ..selectors.partner import partner_signal_page
from ..services.importing import COLUMNS, signals_import

# Problems listed on the page; a file with more gets the count and the first ones.
SHOWN_PROBLEMS = 200

# The example file: the header and one invented row, in the form Dutch Excel writes.
EXAMPLE_ROW = (
    "WB-2026-0001",
    "Jan de Vries",
    "Lindelaan 12",
    "5701 AB",
    "Helmstad",
    "14-03-1981",
    "huur",
    "1.234,56",
    "3",
    "15-01-2026",
    "ja",
)


@login_required
def partner(request):
    """Send a file of signals; the page says what became of it and lists the partner's own
    signals with only whether contact was made and help accepted."""
    if not sends_signals(request.user):
        raise Http404
    form = SignalUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = signals_import(
            partner=request.user.organisation,
            content=upload.read(),
            filename=upload.name,
            uploaded_by=request.user,
        )
        if report.ok:
            messages.success(request, _("The file is imported. %(summary)s") % {"summary": report.summary()})
            return redirect("signal_partner")
        if report.file_problem:
            form.add_error("file", report.file_problem)
        else:
            form.add_error("file", report.lines()[-1])
    page = partner_signal_page(fetched_by=request.user, page_number=request.GET.get("page"))
    problems = report.problems if report else []
    return render(
        request,
        "early_signals/partner.html",
        {
            "form": form,
            "report": report,
            "problems": problems[:SHOWN_PROBLEMS],
            "more_problems": max(0, len(problems) - SHOWN_PROBLEMS),
            "page": page,
        },
    )


@login_required
def template_csv(request):
    """The example file: the column names and one invented row."""
    if not sends_signals(request.user):
        raise Http404
    # A byte order mark and semicolons, so Dutch Excel opens it in columns with é intact.
    body = "\ufeff" + ";".join(COLUMNS) + "\r\n" + ";".join(EXAMPLE_ROW) + "\r\n"
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="signalen-voorbeeld.csv"'
    return response
