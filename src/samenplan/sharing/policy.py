"""The one door to plan data.

Every view, form, export, email and management command that touches a plan asks this
module what the user may see or change. Nothing else decides access. Rules:

- The owner sees and may change every part of their own plan, always.
- Anyone else sees a part only through an active membership with a grant for that part
  that has not passed its end date. A member always sees the agreements assigned to them.
- Policy analysts and platform or organisation admins never see plan content, whatever
  rows exist: they work with aggregates and configuration only.
- A closed plan can be read by those who could read it, but nobody changes it any more.
- Missing and forbidden look the same: `Http404`.

Nothing here is cached between requests, so a revoked grant stops working on the very
next request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.plans.models import Plan

from .models import Grant, Membership
from .parts import Level, Part

if TYPE_CHECKING:
    from samenplan.plans.models import Agreement

# Roles that work with configuration or aggregates and never with one person's plan.
NO_PLAN_ACCESS_ROLES = {User.Role.ANALYST, User.Role.PLATFORM_ADMIN, User.Role.ORG_ADMIN}

ALL_PARTS = tuple(Part)


@dataclass
class PlanAccess:
    """What one user may do with one plan, computed fresh for each request."""

    plan: Plan
    user: User
    is_owner: bool
    membership: Membership | None
    levels: dict[str, int]
    # Parts this request actually read or changed; the audit log records them.
    touched: set[str] = field(default_factory=set)

    def level(self, part: str) -> int:
        return self.levels.get(part, Level.NONE)

    def can_view(self, part: str) -> bool:
        return self.level(part) >= Level.VIEW

    def can_contribute(self, part: str) -> bool:
        return self.level(part) >= Level.CONTRIBUTE

    def require(self, part: str, level: int = Level.VIEW) -> None:
        """Raise 404 unless the user has at least `level` on `part`; note the part as used."""
        if self.level(part) < level:
            raise Http404
        self.touched.add(part)

    @property
    def view(self) -> dict[str, bool]:
        """For templates: `access.view.goals`."""
        return {part: self.can_view(part) for part in ALL_PARTS}

    @property
    def contribute(self) -> dict[str, bool]:
        """For templates: `access.contribute.goals`."""
        return {part: self.can_contribute(part) for part in ALL_PARTS}

    @property
    def visible_parts(self) -> list[str]:
        return [part for part in ALL_PARTS if self.can_view(part)]

    @property
    def is_coordinator(self) -> bool:
        return self.membership is not None and self.membership.role == Membership.Role.COORDINATOR

    @property
    def can_manage_sharing(self) -> bool:
        return self.is_owner and self.plan.status != Plan.Status.CLOSED

    @property
    def can_confirm_story(self) -> bool:
        return self.is_owner and self.plan.status != Plan.Status.CLOSED

    @property
    def can_record_professional_assessment(self) -> bool:
        return (
            self.membership is not None
            and self.user.role == User.Role.PROFESSIONAL
            and self.can_contribute(Part.ASSESSMENT)
        )

    def can_update_agreement(self, agreement: Agreement) -> bool:
        """Contributors to agreements may change any; a member may always update their own."""
        if self.plan.status == Plan.Status.CLOSED:
            return False
        return self.can_contribute(Part.AGREEMENTS) or agreement.assignee_id == self.user.pk

    def sees_agreement(self, agreement: Agreement) -> bool:
        return self.can_view(Part.AGREEMENTS) or agreement.assignee_id == self.user.pk

    @cached_property
    def has_assigned_agreements(self) -> bool:
        """A member without the agreements part still sees the agreements assigned to them."""
        return self.membership is not None and self.plan.agreements.filter(assignee=self.user).exists()


def active_grants(today=None) -> Q:
    """Grants that still hold today (the end date is the last day they hold)."""
    today = today or timezone.localdate()
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def _member_levels(membership: Membership, grants, plan: Plan) -> dict[str, int]:
    levels = {grant.part: grant.level for grant in grants}
    if plan.status == Plan.Status.CLOSED:
        levels = {part: min(level, Level.VIEW) for part, level in levels.items()}
    return levels


def _owner_levels(plan: Plan) -> dict[str, int]:
    level = Level.VIEW if plan.status == Plan.Status.CLOSED else Level.CONTRIBUTE
    return dict.fromkeys(ALL_PARTS, level)


def access_for(user: User, plan: Plan) -> PlanAccess | None:
    """The user's access to a plan that is already loaded, or None when they have none."""
    if not user.is_authenticated or not user.is_active or user.role in NO_PLAN_ACCESS_ROLES:
        return None
    if plan.owner_id == user.pk:
        return PlanAccess(plan=plan, user=user, is_owner=True, membership=None, levels=_owner_levels(plan))
    membership = Membership.objects.filter(plan=plan, user=user, ended_at__isnull=True).first()
    if membership is None:
        return None
    grants = Grant.objects.filter(active_grants(), membership=membership)
    return PlanAccess(
        plan=plan,
        user=user,
        is_owner=False,
        membership=membership,
        levels=_member_levels(membership, grants, plan),
    )


def plan_access(user: User, plan_id, *, part: str | None = None, level: int = Level.VIEW) -> PlanAccess:
    """The user's access to plan `plan_id`, or 404. With `part`, also require that part."""
    try:
        plan = Plan.objects.select_related("owner", "wijk").get(pk=int(plan_id))
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access = access_for(user, plan)
    if access is None:
        raise Http404
    if part is not None:
        access.require(part, level)
    return access


def accessible_plans(user: User) -> list[PlanAccess]:
    """Every plan the user has any access to, with their levels, in a fixed number of queries."""
    if not user.is_authenticated or not user.is_active or user.role in NO_PLAN_ACCESS_ROLES:
        return []
    owned = list(Plan.objects.select_related("owner", "wijk").filter(owner=user))
    memberships = list(
        Membership.objects.select_related("plan__owner", "plan__wijk").filter(user=user, ended_at__isnull=True)
    )
    grants_by_membership: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(active_grants(), membership__in=memberships):
        grants_by_membership.setdefault(grant.membership_id, []).append(grant)
    accesses = [
        PlanAccess(plan=plan, user=user, is_owner=True, membership=None, levels=_owner_levels(plan)) for plan in owned
    ]
    accesses += [
        PlanAccess(
            plan=m.plan,
            user=user,
            is_owner=False,
            membership=m,
            levels=_member_levels(m, grants_by_membership.get(m.pk, []), m.plan),
        )
        for m in memberships
    ]
    return accesses


def accessible_plan_ids(user: User) -> list[int]:
    return sorted(access.plan.pk for access in accessible_plans(user))
