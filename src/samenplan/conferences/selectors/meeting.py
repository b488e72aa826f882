"""Reads for the meeting pages: the latest minutes and who a decision can be given to."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.plans.models import Agreement, Goal
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import ConferenceAccess

from ..models import NETWORK_ROLES, MinutesVersion, Participant


def minutes_current(*, ca: ConferenceAccess) -> MinutesVersion | None:
    return ca.conference.minutes.select_related("written_by").first()


@dataclass(frozen=True)
class Assignee:
    """Someone a decision can be given to: the resident, someone from her network (with or
    without an account), a professional at the table, or the coordinator."""

    key: str
    label: str
    kind: str  # an Agreement.Who value
    user: User | None
    name: str

    @property
    def is_professional(self) -> bool:
        return self.kind == Agreement.Who.PROFESSIONAL


def _own_part(ca: ConferenceAccess, part: str) -> None:
    """A part of the plan the coordinator reads through their own access (audited)."""
    ca.own.touched.add(part)
    audit.note_access(ca.own)


def decision_assignees(*, ca: ConferenceAccess) -> list[Assignee]:
    """Who the coordinator can give a decision to. Network members are listed only for
    someone who sees the network; the people the resident chose for the table always."""
    if not ca.can_decide:
        raise Http404
    plan = ca.conference.plan
    owner_name = plan.owner.first_name or plan.owner.display_name
    people = [Assignee("resident", _("%(name)s themselves") % {"name": owner_name}, Agreement.Who.RESIDENT, None, "")]
    seen_users = {plan.owner_id, ca.user.pk}
    seen_members = set()

    participants = list(
        ca.conference.participants.filter(approved_at__isnull=False, removed_at__isnull=True).select_related(
            "user", "organisation", "membership__user"
        )
    )
    members = []
    if ca.own.can_view(Part.NETWORK):
        _own_part(ca, Part.NETWORK)
        members = list(
            Membership.objects.filter(
                plan=plan,
                ended_at__isnull=True,
                role__in=NETWORK_ROLES,
            ).select_related("user")
        )
    # Network members the resident chose for the table, even for a coordinator without the network part.
    members += [
        p.membership
        for p in participants
        if p.kind == Participant.Kind.NETWORK and p.membership is not None and p.membership.ended_at is None
    ]
    for member in members:
        if member.pk in seen_members or (member.user_id and member.user_id in seen_users):
            continue
        seen_members.add(member.pk)
        if member.user_id:
            seen_users.add(member.user_id)
        name = member.display_name
        label = f"{name} ({member.get_relation_display()})" if member.relation else name
        people.append(Assignee(f"member-{member.pk}", label, Agreement.Who.NETWORK, member.user, name))

    for p in participants:
        if p.kind != Participant.Kind.PROFESSIONAL or p.user_id is None or p.user_id in seen_users:
            continue
        seen_users.add(p.user_id)
        label = f"{p.name} ({p.organisation.name})" if p.organisation_id else p.name
        people.append(Assignee(f"participant-{p.pk}", label, Agreement.Who.PROFESSIONAL, p.user, p.name))

    people.append(
        Assignee(
            "coordinator",
            _("Me (%(name)s, coordinator)") % {"name": ca.user.display_name},
            Agreement.Who.PROFESSIONAL,
            ca.user,
            ca.user.display_name,
        )
    )
    return people


def decision_goals(*, ca: ConferenceAccess) -> list[Goal] | None:
    """The plan's goals to link a decision to, or None for who may not see the goals."""
    if not ca.can_decide or not ca.own.can_view(Part.GOALS):
        return None
    _own_part(ca, Part.GOALS)
    return list(ca.conference.plan.goals.all())
