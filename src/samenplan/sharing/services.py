"""Writes that change who is in a plan and what they see. Each takes the caller's
`PlanAccess` (or, for an invitation link, the invitation) and asks the policy first."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.mail import absolute_url, send_neutral_mail
from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.plans.models import Agreement, Plan
from samenplan.referrals.models import Referral, ReferralEvent

from .models import EmergencyAccess, Grant, Invitation, Membership, SharingDecision
from .parts import Level, Part
from .policy import PlanAccess, active_grants, managed_staff_member

INVITATION_SALT = "samenplan.sharing.invitation"


class InvitationError(Exception):
    """An invitation link that cannot be used; `reason` says why, for the page."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def membership_create(
    *, plan: Plan, user: User | None, role: str, relation: str, added_by: User, **fields
) -> Membership:
    """Put a person in the plan. They see nothing until the resident grants parts."""
    if user is not None and user.pk == plan.owner_id:
        raise ValueError("The owner is not a member of their own plan.")
    organisation = user.organisation if user is not None and user.role == User.Role.PROFESSIONAL else None
    return Membership.objects.create(
        plan=plan, user=user, role=role, relation=relation, organisation=organisation, added_by=added_by, **fields
    )


@transaction.atomic
def grants_decide(
    *,
    plan: Plan,
    decided_by: User,
    context: str,
    decisions: dict[Membership, dict[str, tuple[int, date | None]]],
    on_behalf: bool = False,
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
                    "member": membership.pk,
                    "name": membership.display_name,
                    "part": part,
                    "level": int(level),
                    "until": until.isoformat() if until else None,
                }
            )
    return SharingDecision.objects.create(
        plan=plan, decided_by=decided_by, context=context, grants=snapshot, on_behalf=on_behalf
    )


def network_person_add(*, access: PlanAccess, **fields) -> Membership:
    """Add someone to the resident's map of the people around them (no access yet)."""
    audit.note_action(AuditEntry.Action.CREATE)
    access.require(Part.NETWORK, Level.CONTRIBUTE)
    role = Membership.Role.PROFESSIONAL if fields.get("relation") == Membership.Relation.PROFESSIONAL else None
    return membership_create(
        plan=access.plan, user=None, role=role or Membership.Role.NETWORK, added_by=access.user, **fields
    )


def network_person_update(*, access: PlanAccess, membership: Membership, **fields) -> None:
    audit.note_action(AuditEntry.Action.UPDATE)
    access.require(Part.NETWORK, Level.CONTRIBUTE)
    Membership.objects.filter(pk=membership.pk, plan=access.plan, ended_at__isnull=True).update(**fields)


@dataclass
class MemberChange:
    """What the person changed on the grid for one member: per part (was, new), and the
    end date (was, new) when that changed."""

    levels: dict[str, tuple[int, int]] = field(default_factory=dict)
    until: tuple[date | None, date | None] | None = None

    def __bool__(self) -> bool:
        return bool(self.levels) or self.until is not None


@dataclass
class Conflict:
    """A cell someone else changed while the grid was open: what is saved now, and what
    this person chose (`part` None: the end date)."""

    membership: Membership
    part: str | None
    saved: int | date | None
    chosen: int | date | None


class SharingChangedMeanwhile(Exception):
    def __init__(self, conflicts: list[Conflict]):
        super().__init__("sharing changed meanwhile")
        self.conflicts = conflicts


def _current(memberships) -> dict[int, tuple[dict[str, int], date | None]]:
    """Per member the levels that hold today and their end date, as the grid shows them."""
    result: dict[int, tuple[dict[str, int], date | None]] = {m.pk: ({}, None) for m in memberships}
    for grant in Grant.objects.filter(active_grants(), membership__in=list(memberships)).order_by("id"):
        levels, until = result[grant.membership_id]
        levels[grant.part] = grant.level
        result[grant.membership_id] = (levels, until or grant.valid_until)
    return result


