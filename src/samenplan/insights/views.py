"""The policy analyst's insights pages: the dashboard, the rode draden (problems that come
together) and both as CSV files. Figures are read through `insights.selectors` only, put
together by `insights.dashboard`; everyone but the analyst gets a 404."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from samenplan.sharing import policy

from . import dashboard as assemble
from . import selectors
from .forms import InsightsFilterForm


def _analyst(request):
    if not policy.sees_insights(request.user):
        raise Http404


def _setup(request, *, with_domain=True):
    """The refresh, its labels and the filter form; None when nothing was computed yet."""
    refresh = selectors.latest_refresh()
    if refresh is None or not refresh.quarters:
        return None
    labels = assemble.Labels.load(refresh, viewer=request.user)
    form = InsightsFilterForm(request.GET, labels=labels, with_domain=with_domain)
    return refresh, labels, form


def _no_figures(request):
    return render(request, "insights/no_figures.html")


def _context(refresh, form) -> dict:
    return {
        "refresh": refresh,
        "form": form,
        "query": form.query(),
        "protection": assemble.protection(),
    }


@login_required
def dashboard(request):
    _analyst(request)
    setup = _setup(request)
    if setup is None:
        return _no_figures(request)
    refresh, labels, form = setup
    page = assemble.build_dashboard(refresh, form.choice(), labels)
    return render(request, "insights/dashboard.html", {**_context(refresh, form), "page": page})


@login_required
def pairs(request):
    _analyst(request)
    setup = _setup(request, with_domain=False)
    if setup is None:
        return _no_figures(request)
    refresh, labels, form = setup
    page = assemble.build_pairs(refresh, form.choice(), labels)
    return render(request, "insights/pairs.html", {**_context(refresh, form), "page": page})


def _csv(rows, header, name: str) -> HttpResponse:
    """UTF-8 with a byte order mark and semicolons: what Excel in Dutch opens as columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(kind: str, choice) -> str:
    parts = [kind, choice.quarter]
    if choice.area != assemble.ALL:
        parts.append(f"wijk-{choice.area}")
    if choice.node != assemble.ALL:
        parts.append(choice.node.replace(":", "-"))
    return "-".join(parts) + ".csv"


@login_required
def dashboard_csv(request):
    _analyst(request)
    setup = _setup(request)
    if setup is None:
        return _csv([], assemble.csv_header(), "inzicht.csv")
    refresh, labels, form = setup
    choice = form.choice()
    page = assemble.build_dashboard(refresh, choice, labels)
    return _csv(assemble.csv_rows(page.reader, labels), assemble.csv_header(), _file_name("inzicht", choice))


@login_required
def pairs_csv(request):
    _analyst(request)
    setup = _setup(request, with_domain=False)
    if setup is None:
        return _csv([], assemble.csv_header(), "rode-draden.csv")
    refresh, labels, form = setup
    choice = form.choice()
    page = assemble.build_pairs(refresh, choice, labels)
    return _csv(assemble.csv_rows(page.reader, labels), assemble.csv_header(), _file_name("rode-draden", choice))
