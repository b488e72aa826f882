"""My case conferences: those of plans I coordinate and those I was approved to join."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from samenplan.audit import context as audit
from samenplan.sharing.policy import keeps_conference_list, may_ask_consult

from ..selectors.convening import my_conferences as my_conference_list


@login_required
def my_conferences(request):
    if not keeps_conference_list(request.user):
        raise Http404
    rows = my_conference_list(user=request.user)
    audit.note_list(plan_ids=sorted({row.conference.plan_id for row in rows}), parts=set())
    audit.note_records("conference", [row.conference.pk for row in rows])
    return render(
        request,
        "conferences/my_conferences.html",
        {"rows": rows, "may_ask_consult": may_ask_consult(request.user)},
    )
