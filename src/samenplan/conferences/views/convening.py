"""One conference: the resident's consent, the coordinator's people and closing, the agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.plans.shell import post_only, viewer_owner_name
from samenplan.sharing.policy import ConferenceAccess, conference_for

from ..forms.agenda import AgendaForm
from ..forms.convening import (
    CancelForm,
    ConsentForm,
    DeclineForm,
    FollowUpForm,
    ProfessionalPicker,
    RemoveParticipantForm,
)
from ..models import Conference
from ..selectors.convening import consent_choices, invitable_professionals, participants_present
from ..services import convening as services
from .detail import render_conference


def _with_version(data, version: int, key: str = "version"):
    """What the person chose, now based on the conference as it is."""
    data = data.copy()
    data[key] = str(version)
    return data


def _context(ca: ConferenceAccess, **extra) -> dict:
    return {
        "ca": ca,
        "conference": ca.conference,
        "plan": ca.conference.plan,
        "owner_name": viewer_owner_name(ca.own) if ca.own is not None else ca.conference.plan.owner.first_name,
        **extra,
    }


@login_required
def consent(request, conference_id):
    """The resident (or a representative for all parts) agrees, chooses who joins and what
    the table may see; or, while it is proposed, says no."""
    ca = conference_for(request.user, conference_id)
    if not ca.can_consent:
        raise Http404
    owner_name = viewer_owner_name(ca.own)
    conflict = False
    action = request.POST.get("action") if request.method == "POST" else None

    def forms_for(consent_data=None, decline_data=None):
        choices = consent_choices(ca=ca)
        consent_form = ConsentForm(consent_data, choices=choices, conference=ca.conference, owner_name=owner_name)
        decline_form = DeclineForm(decline_data, conference=ca.conference) if ca.can_decline else None
        return consent_form, decline_form

    consent_form, decline_form = forms_for(
        request.POST if action == "consent" else None, request.POST if action == "decline" else None
    )
    if action == "consent" and consent_form.is_valid():
        was_planned = ca.conference.status == Conference.Status.PLANNED
        try:
            services.conference_consent(
                ca=ca,
                approve=consent_form.approved(),
                network=consent_form.chosen_network(),
                parts=consent_form.cleaned_data["parts"],
                version=consent_form.cleaned_data["version"],
            )
        except services.ConferenceConflict:
            conflict = True
        else:
            messages.success(
                request,
                _("Saved. Who joins and what they see is as you chose.")
                if was_planned
                else _("The meeting goes ahead. Only the people you chose see what you ticked."),
            )
            return redirect("conference", ca.conference.pk)
    elif action == "decline" and decline_form is not None and decline_form.is_valid():
        try:
            services.conference_decline(
                ca=ca, reason=decline_form.cleaned_data["reason"], version=decline_form.cleaned_data["version"]
            )
        except services.ConferenceConflict:
            conflict = True
        else:
            messages.success(request, _("The meeting does not go ahead. Nobody sees anything of it."))
            return redirect("plan_conferences", ca.conference.plan_id)
    elif action not in (None, "consent", "decline"):
        messages.error(request, _("That did not work. Choose one of the buttons."))
        return redirect("conference_consent", ca.conference.pk)
    if conflict:
        ca = conference_for(request.user, conference_id)
        if not ca.can_consent:
            messages.error(request, _("Something changed in the meantime: this meeting cannot be changed any more."))
            return redirect("conference", ca.conference.pk)
        consent_form, decline_form = forms_for(
            _with_version(request.POST, ca.conference.version) if action == "consent" else None,
            _with_version(request.POST, ca.conference.version, "decline-version") if action == "decline" else None,
        )
    return render(
        request,
        "conferences/consent.html",
        _context(ca, form=consent_form, decline_form=decline_form, conflict=conflict),
    )


@login_required
def people(request, conference_id):
    """The coordinator proposes more professionals, or takes one off the list."""
    ca = conference_for(request.user, conference_id)
    if not ca.can_propose_people:
        raise Http404
    present = participants_present(ca=ca)

    def picker(data=None):
        groups = invitable_professionals(plan=ca.conference.plan, exclude_ids={p.user_id for p in present if p.user_id})
        return ProfessionalPicker(data, groups=groups)

    action = request.POST.get("action") if request.method == "POST" else None
    form = picker(request.POST if action == "add" else None)
    if action == "add" and form.is_valid():
        added = services.conference_propose_people(ca=ca, professionals=form.chosen())
        if ca.conference.status == Conference.Status.PLANNED:
            text = _("Proposed. %(name)s decides whether they may join; until then they see nothing.")
        else:
            text = _("Proposed. %(name)s decides about them together with the meeting.")
        messages.success(request, text % {"name": ca.conference.plan.owner.first_name} if added else _("Nobody new."))
        return redirect("conference_people", ca.conference.pk)
    if action == "remove":
        remove = RemoveParticipantForm(request.POST)
        participant = None
        if remove.is_valid():
            participant = next((p for p in present if p.pk == remove.cleaned_data["participant"]), None)
        if participant is None:
            messages.error(request, _("That person is not on the list any more."))
            return redirect("conference_people", ca.conference.pk)
        try:
            services.participant_remove(ca=ca, participant=participant)
        except services.ConferenceConflict:
            messages.error(request, _("That person is not on the list any more."))
        else:
            messages.success(
                request, _("%(name)s is off the list and sees nothing of it any more.") % {"name": participant.name}
            )
        return redirect("conference_people", ca.conference.pk)
    if action not in (None, "add", "remove"):
        raise Http404
    return render(request, "conferences/people.html", _context(ca, form=form, present=present))


@login_required
def agenda(request, conference_id):
    """Add an agenda point (a button on the conference page)."""
    ca = conference_for(request.user, conference_id)
    if (refused := post_only(request)) is not None:
        return refused
    if not ca.can_add_agenda:
        raise Http404
    form = AgendaForm(request.POST)
    if not form.is_valid():
        return render_conference(request, ca, agenda_form=form)
    services.agenda_add(ca=ca, text=form.cleaned_data["text"])
    messages.success(request, _("Your point is on the agenda."))
    return redirect(reverse("conference", args=[ca.conference.pk]) + "#h-agenda")


@login_required
def close(request, conference_id):
    """The coordinator closes the conference (with a date to look back), cancels it, or
    changes the date to look back after it closed."""
    ca = conference_for(request.user, conference_id)
    if not (ca.can_close or ca.can_cancel or ca.can_set_follow_up):
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    conference = ca.conference

    def forms_for(data=None):
        return (
            FollowUpForm(data if action == "close" else None, conference=conference, prefix="close")
            if ca.can_close
            else None,
            FollowUpForm(data if action == "follow_up" else None, conference=conference, prefix="follow_up")
            if ca.can_set_follow_up and not ca.can_close
            else None,
            CancelForm(data if action == "cancel" else None, conference=conference) if ca.can_cancel else None,
        )

    close_form, follow_up_form, cancel_form = forms_for(posted(request))
    form = {"close": close_form, "follow_up": follow_up_form, "cancel": cancel_form}.get(action)
    if action is not None and form is None:
        # A button this person may not press (any more): say so when they could have before.
        messages.error(request, _("Something changed in the meantime. Check the page and try again."))
        return redirect("conference_close", conference.pk)
    conflict = False
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "close":
                services.conference_close(ca=ca, follow_up_on=data["follow_up_on"], version=data["version"])
                messages.success(
                    request, _("The meeting is closed. The participants see nothing of the plan any more.")
                )
            elif action == "cancel":
                services.conference_cancel(ca=ca, reason=data["reason"], version=data["version"])
                messages.success(request, _("The meeting does not go ahead. Everyone is told."))
            else:
                services.conference_follow_up_set(ca=ca, follow_up_on=data["follow_up_on"], version=data["version"])
                messages.success(request, _("The date to look back is saved."))
        except services.ConferenceConflict:
            conflict = True
        else:
            return redirect("conference", conference.pk)
    if conflict:
        ca = conference_for(request.user, conference_id)
        conference = ca.conference
        if not (ca.can_close or ca.can_cancel or ca.can_set_follow_up):
            messages.error(request, _("Something changed in the meantime: this meeting cannot be changed any more."))
            return redirect("conference", conference.pk)
        close_form, follow_up_form, cancel_form = forms_for(
            _with_version(request.POST, conference.version, f"{action}-version")
        )
    return render(
        request,
        "conferences/close.html",
        _context(
            ca,
            close_form=close_form,
            follow_up_form=follow_up_form,
            cancel_form=cancel_form,
            conflict=conflict,
        ),
    )
