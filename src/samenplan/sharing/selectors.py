"""Reads about who is in a plan and what they see, through the caller's `PlanAccess`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .models import EmergencyAccess, Grant, Invitation, Membership, SharingDecision
from .parts import Level, Part
from .policy import PlanAccess, active_emergency, active_grants, members_levels

R = Membership.Relation
GROUPS = [
    (_("Family and friends"), {R.PARTNER, R.CHILD, R.PARENT, R.FAMILY, R.FRIEND}),
    (_("Neighbours"), {R.NEIGHBOUR}),
    (_("Informal carers, buddies and volunteers"), {R.CARER, R.BUDDY}),
    (_("Professionals"), {R.PROFESSIONAL}),
]


def _active_members(access: PlanAccess):
    return (
        access.plan.memberships.filter(ended_at__isnull=True)
        .select_related("user", "organisation")
        .prefetch_related(
            Prefetch("grants", queryset=Grant.objects.filter(active_grants()).order_by("id")),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(accepted_at__isnull=True, cancelled_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
    )


def network_map(*, access: PlanAccess) -> list[tuple[str, list[Membership]]]:
    """The people around the resident, grouped the way people think of them; legal
    representatives first."""
    access.require(Part.NETWORK)
    members = list(_active_members(access))
    groups = [(_("Legal representatives"), [m for m in members if m.is_representative])]
    for label, relations in GROUPS:
        groups.append((label, [m for m in members if not m.is_representative and m.relation in relations]))
    return [(label, people) for label, people in groups if people]


def network_member_get(*, access: PlanAccess, membership_id) -> Membership:
    access.require(Part.NETWORK)
    try:
        return access.plan.memberships.select_related("user").get(pk=int(membership_id), ended_at__isnull=True)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def managed_member_get(*, access: PlanAccess, membership_id) -> Membership:
    """A person in the plan whose place in it this user may change (remove them, make
    them coordinator): only for who decides who sees what."""
    if not access.can_manage_sharing:
        raise Http404
    return network_member_get(access=access, membership_id=membership_id)


def agreements_of_member(*, access: PlanAccess, membership: Membership) -> list:
    """The agreements given to a member, for the question whether to remove them."""
    if membership.user_id is None:
        return []
    access.require(Part.AGREEMENTS)
    return list(access.plan.agreements.filter(assignee_id=membership.user_id))


def invitable_person_get(*, access: PlanAccess, membership_id) -> Membership:
    """A person on the map without an account yet, whom this user may invite."""
    if not access.can_invite:
        raise Http404
    person = network_member_get(access=access, membership_id=membership_id)
    if person.user_id is not None:
        raise Http404
    return person


@dataclass
class GridRow:
    membership: Membership
    levels: dict[str, int]
    until: date | None
    # What the member may do now, as the policy says (grants that hold, the parts they
    # represent, emergency access); only when asked for (`with_access`).
    access: PlanAccess | None = None

    @property
    def seen_parts(self) -> list[str]:
        return self.access.visible_parts if self.access is not None else []

    @property
    def added_parts(self) -> list[str]:
        if self.access is None:
            return []
        return [part.value for part in Part if self.access.can_contribute(part)]

    @property
    def cannot_reply(self) -> bool:
        """A coordinator who cannot answer the resident's messages (reads them or not)."""
        return self.membership.role == Membership.Role.COORDINATOR and not (
            self.access is not None and self.access.can_contribute(Part.CONVERSATIONS)
        )

    def copied_levels(self) -> dict[str, int]:
        """What "same as this person" fills in: what they may do now, without the parts
        open to them only for a while through emergency access."""
        if self.access is None:
            return dict(self.levels)
        return {
            part.value: self.levels[part.value] if part in self.access.emergency_parts else self.access.level(part)
            for part in Part
        }