@transaction.atomic
def sharing_save(*, access: PlanAccess, changes: dict[Membership, MemberChange]) -> SharingDecision | None:
    """Save only what the person changed on the grid. When someone else changed one of the
    same cells since the page was drawn, nothing is saved and `SharingChangedMeanwhile`
    lists those cells, so no one's choice is undone unseen. Members who may now see more
    are told, and so are members who no longer see anything."""
    if not access.can_manage_sharing:
        raise Http404
    if not changes:
        return None
    for membership in changes:
        if membership.plan_id != access.plan.pk or membership.ended_at is not None or membership.user_id is None:
            raise Http404
    # One save at a time for these members: the check below reads what is saved now.
    list(Membership.objects.select_for_update().filter(pk__in=[m.pk for m in changes]))
    current = _current(changes)
    conflicts = []
    for membership, change in changes.items():
        levels, until = current[membership.pk]
        for part, (was, new) in change.levels.items():
            Part(part)  # refuse unknown parts loudly
            if levels.get(part, Level.NONE) != was:
                conflicts.append(Conflict(membership, part, levels.get(part, Level.NONE), new))
        if change.until is not None and change.until[0] != until:
            conflicts.append(Conflict(membership, None, until, change.until[1]))
    if conflicts:
        raise SharingChangedMeanwhile(conflicts)
    audit.note_action(AuditEntry.Action.SHARE)
    decisions = {}
    for membership, change in changes.items():
        levels, until = current[membership.pk]
        new_until = change.until[1] if change.until is not None else until
        decided = {part: (new, new_until if new else None) for part, (_was, new) in change.levels.items()}
        if change.until is not None:
            for part, level in levels.items():
                decided.setdefault(part, (level, new_until))
        decisions[membership] = decided
    decision = grants_decide(
        plan=access.plan,
        decided_by=access.user,
        context=SharingDecision.Context.SETTINGS,
        decisions=decisions,
        on_behalf=access.acts_on_behalf,
    )
    for membership, decided in decisions.items():
        before = current[membership.pk][0]
        after = {**before, **{part: level for part, (level, _until) in decided.items()}}
        if any(level > before.get(part, Level.NONE) for part, level in after.items()):
            notify(
                user=membership.user,
                kind=Notification.Kind.ACCESS_GRANTED,
                plan=access.plan,
                url=reverse("plan", args=[access.plan.pk]),
            )
        elif not any(after.values()):
            notify(user=membership.user, kind=Notification.Kind.ACCESS_ENDED, plan=access.plan)
    return decision


def _invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return reverse("invitation", args=[_invitation_token(invitation)])


def _invitation_send(invitation: Invitation) -> None:
    url = absolute_url(invitation_url(invitation))

    def send():
        send_neutral_mail(
            to=invitation.email,
            subject=_("You are invited in Samenplan"),
            template="email/invitation.txt",
            context={"invitation": invitation, "url": url},
        )

    transaction.on_commit(send)
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if existing is not None:
        notify(user=existing, kind=Notification.Kind.INVITATION, url=invitation_url(invitation))


@transaction.atomic
def invitation_create(
    *,
    access: PlanAccess,
    membership: Membership,
    email: str,
    grants: dict[str, int] | None = None,
    representation: tuple[str, list[str]] | None = None,
) -> Invitation:
    """Invite a person on the map by email. Only the resident (or a full representative)
    chooses parts to share straight away or makes the person their legal representative
    (`representation`: the kind and the parts, none meaning all); a coordinator invites,
    and the resident decides."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_invite or membership.plan_id != access.plan.pk or membership.user_id is not None:
        raise Http404
    if any((grants or {}).values()) and not access.can_manage_sharing:
        raise Http404
    if representation is not None:
        if not access.can_appoint_representative:
            raise Http404
        kind, parts = representation
        Membership.Representation(kind)
        Membership.objects.filter(pk=membership.pk).update(
            role=Membership.Role.REPRESENTATIVE, representation=kind, represents=[Part(p).value for p in parts]
        )
    membership.invitations.filter(accepted_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )
    if not membership.email:
        Membership.objects.filter(pk=membership.pk).update(email=email)
    invitation = Invitation.objects.create(
        plan=access.plan,
        membership=membership,
        email=email,
        invited_by=access.user,
        grants={part: int(level) for part, level in (grants or {}).items() if level},
        nonce=secrets.token_hex(16),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    _invitation_send(invitation)
    return invitation


def invitation_resend(*, access: PlanAccess, invitation: Invitation) -> Invitation:
    """Send a fresh link (the old one stops working) with a new expiry date."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_invite or invitation.plan_id != access.plan.pk or invitation.status not in ("pending", "expired"):
        raise Http404
    invitation.nonce = secrets.token_hex(16)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
    invitation.save(update_fields=["nonce", "expires_at"])
    _invitation_send(invitation)
    return invitation


