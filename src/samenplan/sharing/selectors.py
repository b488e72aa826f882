"""Reads about who is in a plan and what they see, through the caller's `PlanAccess`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .models import EmergencyAccess, Grant, Invitation, Membership
from .parts import Level, Part
from .policy import PlanAccess, active_emergency, active_grants

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
            Prefetch("grants", queryset=Grant.objects.filter(active_grants())),
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


@dataclass
class GridRow:
    membership: Membership
    levels: dict[str, int]
    until: date | None


def sharing_grid(*, access: PlanAccess) -> list[GridRow]:
    """Every member with an account and what they may see of each part right now."""
    rows = []
    for membership in _active_members(access).filter(user__isnull=False):
        grants = list(membership.grants.all())
        levels = {part.value: Level.NONE for part in Part}
        levels.update({grant.part: grant.level for grant in grants})
        until = next((grant.valid_until for grant in grants if grant.valid_until), None)
        rows.append(GridRow(membership=membership, levels=levels, until=until))
    return rows


def invitation_list(*, access: PlanAccess) -> list[Invitation]:
    if not access.can_invite:
        return []
    return list(access.plan.invitations.select_related("membership", "invited_by")[:50])


def emergency_list(*, access: PlanAccess) -> list[EmergencyAccess]:
    """All emergency accesses for the resident (or a representative); one's own for a professional."""
    emergencies = EmergencyAccess.objects.filter(membership__plan=access.plan).select_related("membership__user")
    if access.is_owner or access.is_representative:
        return list(emergencies)
    if access.membership is None:
        return []
    return list(emergencies.filter(membership=access.membership))


def active_emergencies(*, access: PlanAccess) -> list[EmergencyAccess]:
    """Shown at the top of the resident's plan while they last. (A plain query first: it is
    asked on every visit to the plan and is nearly always empty.)"""
    if not (access.is_owner or access.is_representative):
        return []
    active = EmergencyAccess.objects.filter(active_emergency(), membership__plan_id=access.plan.pk)
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
    """An emergency access to this plan that the resident (or a representative) may end."""
    if not (access.is_owner or access.is_representative):
        raise Http404
    emergency = EmergencyAccess.objects.filter(
        active_emergency(), pk=emergency_id, membership__plan=access.plan
    ).first()
    if emergency is None:
        raise Http404
    return emergency