def sharing_grid(*, access: PlanAccess, with_access: bool = False) -> list[GridRow]:
    """Every member with an account and what they may see of each part right now; only for
    who decides who sees what."""
    if not access.can_manage_sharing:
        raise Http404
    rows = []
    for membership in _active_members(access).filter(user__isnull=False):
        grants = list(membership.grants.all())
        levels = {part.value: Level.NONE for part in Part}
        levels.update({grant.part: grant.level for grant in grants})
        until = next((grant.valid_until for grant in grants if grant.valid_until), None)
        rows.append(GridRow(membership=membership, levels=levels, until=until))
    if with_access:
        accesses = members_levels(access.plan, [row.membership for row in rows])
        for row in rows:
            row.access = accesses[row.membership.pk]
    return rows


def sharing_person(*, access: PlanAccess, membership_id) -> tuple[GridRow, list[GridRow]]:
    """One member with an account and what they may see, and the others (to copy from);
    only for who decides who sees what."""
    rows = sharing_grid(access=access, with_access=True)
    try:
        row = next(row for row in rows if row.membership.pk == int(membership_id))
    except (StopIteration, ValueError, TypeError):
        raise Http404 from None
    return row, [other for other in rows if other is not row]


def why_not(access: PlanAccess, part: str) -> str | None:
    """Why this user cannot add to a part, so the page can say it and who can change it:
    None when they can; "closed" (nobody changes a closed plan), "emergency" (open to them
    only to read, in an emergency), "view" (the resident let them only read) or "none"."""
    if access.can_contribute(part):
        return None
    if not access.is_open:
        return "closed"
    if part in access.emergency_parts:
        return "emergency"
    return "view" if access.can_view(part) else "none"


def sharing_decisions(*, access: PlanAccess, limit: int = 20) -> list[SharingDecision]:
    """The latest choices about who sees what, newest first."""
    if not access.speaks_for_owner_fully:
        raise Http404
    return list(access.plan.sharing_decisions.select_related("decided_by").order_by("-decided_at", "-id")[:limit])


def invitation_list(*, access: PlanAccess) -> list[Invitation]:
    if not access.can_invite:
        return []
    return list(access.plan.invitations.select_related("membership", "invited_by")[:50])


def emergency_list(*, access: PlanAccess) -> list[EmergencyAccess]:
    """The emergency accesses to the parts the resident (or a representative) watches, and
    a professional's own."""
    emergencies = EmergencyAccess.objects.filter(membership__plan=access.plan).select_related("membership__user")
    if access.watches_emergencies:
        return list(emergencies.filter(part__in=access.watched_parts))
    if access.membership is None:
        return []
    return list(emergencies.filter(membership=access.membership))


def active_emergencies(*, access: PlanAccess) -> list[EmergencyAccess]:
    """Shown at the top of the resident's plan while they last. (A plain query first: it is
    asked on every visit to the plan and is nearly always empty.)"""
    if not access.watches_emergencies:
        return []
    active = EmergencyAccess.objects.filter(
        active_emergency(), membership__plan_id=access.plan.pk, part__in=access.watched_parts
    )
    if not active.values_list("pk", flat=True)[:1]:
        return []
    return list(active.select_related("membership__user__organisation", "membership__organisation"))


def pending_invitation_get(*, access: PlanAccess, invitation_id) -> Invitation:
    """An invitation of this plan that can still be sent again or cancelled."""
    if not access.can_invite:
        raise Http404
    invitation = access.plan.invitations.filter(
        pk=invitation_id, accepted_at__isnull=True, cancelled_at__isnull=True
    ).first()
    if invitation is None:
        raise Http404
    return invitation


def active_emergency_get(*, access: PlanAccess, emergency_id) -> EmergencyAccess:
    """An emergency access to this plan that the resident (or a representative for its part)
    may end."""
    emergency = EmergencyAccess.objects.filter(
        active_emergency(), pk=emergency_id, membership__plan=access.plan, part__in=access.watched_parts
    ).first()
    if emergency is None:
        raise Http404
    return emergency
