"""The URLs while benchmarking: the real ones plus a floor view. Only `manage.py bench`
uses this URLconf; the floor view is not part of the app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from samenplan.plans.models import Plan
from samenplan.urls import urlpatterns as app_urlpatterns

FLOOR_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="nl"><head><title>Floor</title></head><body><p>{{ plans }}</p></body></html>'
)


@login_required
def floor(request):
    """The least a page for a logged-in person can cost here: the same middleware and
    login check, one query of its own and a trivial template."""
    plans = Plan.objects.filter(owner=request.user).count()
    return HttpResponse(FLOOR_TEMPLATE.render({"plans": plans}, request))


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *app_urlpatterns]
