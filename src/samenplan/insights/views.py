"""The policy analyst's insights pages (placeholder until the dashboard lands)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from samenplan.sharing import policy


def _analyst(request):
    if not policy.sees_insights(request.user):
        raise Http404


@login_required
def dashboard(request):
    _analyst(request)
    return HttpResponse("")


@login_required
def dashboard_csv(request):
    _analyst(request)
    return HttpResponse("", content_type="text/csv")


@login_required
def pairs(request):
    _analyst(request)
    return HttpResponse("")
