"""The conference page, seen by the resident side, the coordinator and the participants."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samenplan.sharing.policy import ConferenceAccess, conference_for

from ..forms.agenda import AgendaForm
from ..forms.response import ResponseForm
from ..selectors.detail import conference_page


def render_conference(request, ca: ConferenceAccess, *, status: int = 200, **forms):
    """The conference page; a view whose form had errors passes it bound, the others are fresh."""
    context = {
        "agenda_form": AgendaForm() if ca.can_add_agenda else None,
        "response_form": ResponseForm() if ca.can_respond else None,
        **forms,
    }
    page = conference_page(ca=ca)
    context.update(ca=ca, page=page, conference=ca.conference, plan=ca.conference.plan)
    return render(request, "conferences/conference.html", context, status=status)


@login_required
def conference(request, conference_id):
    return render_conference(request, conference_for(request.user, conference_id))
