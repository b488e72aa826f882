"""My network, who sees what, invitations, removal and emergency access."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samenplan.accounts.forms import InvitedAccountForm
from samenplan.audit import context as audit
from samenplan.lib.forms import posted
from samenplan.plans import selectors as plan_selectors
from samenplan.plans.shell import add_form, part_labels, plan_context, post_only, submitted

from . import selectors, services
from .forms import (
    CopyChoicesForm,
    EmergencyForm,
    InvitationCodeForm,
    InviteForm,
    NetworkPersonForm,
    PersonSharingForm,
    SharingForm,
)
from .models import Membership
from .parts import Level, Part
from .policy import member_access, plan_access, sees_plan


def get_only(request):
    """A 405 for anything but a look at the page (it has no form of its own), or None."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
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
    groups = selectors.network_map(access=access)
    context = plan_context(
        access,
        Part.NETWORK.value,
        groups=groups,
        # A plan whose coordinator left (or handed nothing over) says so, where one is chosen.
        no_coordinator=access.is_open and not any(m.role == "coordinator" for _label, people in groups for m in people),
        form=form,
        invitations=selectors.invitation_list(access=access),
        # Why this person cannot change the map, if they cannot: the page says so.
        why_not=selectors.why_not(access, Part.NETWORK),
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
    person = selectors.invitable_person_get(access=access, membership_id=membership_id)
    form = InviteForm(posted(request), may_share=access.can_manage_sharing, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.invitation_create(
            access=access, membership=person, email=email, grants=form.grants(), representation=form.representation()
        )
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": email})
        return redirect("network", access.plan.pk)
    context = plan_context(
        access, Part.NETWORK.value, form=form, person=person, invitation_days=settings.INVITATION_DAYS
    )
    return render(request, "sharing/invite.html", context)


def _invitation_action(request, plan_id, invitation_id, service, message):
    access = plan_access(request.user, plan_id)
    invitation = selectors.pending_invitation_get(access=access, invitation_id=invitation_id)
    if (refused := post_only(request)) is not None:
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
    person = selectors.managed_member_get(access=access, membership_id=membership_id)
    if request.method == "POST":
        services.membership_end(access=access, membership=person)
        messages.success(request, _("%(name)s is removed from your plan.") % {"name": person.display_name})
        return redirect("network", access.plan.pk)
    assigned = selectors.agreements_of_member(access=access, membership=person)
    return render(
        request,
        "sharing/remove.html",
        plan_context(access, Part.NETWORK.value, person=person, assigned=assigned),
    )


@login_required
def coordinator_set(request, plan_id, membership_id):
    access = plan_access(request.user, plan_id)
    person = selectors.managed_member_get(access=access, membership_id=membership_id)
    if (refused := post_only(request)) is not None:
        return refused
    services.coordinator_set(access=access, membership=person)
    messages.success(request, _("%(name)s is now the coordinator of your plan.") % {"name": person.display_name})
    return redirect("network", access.plan.pk)


@login_required
def sharing(request, plan_id):
    """Who sees what: the people in the plan, each with a one-line summary of what they
    see, each leading to their own page."""
    access = plan_access(request.user, plan_id)
    rows = selectors.sharing_grid(access=access, with_access=True)
    if (refused := get_only(request)) is not None:
        return refused
    labels = part_labels(access)
    # Per person the names of the parts they see, of those they may also add to, and of
    # those they only view (the shorter of the two lists is the one shown).
    people = [
        (
            row,
            [labels[p] for p in row.seen_parts],
            [labels[p] for p in row.added_parts],
            [labels[p] for p in row.seen_parts if p not in row.added_parts],
        )
        for row in rows
    ]
    context = plan_context(
        access,
        "sharing",
        people=people,
        parts_total=len(Part),
        decisions=selectors.sharing_decisions(access=access),
    )
    return render(request, "sharing/sharing.html", context)


@login_required
def sharing_person(request, plan_id, membership_id):
    """What one person may see, part by part, with "same as ..." to copy another person's
    choices (filled in, not saved until confirmed); saving writes only what changed."""
    access = plan_access(request.user, plan_id)
    row, others = selectors.sharing_person(access=access, membership_id=membership_id)
    labels = part_labels(access)
    action = request.POST.get("action") if request.method == "POST" else None
    copy_form = CopyChoicesForm(request.POST if action == "copy" else None, others=others)
    source = None
    if action == "copy":
        if copy_form.is_valid():
            source = copy_form.source
            form = PersonSharingForm.copied(request.POST, row=row, source=source, labels=labels)
        else:
            form = PersonSharingForm(row=row, labels=labels)
    else:
        form = PersonSharingForm(posted(request), row=row, labels=labels)
        if request.method == "POST" and form.is_valid():
            name = row.membership.display_name
            changed_meanwhile = _(
                "Someone else changed what %(name)s may see while you had this page open. Nothing is saved "
                "yet. Your choices are kept below; the marked parts show what is saved now. Check them and "
                "save again."
            ) % {"name": name}
            saved = _("Saved. What %(name)s may see counts from now on.") % {"name": name}
            if _save_choices(request, access, form, changed_meanwhile=changed_meanwhile, saved=saved):
                return redirect(f"{reverse('sharing', args=[access.plan.pk])}#person-{row.membership.pk}")
    context = plan_context(access, "sharing", form=form, copy_form=copy_form, row=row, person=row.membership)
    context["copied_from"] = source.membership if source is not None else None
    return render(request, "sharing/sharing_person.html", context)


def _save_choices(request, access, form, *, changed_meanwhile: str, saved: str) -> bool:
    """Save what the form changed. False when someone else changed the same choices
    meanwhile: the form then shows both, and nothing is saved."""
    try:
        decision = services.sharing_save(access=access, changes=form.changes())
    except services.SharingChangedMeanwhile as changed:
        form.show_saved(changed.conflicts)
        messages.warning(request, changed_meanwhile)
        return False
    if decision is None:
        messages.info(request, _("Nothing was changed."))
    else:
        messages.success(request, saved)
    return True


@login_required
def sharing_overview(request, plan_id):
    """Overview of everyone: the whole grid of members and parts, saved in one form, for
    those who want it all at once."""
    access = plan_access(request.user, plan_id)
    rows = selectors.sharing_grid(access=access)
    form = SharingForm(posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        changed_meanwhile = _(
            "Someone else changed who sees what while you had this page open. Nothing is saved yet. "
            "Your choices are kept below; the marked boxes show what is saved now. Check them and save again."
        )
        saved = _("Saved. The changes count from now on.")
        if _save_choices(request, access, form, changed_meanwhile=changed_meanwhile, saved=saved):
            return redirect("sharing_overview", access.plan.pk)
    return render(
        request,
        "sharing/sharing_overview.html",
        plan_context(access, "sharing", form=form, parts=list(part_labels(access).items())),
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
            messages.warning(
                request,
                _("The part is open for %(hours)s hours. %(name)s has been told.")
                % {"hours": data["hours"], "name": access.plan.owner.first_name},
            )
            return redirect("plan", access.plan.pk)
    elif request.method == "POST" or not access.watches_emergencies:
        raise Http404
    context = plan_context(access, "emergency", form=form, emergencies=selectors.emergency_list(access=access))
    return render(request, "sharing/emergency.html", context)


@login_required
def emergency_end(request, plan_id, emergency_id):
    access = plan_access(request.user, plan_id)
    emergency = selectors.active_emergency_get(access=access, emergency_id=emergency_id)
    if (refused := post_only(request)) is not None:
        return refused
    services.emergency_end(access=access, emergency=emergency)
    messages.success(request, _("The emergency access has ended."))
    return redirect("plan", access.plan.pk)


@never_cache
def invitation(request, token):
    """The page an invitation link opens: who invites, to what, and how to accept. The
    invitation is bound to the address it was sent to: an account with that address
    accepts at once; someone logged in with another address needs a code sent to it."""
    try:
        item = services.invitation_for(token=token)
    except services.InvitationError as error:
        return render(request, "sharing/invitation_invalid.html", {"reason": error.reason}, status=410)
    # The page names the resident whose plan this is.
    audit.note_plan(item.plan)
    action = request.POST.get("action") if request.method == "POST" else None
    may_create = item.membership.role not in (Membership.Role.PROFESSIONAL, Membership.Role.COORDINATOR)
    form = InvitedAccountForm(posted(request) if action == "create" else None, email=item.email)
    code_form = InvitationCodeForm(posted(request) if action == "code" else None)
    problem, code_sent = None, False
    if request.method == "POST":
        user = request.user if request.user.is_authenticated else None
        try:
            if action == "accept" and user is not None:
                services.invitation_accept(invitation=item, user=user)
            elif action == "send_code" and user is not None:
                services.invitation_code_send(invitation=item)
                code_sent = True
            elif action == "code" and user is not None:
                if not code_form.is_valid():
                    raise services.InvitationError("code_form")
                services.invitation_accept(invitation=item, user=user, code=code_form.cleaned_data["code"])
            elif action == "create" and may_create and user is None:
                if not form.is_valid():
                    raise services.InvitationError("form")
                user = form.save()
                services.invitation_accept(invitation=item, user=user)
                login(request, user, backend="samenplan.accounts.backends.UsernameOrEmailBackend")
            else:
                raise Http404
        except services.InvitationError as error:
            problem = error.reason
        else:
            if not code_sent:
                return _welcome(request, item, user)
    if request.user.is_authenticated and problem is None:
        if request.user.pk == item.plan.owner_id:
            problem = "owner"
        elif not services.invitation_role_allows(item, request.user):
            problem = "role"
        elif not services.invitation_email_matches(item, request.user):
            problem = "email"
    context = {
        "invitation": item,
        "form": form,
        "code_form": code_form,
        "code_sent": code_sent or problem in ("code", "code_form"),
        # Logged in with another address: nothing about whose plan it is until the code.
        "for_another_address": problem in ("email", "code", "code_form", "codes"),
        "masked_email": _masked(item.email),
        "may_create": may_create,
        "problem": problem,
        "login_url": f"{reverse('login')}?next={request.path}",
    }
    return render(request, "sharing/invitation.html", context)


def _welcome(request, invitation, user):
    """After accepting: into the plan, or, while the resident has shared nothing yet, to
    one's start page with a word about what comes next."""
    if sees_plan(user, invitation.plan):
        messages.success(request, _("Welcome. You are now in the plan."))
        return redirect("plan", invitation.plan.pk)
    messages.success(
        request,
        _("Welcome. You are now in the plan of %(name)s. You see it as soon as %(name)s shares a part with you.")
        % {"name": invitation.plan.owner.first_name},
    )
    return redirect("home")


def _masked(email: str) -> str:
    """r•••@example.org: enough to recognise one's own address, not to learn someone's."""
    name, _sep, domain = email.partition("@")
    return f"{name[:1]}•••@{domain}"
