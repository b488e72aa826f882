from datetime import date

from django.db import transaction

from samenplan.accounts.models import User
from samenplan.plans.models import Plan

from .models import Grant, Membership, SharingDecision
from .parts import Level, Part


def membership_create(
    *, plan: Plan, user: User, role: str, relation: str, added_by: User, helps_with: str = ""
) -> Membership:
    """Let a person into the plan. They see nothing until the resident grants parts."""
    if user.pk == plan.owner_id:
        raise ValueError("The owner is not a member of their own plan.")
    return Membership.objects.create(
        plan=plan,
        user=user,
        role=role,
        relation=relation,
        organisation=user.organisation if user.role == User.Role.PROFESSIONAL else None,
        helps_with=helps_with,
        added_by=added_by,
    )


@transaction.atomic
def grants_decide(
    *,
    plan: Plan,
    decided_by: User,
    context: str,
    decisions: dict[Membership, dict[str, tuple[int, date | None]]],
) -> SharingDecision:
    """Set the given members' levels per part (Level.NONE removes the grant) and record the
    decision, so the resident can later see what was agreed, when and by whom."""
    snapshot = []
    for membership, parts in decisions.items():
        for part, (level, until) in parts.items():
            Part(part)  # refuse unknown parts loudly
            if level == Level.NONE:
                Grant.objects.filter(membership=membership, part=part).delete()
            else:
                Grant.objects.update_or_create(
                    membership=membership,
                    part=part,
                    defaults={"level": level, "valid_until": until, "granted_by": decided_by},
                )
            snapshot.append(
                {
                    "member": membership.user_id,
                    "name": membership.user.display_name,
                    "part": part,
                    "level": int(level),
                    "until": until.isoformat() if until else None,
                }
            )
    return SharingDecision.objects.create(plan=plan, decided_by=decided_by, context=context, grants=snapshot)