def invitation_cancel(*, access: PlanAccess, invitation: Invitation) -> None:
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_invite or invitation.plan_id != access.plan.pk or invitation.accepted_at:
        raise Http404
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])


def invitation_for(*, token: str) -> Invitation:
    """The invitation behind a link, or InvitationError saying in plain words why not."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        raise InvitationError("invalid") from None
    invitation = (
        Invitation.objects.select_related("plan__owner", "invited_by", "membership").filter(pk=data.get("i")).first()
    )
    if invitation is None or invitation.nonce != data.get("n"):
        raise InvitationError("invalid")
    if invitation.status != "pending":
        raise InvitationError(invitation.status)
    if invitation.membership.ended_at is not None or invitation.plan.status == Plan.Status.CLOSED:
        raise InvitationError("cancelled")
    return invitation


def invitation_role_allows(invitation: Invitation, user: User) -> bool:
    """Professionals join as professionals; family and friends with a personal account."""
    if invitation.membership.role in (Membership.Role.PROFESSIONAL, Membership.Role.COORDINATOR):
        return user.role == User.Role.PROFESSIONAL
    return user.role in (User.Role.RESIDENT, User.Role.NETWORK, User.Role.PROFESSIONAL)


# A code sent to the invited address works this long, this many times wrong, and no more
# than this many codes are sent for one invitation.
CODE_VALID = timedelta(minutes=30)
CODE_TRIES = 5
CODES_PER_INVITATION = 5


def invitation_email_matches(invitation: Invitation, user: User) -> bool:
    """The invitation is bound to the address it was sent to: this account has it."""
    return bool(user.email) and user.email.strip().lower() == invitation.email.strip().lower()


def _code_hash(invitation: Invitation, code: str) -> str:
    return salted_hmac(INVITATION_SALT, f"{invitation.pk}:{invitation.nonce}:{code}", algorithm="sha256").hexdigest()


def invitation_code_send(*, invitation: Invitation) -> None:
    """Send a one-time code to the invited address, for someone logged in with another
    address who wants to accept: only who reads that mailbox can."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise InvitationError(invitation.status)
    if invitation.codes_sent >= CODES_PER_INVITATION:
        raise InvitationError("codes")
    code = f"{secrets.randbelow(10**6):06d}"
    Invitation.objects.filter(pk=invitation.pk).update(
        code_hash=_code_hash(invitation, code),
        code_sent_at=timezone.now(),
        code_tries=0,
        codes_sent=F("codes_sent") + 1,
    )
    email = invitation.email
    minutes = int(CODE_VALID.total_seconds() // 60)

    transaction.on_commit(
        lambda: send_neutral_mail(
            to=email,
            subject=_("Your code for Samenplan"),
            template="email/invitation_code.txt",
            context={"code": code, "minutes": minutes},
        )
    )


def _code_holds(invitation: Invitation, code: str) -> bool:
    """Whether `code` is the code sent to the invited address; a wrong try counts."""
    if not invitation.code_hash or invitation.code_tries >= CODE_TRIES:
        return False
    if invitation.code_sent_at is None or invitation.code_sent_at + CODE_VALID <= timezone.now():
        return False
    if constant_time_compare(_code_hash(invitation, code.strip()), invitation.code_hash):
        return True
    Invitation.objects.filter(pk=invitation.pk).update(code_tries=F("code_tries") + 1)
    return False


def invitation_accept(*, invitation: Invitation, user: User, code: str = "") -> Membership:
    """Link the person on the map to this account and apply what the resident chose. The
    account must have the invited address, or `code` must be the code sent to it."""
    _refuse_unless_open_to(invitation, user)
    if not invitation_email_matches(invitation, user) and not _code_holds(invitation, code):
        # Outside the transaction below, so a wrong try is counted all the same.
        raise InvitationError("code" if code else "email")
    with transaction.atomic():
        return _invitation_apply(Invitation.objects.select_for_update().get(pk=invitation.pk), user)


def _refuse_unless_open_to(invitation: Invitation, user: User) -> None:
    if invitation.status != "pending":
        raise InvitationError(invitation.status)
    if user.pk == invitation.plan.owner_id:
        raise InvitationError("owner")
    if invitation.plan.memberships.filter(user=user, ended_at__isnull=True).exists():
        raise InvitationError("member")
    if not invitation_role_allows(invitation, user):
        raise InvitationError("role")


def _invitation_apply(invitation: Invitation, user: User) -> Membership:
    _refuse_unless_open_to(invitation, user)
    plan = invitation.plan
    audit.note_plan(plan)
    audit.note_action(AuditEntry.Action.SHARE)
    membership = invitation.membership
    membership.user = user
    if user.role == User.Role.PROFESSIONAL and membership.organisation_id is None:
        membership.organisation = user.organisation
    membership.save(update_fields=["user", "organisation"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.code_hash = ""
    invitation.save(update_fields=["accepted_at", "accepted_by", "code_hash"])
    if invitation.grants:
        grants_decide(
            plan=plan,
            decided_by=invitation.invited_by,
            context=SharingDecision.Context.INVITATION,
            decisions={membership: {part: (level, None) for part, level in invitation.grants.items()}},
        )
    notify(
        user=plan.owner,
        kind=Notification.Kind.INVITATION_ACCEPTED,
        plan=plan,
        url=reverse("network", args=[plan.pk]),
    )
    return membership


def _memberships_end(memberships: list[Membership], *, by: User, on_behalf: bool = False) -> None:
    """End these memberships at once: their grants, emergency access and open invitations
    go with them, and each plan keeps a record of the removal."""
    now = timezone.now()
    ids = [m.pk for m in memberships]
    Membership.objects.filter(pk__in=ids).update(ended_at=now, ended_by=by)
    for membership in memberships:
        membership.ended_at, membership.ended_by = now, by
    Grant.objects.filter(membership__in=ids).delete()
    EmergencyAccess.objects.filter(membership__in=ids, ended_at__isnull=True).update(ended_at=now, ended_by=by)
    Invitation.objects.filter(membership__in=ids, accepted_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    SharingDecision.objects.bulk_create(
        SharingDecision(
            plan_id=m.plan_id,
            decided_by=by,
            on_behalf=on_behalf,
            context=SharingDecision.Context.REMOVAL,
            grants=[{"member": m.pk, "name": m.display_name, "part": None, "level": 0, "until": None}],
        )
        for m in memberships
    )


@transaction.atomic
def membership_role_ended(*, membership: Membership, by: User) -> None:
    """The role that brought someone into the plan ended without the resident's choice (the
    coordinator or the buddy ends a buddy match): they leave the plan as on removal, their
    grants with them."""
    if membership.ended_at is None:
        _memberships_end([membership], by=by)


def membership_end(*, access: PlanAccess, membership: Membership) -> None:
    """Remove someone from the plan, with immediate effect. Their agreements stay in the
    plan under their name, no longer linked to their account; they are told only that
    their access ended."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_manage_sharing or membership.plan_id != access.plan.pk or membership.ended_at:
        raise Http404
    _memberships_end([membership], by=access.user, on_behalf=access.acts_on_behalf)
    if membership.user_id is not None:
        for agreement in Agreement.objects.filter(plan=access.plan, assignee=membership.user):
            agreement.who_name = agreement.who_name or membership.display_name
            agreement.assignee = None
            agreement.save(update_fields=["who_name", "assignee"])
        notify(user=membership.user, kind=Notification.Kind.ACCESS_ENDED, plan=access.plan)


@transaction.atomic
def coordinator_set(*, access: PlanAccess, membership: Membership) -> None:
    """Make a professional in the plan its coordinator; the previous one stays a professional."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_manage_sharing or membership.plan_id != access.plan.pk or membership.ended_at:
        raise Http404
    if membership.user is None or membership.user.role != User.Role.PROFESSIONAL:
        raise Http404
    access.plan.memberships.filter(role=Membership.Role.COORDINATOR, ended_at__isnull=True).update(
        role=Membership.Role.PROFESSIONAL
    )
    Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.COORDINATOR)


@transaction.atomic
def coordination_hand_over(*, access: PlanAccess, membership: Membership) -> None:
    """The coordinator hands the role to a professional already in the plan. What each of
    them sees stays exactly what the resident granted; the resident and the new
    coordinator are told."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.can_hand_over_coordination:
        raise Http404
    access.require(Part.NETWORK)
    if membership.plan_id != access.plan.pk or membership.ended_at or membership.role != Membership.Role.PROFESSIONAL:
        raise Http404
    if membership.user is None or membership.user.role != User.Role.PROFESSIONAL or not membership.user.is_active:
        raise Http404
    Membership.objects.filter(pk=access.membership.pk, role=Membership.Role.COORDINATOR).update(
        role=Membership.Role.PROFESSIONAL
    )
    Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.COORDINATOR)
    url = reverse("network", args=[access.plan.pk])
    notify(user=access.plan.owner, kind=Notification.Kind.COORDINATOR_CHANGED, plan=access.plan, url=url)
    notify(
        user=membership.user,
        kind=Notification.Kind.COORDINATOR_CHANGED,
        plan=access.plan,
        url=reverse("plan", args=[access.plan.pk]),
    )


@transaction.atomic
def emergency_open(*, access: PlanAccess, part: str, reason: str, hours: int) -> EmergencyAccess:
    """Open a part one was not granted, for a limited time, with a written reason. The
    resident (and any representative) is told at once."""
    if not access.can_ask_emergency_access or access.can_view(part):
        raise Http404
    audit.note_action(AuditEntry.Action.EMERGENCY, reason=reason)
    access.touched.add(part)
    emergency = EmergencyAccess.objects.create(
        membership=access.membership,
        part=part,
        reason=reason,
        ends_at=timezone.now() + timedelta(hours=hours),
    )
    url = reverse("plan", args=[access.plan.pk])
    notify(user=access.plan.owner, kind=Notification.Kind.EMERGENCY, plan=access.plan, url=url)
    for representative in access.plan.memberships.filter(
        role=Membership.Role.REPRESENTATIVE, ended_at__isnull=True, user__isnull=False
    ).select_related("user"):
        # Only those who act for the resident in this part: the reason is about it.
        if part in representative.represented_parts():
            notify(user=representative.user, kind=Notification.Kind.EMERGENCY, plan=access.plan, url=url)
    return emergency


def emergency_end(*, access: PlanAccess, emergency: EmergencyAccess) -> None:
    """The resident ends an emergency access before its time is up."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not access.may_end_emergency(emergency.part) or emergency.membership.plan_id != access.plan.pk:
        raise Http404
    emergency.ended_at = timezone.now()
    emergency.ended_by = access.user
    emergency.save(update_fields=["ended_at", "ended_by"])


# Referrals: the grants a referral gives the professional who accepts it, and takes back.


@transaction.atomic
def referral_grants_give(*, referral, user: User) -> Membership:
    """Make the accepting professional a plan member (or use their membership) with a view
    grant for each consented part they did not have yet, until the consent's end date. The
    referral remembers what it added, so closing it takes back exactly that."""
    membership = Membership.objects.filter(plan=referral.plan, user=user, ended_at__isnull=True).first()
    created = membership is None
    if created:
        membership = membership_create(
            plan=referral.plan,
            user=user,
            role=Membership.Role.PROFESSIONAL,
            relation=Membership.Relation.PROFESSIONAL,
            added_by=user,
            helps_with=referral.service.name[:200],
        )
    had = set(Grant.objects.filter(membership=membership).values_list("part", flat=True))
    added = [part for part in referral.consent_parts if part not in had]
    decided_by = referral.consented_by or referral.plan.owner
    for part in added:
        Grant.objects.create(
            membership=membership,
            part=part,
            level=Level.VIEW,
            valid_until=referral.consent_until,
            granted_by=decided_by,
        )
    SharingDecision.objects.create(
        plan=referral.plan,
        decided_by=decided_by,
        on_behalf=referral.consent_on_behalf,
        context=SharingDecision.Context.REFERRAL,
        grants=[
            {
                "member": membership.pk,
                "name": membership.display_name,
                "part": part,
                "level": int(Level.VIEW),
                "until": referral.consent_until.isoformat() if referral.consent_until else None,
            }
            for part in added
        ],
    )
    type(referral).objects.filter(pk=referral.pk).update(
        membership=membership, granted_parts=added, created_membership=created
    )
    referral.membership, referral.granted_parts, referral.created_membership = membership, added, created
    return membership


@transaction.atomic
def referral_grants_take_back(*, referral, by: User) -> None:
    """The referral closed: the grants it gave end, unless the resident extended them or
    another referral of the same professional still consents to the part (that referral
    then owns the grant, so it ends with it). A membership referrals made ends when no
    open referral and no grant keeps it."""
    membership = referral.membership
    if membership is None or referral.extended or membership.ended_at is not None:
        return
    others = list(membership.referrals.exclude(pk=referral.pk).filter(Q(status__in=Referral.OPEN) | Q(extended=True)))
    removed = []
    for part in referral.granted_parts:
        keeper = next((r for r in others if r.status in Referral.OPEN and part in r.consent_parts), None)
        if keeper is not None:
            keeper.granted_parts = [*keeper.granted_parts, part]
            Referral.objects.filter(pk=keeper.pk).update(granted_parts=keeper.granted_parts)
        elif not any(r.extended and part in r.consent_parts for r in others):
            removed.append(part)
    Grant.objects.filter(membership=membership, part__in=removed).delete()
    made_by_referral = referral.created_membership or membership.referrals.filter(created_membership=True).exists()
    ended = False
    if made_by_referral and not any(r.status in Referral.OPEN for r in others) and not membership.grants.exists():
        membership.ended_at = timezone.now()
        membership.ended_by = by
        membership.save(update_fields=["ended_at", "ended_by"])
        ended = True
    SharingDecision.objects.create(
        plan=referral.plan,
        decided_by=by,
        context=SharingDecision.Context.REFERRAL_END,
        grants=[
            {"member": membership.pk, "name": membership.display_name, "part": part, "level": 0, "until": None}
            for part in (removed or ([None] if ended else []))
        ],
    )


# Case conferences: what the table may see is computed by the policy while the conference
# runs (nothing to grant or take back), but the resident's choice is a sharing decision
# like any other, so "Eerdere keuzes" shows it.


def conference_sharing_record(*, conference, decided_by: User, on_behalf: bool, people, ended: bool = False) -> None:
    """Record who at the table may see which parts (or, `ended`, that they no longer do).
    `people` are the approved participants: (membership id or None, name)."""
    SharingDecision.objects.create(
        plan=conference.plan,
        decided_by=decided_by,
        on_behalf=on_behalf,
        context=SharingDecision.Context.CONFERENCE_END if ended else SharingDecision.Context.CONFERENCE,
        grants=[
            {
                "member": member_id,
                "name": name,
                "part": part,
                "level": 0 if ended else int(Level.VIEW),
                "until": None,
                "conference": conference.pk,
            }
            for member_id, name in people
            for part in conference.consent_parts
        ],
    )


# A professional leaves their organisation: the organisation's admin takes them out of every
# plan at once, without anyone's PlanAccess (the admin sees no plan).


# Added to the name on the leaver's open agreements, so the plan shows why nobody does them.
@dataclass
class LeaveResult:
    plan_ids: list[int]
    # Plans the leaver coordinated: they have no coordinator now.
    coordinated_plan_ids: list[int]
    open_agreements: int


@transaction.atomic
def professional_leave(*, by: User, member_id: int) -> LeaveResult:
    """End a staff member who left: their account stops, every membership ends at once (grants,
    emergency access and open invitations with it) and their agreements stay under their name,
    no longer assigned; open ones say the person left. Never oneself."""
    member = managed_staff_member(by, member_id)
    if member.pk == by.pk:
        raise PermissionError("an admin does not take themselves out")
    audit.note_action(AuditEntry.Action.SHARE)
    User.objects.filter(pk=member.pk).update(is_active=False)
    member.is_active = False
    memberships = list(
        Membership.objects.filter(user=member, ended_at__isnull=True).select_related("user").order_by("plan_id")
    )
    _memberships_end(memberships, by=by)
    name = member.display_name
    open_agreements = 0
    agreements = list(Agreement.objects.filter(assignee=member))
    for agreement in agreements:
        if agreement.status in Agreement.OPEN_STATUSES:
            open_agreements += 1
            agreement.assignee_left = True
        agreement.who_name = agreement.who_name or name
        agreement.assignee = None
        # A form opened before this must not put the leaver back unseen.
        agreement.version += 1
    Agreement.objects.bulk_update(agreements, ["who_name", "assignee", "version", "assignee_left"])
    _referrals_back_to_the_queue(member, by)
    # Each plan's coordinator hears that someone left, so they hand the work on.
    for plan_id in sorted({m.plan_id for m in memberships}):
        coordinator = (
            Membership.objects.filter(plan_id=plan_id, role=Membership.Role.COORDINATOR, ended_at__isnull=True)
            .select_related("user", "plan")
            .first()
        )
        if coordinator is not None and coordinator.user is not None:
            notify(
                user=coordinator.user,
                kind=Notification.Kind.PROFESSIONAL_LEFT,
                plan=coordinator.plan,
                url=reverse("agreements", args=[plan_id]),
            )
        elif coordinator is None:
            # The leaver was the coordinator: the resident hears it, and finds on the network
            # page how to choose another.
            plan = Plan.objects.select_related("owner").get(pk=plan_id)
            notify(
                user=plan.owner,
                kind=Notification.Kind.PROFESSIONAL_LEFT,
                plan=plan,
                url=reverse("network", args=[plan_id]),
            )
    return LeaveResult(
        plan_ids=[m.plan_id for m in memberships],
        coordinated_plan_ids=[m.plan_id for m in memberships if m.role == Membership.Role.COORDINATOR],
        open_agreements=open_agreements,
    )


def _referrals_back_to_the_queue(member: User, by: User) -> None:
    """Referrals the leaver had taken on go back to their organisation's team queue, as if
    not yet accepted: a colleague takes them on (the membership they came with has ended)."""
    for referral in Referral.objects.filter(assigned_to=member, status__in=Referral.OPEN):
        Referral.objects.filter(pk=referral.pk).update(
            status=Referral.Status.REQUESTED,
            assigned_to=None,
            membership=None,
            granted_parts=[],
            created_membership=False,
            version=F("version") + 1,
            status_changed_at=timezone.now(),
        )
        ReferralEvent.objects.create(
            referral=referral,
            status=Referral.Status.REQUESTED,
            by=by,
            note=gettext("%(name)s has left; a colleague takes the referral on.") % {"name": member.display_name},
        )
