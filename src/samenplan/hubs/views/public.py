"""The public side of a neighbourhood hub: where and when it is open, and a question
without an account (with its receipt). Nobody logs in here; every wijk has a page, with or
without a `Hub` row."""

import math
import time
from datetime import timedelta

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

from samenplan.accounts.models import Organisation, Wijk
from samenplan.directory.models import Schedule
from samenplan.lib.forms import posted

from ..forms.asking import QuestionForm
from ..services.asking import question_create

# The session remembers the question just sent, so the receipt can show its code without
# the code ever being in a URL (browser history, logs, a shared computer's address bar).
SESSION_KEY = "hub_question_sent"
# After this long the receipt no longer shows the code.
RECEIPT_MINUTES = 60
RATE_GROUP = "hub-question"


def hubs(request):
    """Every wijk with its hub: choose your own."""
    wijken = Wijk.objects.select_related("hub__location").order_by("name")
    return render(request, "hubs/hub_list.html", {"wijken": [_hub_facts(wijk) for wijk in wijken]})


@never_cache
def hub(request, wijk_code):
    """The hub's page: where and when, the wijk team's contact, and the question form."""
    wijk = get_object_or_404(Wijk.objects.select_related("hub__location"), code=wijk_code)
    form = QuestionForm(posted(request))
    limited_until = None
    if request.method == "POST" and form.is_valid():
        usage = get_usage(request, group=RATE_GROUP, key="ip", rate=settings.SAMENPLAN_QUESTION_RATE, increment=True)
        if usage and usage["should_limit"]:
            limited_until = _try_again(usage["time_left"])
        elif form.is_spam:
            # Robots are not told: they get the same answer as people, and nothing is stored.
            request.session.pop(SESSION_KEY, None)
            return redirect("hub_receipt", wijk_code=wijk.code)
        else:
            question = question_create(wijk=wijk, **form.question_fields())
            request.session[SESSION_KEY] = {
                "reference": question.reference,
                "wijk": wijk.code,
                "channel": question.channel,
                "at": time.time(),
            }
            return redirect("hub_receipt", wijk_code=wijk.code)
    context = {**_hub_page(wijk), "form": form, "limited_until": limited_until}
    return render(request, "hubs/hub.html", context, status=429 if limited_until else 200)


@never_cache
def receipt(request, wijk_code):
    """What happens next, with the question's code; "nothing sent yet" without a fresh one."""
    wijk = get_object_or_404(Wijk.objects.select_related("hub"), code=wijk_code)
    sent = request.session.get(SESSION_KEY)
    fresh = (
        isinstance(sent, dict)
        and sent.get("wijk") == wijk.code
        and time.time() - float(sent.get("at", 0)) < RECEIPT_MINUTES * 60
    )
    return render(
        request,
        "hubs/receipt.html",
        {
            **_hub_facts(wijk),
            "sent": sent if fresh else None,
            "days": settings.SAMENPLAN_QUESTION_RESPONSE_DAYS,
            "teams": _wijk_teams(wijk),
            "hub_url": reverse("hub", args=[wijk.code]),
        },
    )


def _hub_facts(wijk: Wijk) -> dict:
    """A wijk's hub, named after the wijk when it has no `Hub` row of its own."""
    hub = getattr(wijk, "hub", None)
    return {
        "wijk": wijk,
        "hub": hub,
        "name": hub.name if hub else _("Neighbourhood hub %(wijk)s") % {"wijk": wijk.name},
    }


def _hub_page(wijk: Wijk) -> dict:
    facts = _hub_facts(wijk)
    location = facts["hub"].location if facts["hub"] else None
    hours = []
    if location is not None:
        # The place's own opening hours, not those of a service held there.
        hours = list(Schedule.objects.filter(location=location, service__isnull=True, service_at_location__isnull=True))
    return {
        **facts,
        "location": location,
        "hours": hours,
        "teams": _wijk_teams(wijk),
        "days": settings.SAMENPLAN_QUESTION_RESPONSE_DAYS,
    }


def _wijk_teams(wijk: Wijk) -> list[Organisation]:
    """The organisations that form the wijk team (they start plans and serve this wijk) and
    can be called or emailed."""
    return list(
        Organisation.objects.filter(starts_plans=True, wijken=wijk).exclude(phone="", email="").order_by("name")
    )


def _try_again(seconds_left: int) -> str:
    """When a throttled person may send again, in words: "over 23 minuten (om 14:35)"."""
    seconds = max(int(seconds_left), 60)
    minutes = math.ceil(seconds / 60)
    at = timezone.localtime(timezone.now() + timedelta(seconds=seconds))
    return ngettext("in %(minutes)s minute (at %(time)s)", "in %(minutes)s minutes (at %(time)s)", minutes) % {
        "minutes": minutes,
        "time": time_format(at, "H:i"),
    }
