"""My network, who sees what, invitations, removal and emergency access."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.accounts.forms import InvitedAccountForm
from samenplan.audit import context as audit
from samenplan.lib.forms import posted
from samenplan.plans import selectors as plan_selectors
from samenplan.plans.views.common import add_form, plan_context, submitted

from . import selectors, services
from .forms import EmergencyForm, InviteForm, NetworkPersonForm, SharingForm
from .models import Membership
from .parts import Level, Part
from .policy import member_access, plan_access


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@login_required
def network(request, plan_id):
    """The map of the people around the resident, and adding someone to it."""
    access = plan_access(request.user, plan_id, part=Part.NETWORK)
    form = add_form(request, access, Part.NETWORK, NetworkPersonForm)
    if submitted(request, form):
        person = services.network_person_add(access=access, **form.cleaned_data)
        messages.success(request, _("%(name)s is added to your network.") % {"name": person.display_name})
        return redirect(f"{request.path}#person-{person.pk}")
    context = plan_context(
        access,
        Part.NETWORK.value,
        groups=selectors.network_map(access=access),
        form=form,
        invitations=selectors.invitation_list(access=access),
    )
    return render(request, "sharing/network.html", context)


@login_required
def network_person(request, plan_id, membership_id):
    """Change what the map says about a person (not what they may see)."""
    access = plan_access(request.user, plan_id, part=Part.NETWORK, level=Level.CONTRIBUTE)
    person = selectors.network_member_get(access=access, membership_id=membership_id)
    form = NetworkPersonForm(posted(request), instance=person)
    if person.user_id:
        for name in ("name", "email"):
            del form.fields[name]
    if request.method == "POST" and form.is_valid():
        services.network_person_update(access=access, membership=person, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("network", access.plan.pk)
    return render(request, "sharing/person.html", plan_context(access, Part.NETWORK.value, form=form, person=person))


@login_required
def invite(request, plan_id, membership_id):
    """Invite a person on the map into the plan by email."""
    access = plan_access(request.user, plan_id)
    if not access.can_invite:
        raise Http404
    access.require(Part.NETWORK)
    person = selectors.network_member_get(access=access, membership_id=membership_id)
    if person.user_id is not None:
        raise Http404
    form = InviteForm(posted(request), may_share=access.can_manage_sharing, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["representative"]:
            Membership.objects.filter(pk=person.pk).update(
                role=Membership.Role.REPRESENTATIVE,
                representation=data["representation"],
                represents=list(data["represents"]),
            )
        services.invitation_create(access=access, membership=person, email=data["email"], grants=form.grants())
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": data["email"]})
        return redirect("network", access.plan.pk)
    context = plan_context(
        access, Part.NETWORK.value, form=form, person=person, invitation_days=settings.INVITATION_DAYS
    )
    return render(request, "sharing/invite.html", context)


def _invitation_action(request, plan_id, invitation_id, service, message):
    access = plan_access(request.user, plan_id)
    invitation = selectors.pending_invitation_get(access=access, invitation_id=invitation_id)
    if (refused := _post_only(request)) is not None:
        return refused
    service(access=access, invitation=invitation)
    messages.success(request, message)
    return redirect("network", access.plan.pk)


@login_required
def invitation_resend(request, plan_id, invitation_id):
    message = _("A new link was sent. The old link no longer works.")
    return _invitation_action(request, plan_id, invitation_id, services.invitation_resend, message)


@login_required
def invitation_cancel(request, plan_id, invitation_id):
    message = _("The invitation is cancelled. The link no longer works.")
    return _invitation_action(request, plan_id, invitation_id, services.invitation_cancel, message)


@login_required
def member_remove(request, plan_id, membership_id):
    """Ask once more, then remove the person from the plan with immediate effect."""
    access = plan_access(request.user, plan_id)
    if not access.can_manage_sharing:
        raise Http404
    person = selectors.network_member_get(access=access, membership_id=membership_id)
    if request.method == "POST":
        services.membership_end(access=access, membership=person)
        messages.success(request, _("%(name)s is removed from your plan.") % {"name": person.display_name})
        return redirect("network", access.plan.pk)
    assigned = list(access.plan.agreements.filter(assignee_id=person.user_id)) if person.user_id else []
    return render(
        request,
        "sharing/remove.html",
        plan_context(access, Part.NETWORK.value, person=person, assigned=assigned),
    )


@login_required
def coordinator_set(request, plan_id, membership_id):
    access = plan_access(request.user, plan_id)
    if not access.can_manage_sharing:
        raise Http404
    person = selectors.network_member_get(access=access, membership_id=membership_id)
    if (refused := _post_only(request)) is not None:
        return refused
    services.coordinator_set(access=access, membership=person)
    messages.success(request, _("%(name)s is now the coordinator of your plan.") % {"name": person.display_name})
    return redirect("network", access.plan.pk)


@login_required
def sharing(request, plan_id):
    """Who sees what: the whole grid of members and parts, saved in one form."""
    access = plan_access(request.user, plan_id)
    if not access.can_manage_sharing:
        raise Http404
    rows = selectors.sharing_grid(access=access)
    form = SharingForm(posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        decision = services.sharing_save(access=access, rows=form.decisions())
        if decision is None:
            messages.info(request, _("Nothing was changed."))
        else:
            messages.success(request, _("Saved. The changes count from now on."))
        return redirect("sharing", access.plan.pk)
    decisions = list(access.plan.sharing_decisions.select_related("decided_by").order_by("-decided_at")[:20])
    return render(
        request,
        "sharing/sharing.html",
        plan_context(access, "sharing", form=form, parts=list(Part), decisions=decisions),
    )


@login_required
def view_as(request, plan_id, membership_id):
    """ "Bekijk als": the plan exactly as one member sees it, read-only."""
    access = plan_access(request.user, plan_id)
    seen = member_access(access, membership_id)
    overview = plan_selectors.plan_overview(access=seen)
    # The resident reads these parts now; the audit log records it as their read.
    access.touched |= seen.touched
    return render(
        request,
        "sharing/view_as.html",
        plan_context(access, "sharing", seen=seen, overview=overview),
    )


@login_required
def emergency(request, plan_id):
    """A professional opens a part they were not granted, with a reason, for a while."""
    access = plan_access(request.user, plan_id)
    hidden = [part for part in Part if not access.can_view(part)]
    form = None
    if access.can_ask_emergency_access and hidden:
        form = EmergencyForm(posted(request), parts=hidden)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            services.emergency_open(access=access, part=data["part"], reason=data["reason"], hours=data["hours"])
            messages.warning(request, _("The part is open for %(hours)s hours. The resident has been told.") % data)
            return redirect("plan", access.plan.pk)
    elif request.method == "POST" or not (access.is_owner or access.is_representative):
        raise Http404
    context = plan_context(access, "emergency", form=form, emergencies=selectors.emergency_list(access=access))
    return render(request, "sharing/emergency.html", context)


@login_required
def emergency_end(request, plan_id, emergency_id):
    access = plan_access(request.user, plan_id)
    emergency = selectors.active_emergency_get(access=access, emergency_id=emergency_id)
    if (refused := _post_only(request)) is not None:
        return refused
    services.emergency_end(access=access, emergency=emergency)
    messages.success(request, _("The emergency access has ended."))
    return redirect("plan", access.plan.pk)


def invitation(request, token):
    """The page an invitation link opens: who invites, to what, and how to accept."""
    try:
        item = services.invitation_for(token=token)
    except services.InvitationError as error:
        return render(request, "sharing/invitation_invalid.html", {"reason": error.reason}, status=410)
    # The page names the resident whose plan this is.
    audit.note_plan(item.plan)
    may_create = item.membership.role not in (Membership.Role.PROFESSIONAL, Membership.Role.COORDINATOR)
    form = InvitedAccountForm(posted(request) if request.POST.get("action") == "create" else None, email=item.email)
    problem = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept" and request.user.is_authenticated:
                services.invitation_accept(invitation=item, user=request.user)
            elif request.POST.get("action") == "create" and may_create and not request.user.is_authenticated:
                if not form.is_valid():
                    raise services.InvitationError("form")
                user = form.save()
                services.invitation_accept(invitation=item, user=user)
                login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            else:
                raise Http404
        except services.InvitationError as error:
            problem = error.reason
        else:
            messages.success(request, _("Welcome. You are now in the plan."))
            return redirect("plan", item.plan.pk)
    if request.user.is_authenticated and problem is None:
        if request.user.pk == item.plan.owner_id:
            problem = "owner"
        elif not services.invitation_role_allows(item, request.user):
            problem = "role"
    context = {
        "invitation": item,
        "form": form,
        "may_create": may_create,
        "problem": problem,
        "login_url": f"{reverse('login')}?next={request.path}",
    }
    return render(request, "sharing/invitation.html", context)
