"""The one door to plan data.

Every view, form, export, email and management command that touches a plan asks this
module what the user may see or change. Nothing else decides access. Rules:

- The owner sees and may change every part of their own plan, always.
- A legal representative acts for the owner in the parts they represent (all parts when
  none are listed); what they do is recorded as done on the owner's behalf ("namens").
- Anyone else sees a part only through an active membership with a grant for that part
  that has not passed its end date, or through emergency access they asked for with a
  reason, which ends by itself. A member always sees the agreements assigned to them.
- A member with nothing to see (no grant that still holds, nothing they represent, no
  emergency access, no agreement of their own) does not see the plan at all: not that it
  exists, not in their caseload.
- Only the owner, or a representative for all parts, decides who sees what, appoints a
  representative, or ends someone's membership.
- A representative for some parts reads emergency reasons and the access log only for
  those parts.
- Conversations: a member sees the threads they take part in, and only while they may see
  the conversations part; the owner sees every thread of the plan.
- Policy analysts and platform or organisation admins never see plan content, whatever
  rows exist: they work with aggregates and configuration only.
- A closed plan can be read by those who could read it, but nobody changes it any more.
- Referrals: whoever sees a plan's agreements sees its referrals; who may add agreements
  (or the resident) proposes one; only the resident (or a representative for all parts)
  consents, choosing the parts the receiving organisation may see. That organisation's
  professionals see the question and exactly those parts, view only, while the referral is
  open and the consent holds; never another organisation, never after it closes. The one
  who accepts becomes a plan member with grants for those parts, which the referral takes
  back when it closes unless the resident extends them.
- Questions at a neighbourhood hub and early signals are personal data outside any plan.
  The wijk team of their wijk (professionals of an organisation that starts plans and
  serves that wijk) sees and handles them; one team member owns each at a time. A partner
  that reports arrears sees only whether contact was made and help accepted for its own
  signals, never content. A signal joins a plan only when the resident says yes; then the
  owner (or a representative for all parts) sees who signalled and when. Analysts see
  aggregates only. Every read and change is audited, also where no plan exists.
- Case conferences: the coordinator convenes one for a plan; the resident (or a
  representative for all parts) agrees, chooses who joins and which parts the table may
  see. Approved participants (professionals of any organisation, network members she
  chose) see the conference and exactly those parts, view only, only while it is planned:
  closing it ends that by itself. The resident side and the coordinator see it always.
  Decisions become agreements in the plan. A consult of one other organisation is
  anonymous (no plan at all) or about one part the resident consented to, which that
  organisation sees only until it answers. The breakthrough officer sees breakthrough
  requests, never a plan.
- Missing and forbidden look the same: `Http404`.

Nothing here is cached between requests, so a revoked grant stops working on the very
next request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.buddies.models import BuddyRequest, Match, Volunteer
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, Participant
from samenplan.directory.models import Location, Service
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.mystery_guests.models import MysteryGuest, Report
from samenplan.plans.models import EVALUATION_CORRECTION_WINDOW, Agreement, Evaluation, Plan
from samenplan.privacy.models import CorrectionRequest
from samenplan.programme.models import Action, Goal, JoinRequest, Programme, WorkGroupMember
from samenplan.referrals.models import Referral

from .models import EmergencyAccess, Grant, Membership
from .parts import Level, Part

# Roles that work with configuration or aggregates and never with one person's plan.
NO_PLAN_ACCESS_ROLES = {
    User.Role.ANALYST,
    User.Role.PLATFORM_ADMIN,
    User.Role.ORG_ADMIN,
    User.Role.SIGNAL_PARTNER,
    User.Role.BREAKTHROUGH_OFFICER,
    User.Role.PROGRAMME_COORDINATOR,
}

ALL_PARTS = tuple(Part)


@dataclass
class PlanAccess:
    """What one user may do with one plan, computed fresh for each request."""

    plan: Plan
    user: User
    is_owner: bool
    membership: Membership | None
    levels: dict[str, int]
    # Parts open to this user only through emergency access.
    emergency_parts: frozenset[str] = frozenset()
    # Parts this request actually read or changed; the audit log records them.
    touched: set[str] = field(default_factory=set)
    # Whether the member has agreements of their own (looked up when first asked).
    assigned: bool | None = None

    def level(self, part: str) -> int:
        return self.levels.get(part, Level.NONE)

    def can_view(self, part: str) -> bool:
        return self.level(part) >= Level.VIEW

    def can_contribute(self, part: str) -> bool:
        return self.level(part) >= Level.CONTRIBUTE

    def require(self, part: str, level: int = Level.VIEW) -> None:
        """Raise 404 unless the user has at least `level` on `part`; note the part as used
        (or, when refused, as a denied attempt for the audit log)."""
        if self.level(part) < level:
            audit.note_denied(plan_id=self.plan.pk, plan=self.plan, part=part)
            raise Http404
        self.touched.add(part)

    @cached_property
    def view(self) -> dict[str, bool]:
        """For templates: `access.view.goals` (levels are fixed for the request)."""
        return {part: self.can_view(part) for part in ALL_PARTS}

    @cached_property
    def contribute(self) -> dict[str, bool]:
        """For templates: `access.contribute.goals`."""
        return {part: self.can_contribute(part) for part in ALL_PARTS}

    @property
    def visible_parts(self) -> list[str]:
        return [part for part in ALL_PARTS if self.can_view(part)]

    @property
    def is_open(self) -> bool:
        return self.plan.status != Plan.Status.CLOSED

    @property
    def is_coordinator(self) -> bool:
        return self.membership is not None and self.membership.role == Membership.Role.COORDINATOR

    @property
    def is_representative(self) -> bool:
        return self.membership is not None and self.membership.is_representative

    def speaks_for_owner(self, part: str) -> bool:
        """The owner, or a representative acting for the owner in this part."""
        return self.is_owner or (self.is_representative and part in self.membership.represented_parts())

    @property
    def acts_on_behalf(self) -> bool:
        """What this user writes is recorded as written on the owner's behalf."""
        return self.is_representative

    @property
    def represents_fully(self) -> bool:
        return self.is_representative and not self.membership.represents

    @property
    def speaks_for_owner_fully(self) -> bool:
        """The owner, or a representative for every part."""
        return self.is_owner or self.represents_fully

    @property
    def can_manage_sharing(self) -> bool:
        """Decide who sees what: the owner, or a representative for all parts."""
        return self.speaks_for_owner_fully and self.is_open

    @property
    def can_appoint_representative(self) -> bool:
        """Making someone a legal representative hands them the resident's voice: only the
        resident, or a representative for all parts, may do that."""
        return self.can_manage_sharing

    @property
    def can_close_plan(self) -> bool:
        """Close the plan (it becomes read-only for everyone): the resident, a full
        representative, or the coordinator."""
        return self.is_open and (self.speaks_for_owner_fully or self.is_coordinator)

    @property
    def can_reopen_plan(self) -> bool:
        return not self.is_open and (self.speaks_for_owner_fully or self.is_coordinator)

    @cached_property
    def watched_parts(self) -> frozenset[str]:
        """The parts whose emergency accesses (with their reasons) and whose entries in the
        access log this user may read: every part for the owner, the represented parts
        for a representative, none for anyone else."""
        if self.is_owner:
            return frozenset(ALL_PARTS)
        if self.is_representative:
            return frozenset(self.membership.represented_parts())
        return frozenset()

    @property
    def watches_emergencies(self) -> bool:
        return bool(self.watched_parts)

    def may_end_emergency(self, part: str) -> bool:
        return part in self.watched_parts

    @property
    def can_invite(self) -> bool:
        """The coordinator may invite people on the resident's behalf (the resident sees it)."""
        return (self.can_manage_sharing or self.is_coordinator) and self.is_open

    @property
    def can_export(self) -> bool:
        """Download the plan as data (the right to data portability): the resident, or a
        representative for the parts they act in."""
        return self.is_owner or self.is_representative

    @property
    def sees_anything(self) -> bool:
        """Whether this user has anything in the plan to see at all."""
        return self.is_owner or any(self.levels.values()) or self.has_assigned_agreements

    @property
    def can_read_access_log(self) -> bool:
        return bool(self.watched_parts)

    @property
    def reads_whole_access_log(self) -> bool:
        return self.speaks_for_owner_fully

    @property
    def can_resend_activation(self) -> bool:
        return self.is_coordinator and self.is_open

    @property
    def can_hand_over_coordination(self) -> bool:
        """The coordinator hands the role to a professional already in the plan. Choosing
        one means seeing who is in the plan, so only with the network part. Grants stay as
        the resident set them; the resident is told."""
        return self.is_coordinator and self.is_open and self.can_view(Part.NETWORK)

    @property
    def can_confirm_story(self) -> bool:
        return self.speaks_for_owner(Part.STORY) and self.is_open

    @property
    def can_record_resident_assessment(self) -> bool:
        return self.speaks_for_owner(Part.ASSESSMENT) and self.is_open

    @property
    def can_record_professional_assessment(self) -> bool:
        return (
            self.membership is not None
            and self.user.role == User.Role.PROFESSIONAL
            and not self.is_representative
            and self.can_contribute(Part.ASSESSMENT)
        )

    @property
    def can_ask_emergency_access(self) -> bool:
        return (
            self.membership is not None
            and self.user.role == User.Role.PROFESSIONAL
            and self.membership.role in (Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL)
            and self.is_open
        )

    def can_update_agreement(self, agreement: Agreement) -> bool:
        """Contributors to agreements may change any; a member may always update their own."""
        if not self.is_open:
            return False
        return self.can_contribute(Part.AGREEMENTS) or agreement.assignee_id == self.user.pk

    def can_correct_evaluation(self, evaluation: Evaluation) -> bool:
        """Only who recorded an evaluation corrects it, and only for a while after (see
        `EVALUATION_CORRECTION_WINDOW`); everyone else reads the record as it was held."""
        return (
            self.is_open
            and evaluation.held_at is not None
            and evaluation.held_by_id == self.user.pk
            and timezone.now() < evaluation.held_at + EVALUATION_CORRECTION_WINDOW
            and self.can_contribute(Part.EVALUATIONS)
            and self.can_view(Part.GOALS)
        )

    @property
    def can_propose_referral(self) -> bool:
        return self.is_open and self.can_contribute(Part.AGREEMENTS)

    @property
    def sees_referrals(self) -> bool:
        return self.can_view(Part.AGREEMENTS)

    def sees_agreement(self, agreement: Agreement) -> bool:
        return self.can_view(Part.AGREEMENTS) or agreement.assignee_id == self.user.pk

    @property
    def has_assigned_agreements(self) -> bool:
        """A member without the agreements part still sees the agreements assigned to them."""
        if self.assigned is None:
            self.assigned = self.membership is not None and self.plan.agreements.filter(assignee=self.user).exists()
        return self.assigned

    def sees_all_threads(self) -> bool:
        return self.speaks_for_owner(Part.CONVERSATIONS)

    def threads_filter(self) -> Q:
        """Which threads of this plan the user may read (a filter on Thread)."""
        if self.sees_all_threads():
            return Q(plan=self.plan)
        if not self.can_view(Part.CONVERSATIONS):
            return Q(pk__in=[])
        return Q(plan=self.plan, participants=self.user)


def active_grants(today=None) -> Q:
    """Grants that still hold today (the end date is the last day they hold)."""
    today = today or timezone.localdate()
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def active_emergency() -> Q:
    return Q(ended_at__isnull=True, ends_at__gt=timezone.now())


def _member_levels(
    membership: Membership, user: User, grants, emergencies, plan: Plan
) -> tuple[dict[str, int], frozenset]:
    levels = {grant.part: grant.level for grant in grants}
    for part in membership.represented_parts():
        levels[part] = Level.CONTRIBUTE
    # Only professionals in the plan can open a part in an emergency (defence in depth: the
    # service refuses anyone else, and a stray row must not open anything either).
    professional = (
        membership.role in (Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL)
        and user.role == User.Role.PROFESSIONAL
    )
    emergency_parts = frozenset(
        e.part for e in emergencies if professional and levels.get(e.part, Level.NONE) < Level.VIEW
    )
    for part in emergency_parts:
        levels[part] = Level.VIEW
    if plan.status == Plan.Status.CLOSED:
        levels = {part: min(level, Level.VIEW) for part, level in levels.items()}
    return levels, emergency_parts


def _owner_levels(plan: Plan) -> dict[str, int]:
    level = Level.VIEW if plan.status == Plan.Status.CLOSED else Level.CONTRIBUTE
    return dict.fromkeys(ALL_PARTS, level)


def _may_see_plans(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role not in NO_PLAN_ACCESS_ROLES


def _member_access(membership: Membership, user: User, plan: Plan) -> PlanAccess:
    """What a member may do, whether or not that is anything."""
    grants = Grant.objects.filter(active_grants(), membership=membership)
    emergencies = EmergencyAccess.objects.filter(active_emergency(), membership=membership)
    levels, emergency_parts = _member_levels(membership, user, grants, emergencies, plan)
    return PlanAccess(
        plan=plan, user=user, is_owner=False, membership=membership, levels=levels, emergency_parts=emergency_parts
    )


def access_for(user: User, plan: Plan) -> PlanAccess | None:
    """The user's access to a plan that is already loaded, or None when they have none."""
    if not _may_see_plans(user):
        return None
    if plan.owner_id == user.pk:
        return PlanAccess(plan=plan, user=user, is_owner=True, membership=None, levels=_owner_levels(plan))
    membership = Membership.objects.filter(plan=plan, user=user, ended_at__isnull=True).first()
    if membership is None:
        return None
    access = _member_access(membership, user, plan)
    return access if access.sees_anything else None


def plan_access(user: User, plan_id, *, part: str | None = None, level: int = Level.VIEW) -> PlanAccess:
    """The user's access to plan `plan_id`, or 404. With `part`, also require that part."""
    try:
        plan = Plan.objects.select_related("owner", "wijk").get(pk=int(plan_id))
    except (Plan.DoesNotExist, ValueError, TypeError):
        audit.note_denied(plan_id=plan_id, part=part)
        raise Http404 from None
    access = access_for(user, plan)
    if access is None:
        audit.note_denied(plan_id=plan.pk, plan=plan, part=part)
        raise Http404
    audit.note_access(access)
    if part is not None:
        access.require(part, level)
    return access


def member_access(access: PlanAccess, membership_id) -> PlanAccess:
    """What one member sees of the plan ("view as"); only for who manages the sharing.
    Also for a member who sees nothing, so the resident can check that."""
    if not access.speaks_for_owner_fully:
        raise Http404
    try:
        membership = access.plan.memberships.select_related("user").get(
            pk=int(membership_id), ended_at__isnull=True, user__isnull=False
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not _may_see_plans(membership.user):
        raise Http404
    return _member_access(membership, membership.user, access.plan)


def accessible_plans(user: User) -> list[PlanAccess]:
    """Every plan the user has any access to, with their levels, in a fixed number of queries."""
    if not _may_see_plans(user):
        return []
    owned = list(Plan.objects.select_related("owner", "wijk").filter(owner=user))
    memberships = list(
        Membership.objects.select_related("plan__owner", "plan__wijk").filter(user=user, ended_at__isnull=True)
    )
    grants: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(active_grants(), membership__in=memberships):
        grants.setdefault(grant.membership_id, []).append(grant)
    emergencies: dict[int, list[EmergencyAccess]] = {}
    for emergency in EmergencyAccess.objects.filter(active_emergency(), membership__in=memberships):
        emergencies.setdefault(emergency.membership_id, []).append(emergency)
    accesses = [
        PlanAccess(plan=plan, user=user, is_owner=True, membership=None, levels=_owner_levels(plan)) for plan in owned
    ]
    members = []
    for m in memberships:
        levels, emergency_parts = _member_levels(m, user, grants.get(m.pk, []), emergencies.get(m.pk, []), m.plan)
        members.append(
            PlanAccess(
                plan=m.plan,
                user=user,
                is_owner=False,
                membership=m,
                levels=levels,
                emergency_parts=emergency_parts,
            )
        )
    # Whether those without any part still have an agreement of their own: one query.
    bare = [a.plan.pk for a in members if not any(a.levels.values())]
    assigned = set(Agreement.objects.filter(plan_id__in=bare, assignee=user).values_list("plan_id", flat=True))
    for a in members:
        if a.plan.pk in bare:
            a.assigned = a.plan.pk in assigned
    return accesses + [a for a in members if a.sees_anything]


def accessible_plan_ids(user: User) -> list[int]:
    return sorted(access.plan.pk for access in accessible_plans(user))


def members_levels(plan: Plan, memberships) -> dict[int, PlanAccess]:
    """What each of these members (with accounts, `user` loaded) may do in the plan right
    now, by membership id, in two queries: for the pages that tell the resident who can
    do what (who sees how many parts, who cannot answer a message)."""
    memberships = [m for m in memberships if m.user_id is not None and m.ended_at is None]
    grants: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(active_grants(), membership__in=memberships):
        grants.setdefault(grant.membership_id, []).append(grant)
    emergencies: dict[int, list[EmergencyAccess]] = {}
    for emergency in EmergencyAccess.objects.filter(active_emergency(), membership__in=memberships):
        emergencies.setdefault(emergency.membership_id, []).append(emergency)
    result = {}
    for m in memberships:
        levels, emergency_parts = _member_levels(m, m.user, grants.get(m.pk, []), emergencies.get(m.pk, []), plan)
        if not _may_see_plans(m.user):
            levels, emergency_parts = {}, frozenset()
        result[m.pk] = PlanAccess(
            plan=plan, user=m.user, is_owner=False, membership=m, levels=levels, emergency_parts=emergency_parts
        )
    return result


def people_who_see(plan: Plan, part: str) -> list[User]:
    """Everyone who may see a part of the plan right now: the owner, representatives for
    that part, and members with a grant that still holds."""
    people = {plan.owner_id: plan.owner}
    memberships = Membership.objects.filter(plan=plan, ended_at__isnull=True, user__isnull=False).select_related("user")
    granted = set(
        Grant.objects.filter(active_grants(), membership__plan=plan, part=part).values_list("membership_id", flat=True)
    )
    for membership in memberships:
        sees = membership.pk in granted or part in membership.represented_parts()
        if sees and _may_see_plans(membership.user):
            people[membership.user_id] = membership.user
    return list(people.values())


def sees_plan(user: User, plan: Plan) -> bool:
    """Whether the user may open the plan at all."""
    return access_for(user, plan) is not None


def may_be_told_about(user: User, plan: Plan) -> bool:
    """Whether a notification about this plan may still reach this user: only while they
    may open it."""
    return sees_plan(user, plan)


# FHIR export: the plan as a FHIR Bundle, for a health app (PGO) or a care provider's
# system. Unlike the JSON download (the resident's right to take their data along), every
# member may take what they may see; parts open to them only through emergency access stay
# out: that access ends by itself, a copy would not.


def fhir_export_access(access: PlanAccess) -> PlanAccess:
    """The access a FHIR export is built from: the user's own, without the parts open to
    them only through emergency access. What it reads is noted on the request's access, so
    the audit log records it."""
    if not access.emergency_parts:
        return access
    levels = {part: level for part, level in access.levels.items() if part not in access.emergency_parts}
    return PlanAccess(
        plan=access.plan,
        user=access.user,
        is_owner=access.is_owner,
        membership=access.membership,
        levels=levels,
        touched=access.touched,
        assigned=access.assigned,
    )


# Organisation staff. An organisation admin manages the details and staff of their own
# organisation only, and never sees plan content through it.
# The accounts an organisation admin manages: the organisation's own professionals and admins.
STAFF_ROLES = (User.Role.PROFESSIONAL, User.Role.ORG_ADMIN)


def can_manage_organisation(user, organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == User.Role.ORG_ADMIN
        and user.organisation_id == organisation.pk
    )


def managed_organisation(user) -> Organisation:
    """The organisation this user manages; a 404 for everyone else (missing and forbidden
    look the same)."""
    organisation = Organisation.objects.filter(pk=user.organisation_id).first() if user.organisation_id else None
    if not can_manage_organisation(user, organisation):
        raise Http404
    return organisation


def managed_staff_member(user, member_id: int) -> User:
    """A staff member of the organisation this user manages, or a 404."""
    organisation = managed_organisation(user)
    member = User.objects.filter(pk=member_id, organisation=organisation, role__in=STAFF_ROLES).first()
    if member is None:
        raise Http404
    return member


def managed_location(user, location_id) -> Location:
    """A location of the organisation this user manages, or a 404."""
    organisation = managed_organisation(user)
    location = Location.objects.filter(pk=location_id, organisation=organisation).first()
    if location is None:
        raise Http404
    return location


def managed_service(user, service_id) -> Service:
    """A service (social map listing) of the organisation this user manages, or a 404."""
    organisation = managed_organisation(user)
    service = Service.objects.filter(pk=service_id, organisation=organisation).select_related("organisation").first()
    if service is None:
        raise Http404
    return service


# Referrals (see the module's docstring). A referral is seen from two sides: from the plan
# (`plan_referral`, by the plan's own members) and by the receiving organisation
# (`received_referral`, `referral_inbox_filter`).


def receives_referrals(user) -> bool:
    """Whether the user works in a receiving organisation's team queue."""
    return _may_see_plans(user) and user.role == User.Role.PROFESSIONAL and user.organisation_id is not None


def consented_levels(referral: Referral, today=None) -> dict[str, int]:
    """What the receiving organisation may see of the plan right now: the consented parts,
    view only, while the referral is open and the consent has not ended."""
    today = today or timezone.localdate()
    if referral.status not in Referral.OPEN or referral.consented_at is None:
        return {}
    if referral.consent_until is not None and referral.consent_until < today:
        return {}
    if referral.plan.status == Plan.Status.CLOSED:
        return {}
    return {part: Level.VIEW for part in referral.consent_parts if part in Part.values}


@dataclass
class ReferralAccess:
    """What one user may do with one referral. `plan_access` decides what they see of the
    plan: for a plan member their own access, for the receiving organisation only the
    consented parts."""

    referral: Referral
    user: User
    plan_access: PlanAccess
    as_receiver: bool

    @property
    def sees_question(self) -> bool:
        """The question and who it is about: always from the plan; for the receiving
        organisation only while the referral is open."""
        return not self.as_receiver or self.referral.is_open

    @property
    def is_assignee(self) -> bool:
        return self.as_receiver and self.referral.assigned_to_id == self.user.pk

    @property
    def _plan_open(self) -> bool:
        return self.referral.plan.status != Plan.Status.CLOSED

    @property
    def can_consent(self) -> bool:
        return (
            not self.as_receiver
            and self.plan_access.can_manage_sharing
            and self.plan_access.is_open
            and self.referral.status == Referral.Status.AWAITING_CONSENT
        )

    @property
    def can_cancel(self) -> bool:
        """The resident (withdrawing consent) or who proposed it, until it is over."""
        if self.as_receiver or self.referral.is_closed:
            return False
        access = self.plan_access
        return access.can_manage_sharing or (
            self.referral.proposed_by_id == self.user.pk and access.can_contribute(Part.AGREEMENTS)
        )

    @property
    def can_extend(self) -> bool:
        """The resident lets the receiver keep the consented parts after the referral closes."""
        return (
            not self.as_receiver
            and self.plan_access.can_manage_sharing
            and self.plan_access.is_open
            and self.referral.is_open
            and not self.referral.extended
        )

    @property
    def can_accept(self) -> bool:
        return self.as_receiver and self._plan_open and self.referral.status == Referral.Status.REQUESTED

    can_reject = can_accept

    @property
    def can_start(self) -> bool:
        return self.is_assignee and self._plan_open and self.referral.status == Referral.Status.ACCEPTED

    @property
    def can_complete(self) -> bool:
        return self.is_assignee and self.referral.status in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS)

    can_fail = can_complete


def referral_inbox_filter(user) -> Q:
    """The referrals in the user's team queue (a filter on Referral): everything sent to
    their organisation once the resident consented. What each shows is `received_referral`'s."""
    if not receives_referrals(user):
        return Q(pk__in=[])
    return Q(organisation_id=user.organisation_id) & ~Q(status=Referral.Status.AWAITING_CONSENT)


def received_referral(user, referral_id) -> ReferralAccess:
    """A referral in the user's team queue, with what they may see of the plan; a 404 for
    anyone else."""
    try:
        referral = (
            Referral.objects.select_related("plan__owner", "plan__wijk", "service", "organisation")
            .filter(referral_inbox_filter(user))
            .get(pk=int(referral_id))
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        audit.note_denied(plan_id=f"referral {referral_id}")
        raise Http404 from None
    plan = referral.plan
    access = PlanAccess(plan=plan, user=user, is_owner=False, membership=None, levels=consented_levels(referral))
    if referral.is_open:
        audit.note_access(access)
    return ReferralAccess(referral=referral, user=user, plan_access=access, as_receiver=True)


def plan_referral(access: PlanAccess, referral_id) -> ReferralAccess:
    """A referral of this plan as its member sees it; a 404 for who does not see referrals."""
    if not access.sees_referrals:
        raise Http404
    try:
        referral = (
            Referral.objects.select_related("service", "organisation", "assigned_to")
            .filter(plan=access.plan)
            .get(pk=int(referral_id))
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    referral.plan = access.plan
    access.touched.add(Part.AGREEMENTS)
    return ReferralAccess(referral=referral, user=access.user, plan_access=access, as_receiver=False)


# Hubs and early signals (see the module's docstring): personal data outside any plan.


def team_wijk_ids(user) -> list[int]:
    """The wijken whose questions and signals this user handles: a professional of an
    organisation that starts plans (a wijk team), for the wijken it serves."""
    if not (_may_see_plans(user) and user.role == User.Role.PROFESSIONAL and user.organisation_id):
        return []
    if not user.organisation.starts_plans:
        return []
    return list(
        Organisation.wijken.through.objects.filter(organisation_id=user.organisation_id).values_list(
            "wijk_id", flat=True
        )
    )


def wijk_team_members(wijk_id: int):
    """Everyone who handles this wijk's questions and signals (the same people
    `team_wijk_ids` names the wijk for)."""
    return User.objects.filter(
        is_active=True, role=User.Role.PROFESSIONAL, organisation__starts_plans=True, organisation__wijken=wijk_id
    ).distinct()


def works_in_wijk_team(user) -> bool:
    return bool(team_wijk_ids(user))


def may_register_at_desk(user, wijk) -> bool:
    """A wijk team member registers a question with the resident present at the desk."""
    return wijk is not None and wijk.pk in team_wijk_ids(user)


def question_queue_filter(user) -> Q:
    """The questions in the user's wijk team queue (a filter on Question)."""
    wijk_ids = team_wijk_ids(user)
    return Q(wijk_id__in=wijk_ids) if wijk_ids else Q(pk__in=[])


def signal_queue_filter(user) -> Q:
    """The early signals in the user's wijk team queue (a filter on Signal)."""
    wijk_ids = team_wijk_ids(user)
    return Q(wijk_id__in=wijk_ids) if wijk_ids else Q(pk__in=[])


@dataclass
class CaseAccess:
    """What a wijk team member may do with one question or signal: anyone in the team
    claims an unowned one; only its owner records contact, closes it or gives it back."""

    case: Question | Signal
    user: User

    @property
    def is_owner(self) -> bool:
        return self.case.owner_id == self.user.pk

    @property
    def is_open(self) -> bool:
        return self.case.closed_at is None

    @property
    def can_claim(self) -> bool:
        return self.is_open and self.case.owner_id is None

    @property
    def can_act(self) -> bool:
        """Record a contact attempt, close it, or give it back to the team."""
        return self.is_open and self.is_owner

    @property
    def can_start_plan(self) -> bool:
        return self.can_act and self.user.may_start_intake

    def can_offer_to(self, plan: Plan) -> bool:
        """Offer a signal to the resident's plan: its owner, who is in that open plan."""
        return (
            isinstance(self.case, Signal)
            and self.is_owner
            and self.case.plan_id is None
            and plan.status != Plan.Status.CLOSED
            and sees_plan(self.user, plan)
        )


def _team_case(model, kind: str, queue_filter: Q, case_id, related) -> Question | Signal:
    try:
        case = model.objects.select_related(*related).filter(queue_filter).get(pk=int(case_id))
    except (model.DoesNotExist, ValueError, TypeError):
        audit.note_denied_record(kind, case_id)
        raise Http404 from None
    audit.note_records(kind, [case.pk])
    return case


def team_question(user, question_id) -> CaseAccess:
    """A question in the user's wijk team queue; a 404 for anyone else."""
    question = _team_case(
        Question, "question", question_queue_filter(user), question_id, ("wijk", "owner", "service", "plan")
    )
    return CaseAccess(case=question, user=user)


def team_signal(user, signal_id) -> CaseAccess:
    """An early signal in the user's wijk team queue; a 404 for anyone else."""
    signal = _team_case(Signal, "signal", signal_queue_filter(user), signal_id, ("wijk", "owner", "partner"))
    return CaseAccess(case=signal, user=user)


def sends_signals(user) -> bool:
    """Staff of a partner that reports payment arrears (and nothing else)."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == User.Role.SIGNAL_PARTNER
        and user.organisation_id is not None
        and user.organisation.delivers_signals
    )


def partner_signal_filter(user) -> Q:
    """The partner's own signals, of which it sees only whether contact was made and help
    accepted (`early_signals.selectors` shows nothing more)."""
    return Q(partner_id=user.organisation_id) if sends_signals(user) else Q(pk__in=[])


def sees_plan_signals(access: PlanAccess) -> bool:
    """Who in a plan sees the signals offered to it and joined: the resident (or a
    representative for all parts), who decides whether a signal joins; a closed plan's
    signals stay readable."""
    return access.speaks_for_owner_fully


def plan_signal_offer(access: PlanAccess, signal_id) -> Signal:
    """A signal offered to this plan, waiting for the resident's yes or no; a 404 otherwise."""
    if not (sees_plan_signals(access) and access.is_open):
        raise Http404
    signal = (
        Signal.objects.select_related("partner")
        .filter(offered_plan=access.plan, plan__isnull=True)
        .filter(pk=_int_or_none(signal_id))
        .first()
    )
    if signal is None:
        audit.note_denied_record("signal", signal_id)
        raise Http404
    audit.note_records("signal", [signal.pk])
    return signal


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _record_or_404(queryset, record_id, kind: str):
    """The row of `queryset` (already narrowed by a policy filter) with this id, its read
    noted for the audit log as `kind:<id>`; a 404 and a denied entry for any other id."""
    record = queryset.filter(pk=_int_or_none(record_id)).first()
    if record is None:
        audit.note_denied_record(kind, record_id)
        raise Http404
    audit.note_records(kind, [record.pk])
    return record


# Partner systems on the API. A partner organisation's system (an `ApiClient`, OAuth2 client
# credentials) sees what that organisation's staff would see by the same rules, narrowed to
# the scopes its organisation admin gave it, and never acts as a person of its own: a change
# that makes someone a plan member names the professional who does it. A revoked client or a
# missing scope sees nothing.


def client_scopes_for(organisation: Organisation) -> list[str]:
    """The scopes an organisation admin may give a connection of their organisation:
    referrals only to an organisation that takes referrals, signals only to one that
    reports arrears, the municipality's figures only to the municipality. The social map
    is public and needs no connection."""
    scopes = []
    if Service.objects.filter(organisation=organisation, accepts_referrals=True).exists():
        scopes.append("referrals")
    if organisation.delivers_signals:
        scopes.append("signals")
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        scopes.append("insights")
    return scopes


def _client_with(client, scope: str) -> bool:
    return getattr(client, "is_api_client", False) and client.has_scope(scope)


def client_referral_filter(client) -> Q:
    """The referrals sent to the client's organisation once the resident consented: the
    team queue `referral_inbox_filter` gives its professionals (a filter on Referral)."""
    if not _client_with(client, "referrals"):
        return Q(pk__in=[])
    return Q(organisation_id=client.organisation_id) & ~Q(status=Referral.Status.AWAITING_CONSENT)


def client_professional(client, email: str | None) -> User | None:
    """The professional a client names to act (`acceptedBy`): an active account of the
    client's own organisation that works in its team queue; None for anyone else, and
    when the address names more than one account."""
    if not _client_with(client, "referrals") or not email or not email.strip():
        return None
    found = [
        person
        for person in User.objects.select_related("organisation").filter(
            organisation_id=client.organisation_id,
            role=User.Role.PROFESSIONAL,
            is_active=True,
            email__iexact=email.strip(),
        )
        if receives_referrals(person)
    ]
    return found[0] if len(found) == 1 else None


@dataclass
class ClientReferralAccess(ReferralAccess):
    """A referral as a partner system sees it, from the receiving side. `user` is the
    professional it acts for: the one it names, else the one who took the referral on;
    None when there is nobody, and then it answers nothing that needs a person."""

    client: object = None

    @property
    def is_assignee(self) -> bool:
        return self.user is not None and ReferralAccess.is_assignee.fget(self)

    @property
    def can_accept(self) -> bool:
        return self.user is not None and ReferralAccess.can_accept.fget(self)

    can_reject = can_accept


def client_received_referral(client, referral_id, *, acting_email: str | None = None) -> ClientReferralAccess:
    """A referral sent to the client's organisation, with the consented parts it may see
    (as `received_referral` gives the organisation's professionals); a 404 for anyone else.
    `acting_email`: the professional it names to accept or reject (`client_professional`)."""
    try:
        referral = (
            Referral.objects.select_related("plan__owner", "plan__wijk", "service", "organisation", "assigned_to")
            .filter(client_referral_filter(client))
            .get(pk=int(referral_id))
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        audit.note_denied(plan_id=f"referral {referral_id}")
        raise Http404 from None
    if acting_email is not None:
        acting = client_professional(client, acting_email)
    else:
        assignee = referral.assigned_to
        still_here = (
            assignee is not None and assignee.organisation_id == client.organisation_id and receives_referrals(assignee)
        )
        acting = assignee if still_here else None
    plan = referral.plan
    # The plan is read for the organisation, never for a person: `user` is the client.
    access = PlanAccess(plan=plan, user=client, is_owner=False, membership=None, levels=consented_levels(referral))
    if referral.is_open:
        audit.note_access(access)
    return ClientReferralAccess(referral=referral, user=acting, plan_access=access, as_receiver=True, client=client)


def client_sends_signals(client) -> bool:
    """A system of a partner that reports arrears (as `sends_signals` for its staff)."""
    return _client_with(client, "signals") and client.organisation.delivers_signals


def client_signal_filter(client) -> Q:
    """The partner's own signals (a filter on Signal), of which it sees only whether
    contact was made and help accepted, as on its page (`partner_signal_filter`)."""
    return Q(partner_id=client.organisation_id) if client_sends_signals(client) else Q(pk__in=[])


# Case conferences, consults and breakthrough requests (see the module's docstring).


def sees_plan_conferences(access: PlanAccess) -> bool:
    """Who sees a plan's conferences from the plan: the resident (or a representative for
    all parts), who consents, and the coordinator, who runs them."""
    return access.speaks_for_owner_fully or access.is_coordinator


def resident_side(plan: Plan) -> list[User]:
    """Who speaks for the resident in everything: the owner and every representative for
    all parts. They are asked to consent and told about the plan's conferences."""
    representatives = Membership.objects.filter(
        plan=plan, role=Membership.Role.REPRESENTATIVE, ended_at__isnull=True, user__isnull=False
    ).select_related("user")
    return [plan.owner] + [m.user for m in representatives if not m.represents]


def plan_coordinator(plan: Plan) -> User | None:
    """The plan's coordinator now, who runs its conferences."""
    membership = (
        Membership.objects.filter(plan=plan, role=Membership.Role.COORDINATOR, ended_at__isnull=True)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None and membership.user_id else None


def can_convene(access: PlanAccess) -> bool:
    return access.is_coordinator and access.is_open


def conference_levels(conference: Conference) -> dict[str, int]:
    """What the table may see of the plan right now: the consented parts, view only, while
    the conference is planned and the plan open. Closing the conference ends it."""
    if conference.status != Conference.Status.PLANNED or conference.consented_at is None:
        return {}
    if conference.plan.status == Plan.Status.CLOSED:
        return {}
    return {part: Level.VIEW for part in conference.consent_parts if part in Part.values}


@dataclass
class ConferenceAccess:
    """What one user may do with one conference. `table` is what they see of the plan
    through it (the consented parts); `own` their own access to the plan, if any."""

    conference: Conference
    user: User
    table: PlanAccess
    own: PlanAccess | None
    participant: Participant | None

    @property
    def is_resident_side(self) -> bool:
        return self.own is not None and self.own.speaks_for_owner_fully

    @property
    def runs(self) -> bool:
        """The plan's coordinator runs its conferences."""
        return self.own is not None and self.own.is_coordinator

    @property
    def on_behalf(self) -> bool:
        return self.own is not None and self.own.acts_on_behalf

    @property
    def _plan_open(self) -> bool:
        return self.conference.plan.status != Plan.Status.CLOSED

    @property
    def is_open(self) -> bool:
        return self.conference.is_open and self._plan_open

    @property
    def is_planned(self) -> bool:
        return self.conference.status == Conference.Status.PLANNED and self._plan_open

    @property
    def can_consent(self) -> bool:
        """Agree (or change who joins and what they see) while it has not ended."""
        return self.is_resident_side and self.is_open

    @property
    def can_decline(self) -> bool:
        return self.is_resident_side and self._plan_open and self.conference.status == Conference.Status.PROPOSED

    @property
    def can_propose_people(self) -> bool:
        return self.runs and self.is_open

    @property
    def can_add_agenda(self) -> bool:
        return self.is_open and (self.is_resident_side or self.runs or self.participant is not None)

    @property
    def can_write_minutes(self) -> bool:
        professional = self.participant is not None and self.participant.kind == Participant.Kind.PROFESSIONAL
        return self.is_planned and (self.runs or professional)

    @property
    def can_decide(self) -> bool:
        return self.is_planned and self.runs

    @property
    def can_close(self) -> bool:
        return self.is_planned and self.runs

    @property
    def can_cancel(self) -> bool:
        return self.is_open and self.runs

    @property
    def can_set_follow_up(self) -> bool:
        return (
            self.runs
            and self._plan_open
            and self.conference.status
            in (
                Conference.Status.PLANNED,
                Conference.Status.CLOSED,
            )
        )

    @property
    def can_respond(self) -> bool:
        """The resident confirms or comments on what was agreed."""
        return (
            self.is_resident_side
            and self._plan_open
            and self.conference.status in (Conference.Status.PLANNED, Conference.Status.CLOSED)
        )

    @property
    def can_file_breakthrough(self) -> bool:
        return self.is_planned and self.runs


def _approved_participant(conference: Conference, user: User) -> Participant | None:
    if not _may_see_plans(user):
        return None
    return (
        Participant.objects.filter(conference=conference, user=user, approved_at__isnull=False, removed_at__isnull=True)
        .select_related("organisation")
        .first()
    )


def conference_access(user: User, conference: Conference) -> ConferenceAccess | None:
    """The user's access to a conference that is already loaded (with its plan), or None.
    Participants see it only while it is planned; the resident side and the coordinator
    always."""
    if not _may_see_plans(user):
        return None
    plan = conference.plan
    own = access_for(user, plan)
    own_side = own is not None and sees_plan_conferences(own)
    participant = None
    if conference.status == Conference.Status.PLANNED and plan.status != Plan.Status.CLOSED:
        participant = _approved_participant(conference, user)
    if not own_side and participant is None:
        return None
    table = PlanAccess(
        plan=plan,
        user=user,
        is_owner=plan.owner_id == user.pk,
        membership=own.membership if own is not None else None,
        levels=conference_levels(conference),
    )
    return ConferenceAccess(
        conference=conference, user=user, table=table, own=own if own_side else None, participant=participant
    )


def conference_for(user: User, conference_id) -> ConferenceAccess:
    """A conference this user sees, with what they may do; a 404 for anyone else. The read
    is audited: the plan, the parts the page shows, and the conference."""
    conference = (
        Conference.objects.select_related("plan__owner", "plan__wijk", "convened_by")
        .filter(pk=_int_or_none(conference_id))
        .first()
    )
    ca = conference_access(user, conference) if conference is not None else None
    if ca is None:
        # The plan first, so the resident's access log shows the refusal too.
        if conference is not None:
            audit.note_denied(plan_id=conference.plan_id, plan=conference.plan)
        audit.note_denied_record("conference", conference_id)
        raise Http404
    audit.note_access(ca.table)
    audit.note_records("conference", [conference.pk])
    return ca


def plan_conference_filter(access: PlanAccess) -> Q:
    """The conferences listed on a plan's page (a filter on Conference)."""
    if not sees_plan_conferences(access):
        return Q(pk__in=[])
    return Q(plan=access.plan)


def keeps_conference_list(user: User) -> bool:
    """Who has a list of their own conferences: professionals and network members."""
    return _may_see_plans(user) and user.role in (User.Role.PROFESSIONAL, User.Role.NETWORK)


def may_ask_consult_from_plan(access: PlanAccess) -> bool:
    """A professional in the open plan may ask another organisation about a part of it."""
    return may_ask_consult(access.user) and access.membership is not None and access.is_open


def sees_plan_meetings_page(access: PlanAccess) -> bool:
    """The plan's page of meetings: its conferences, or for a professional member the way
    to ask another organisation."""
    return sees_plan_conferences(access) or may_ask_consult_from_plan(access)


def joined_conference_filter(user: User) -> Q:
    """The planned conferences this user was approved to join (a filter on Conference), for
    their own list of conferences; the plans they run come from `accessible_plans`."""
    if not _may_see_plans(user):
        return Q(pk__in=[])
    return Q(
        status=Conference.Status.PLANNED,
        plan__status__in=[s for s in Plan.Status.values if s != Plan.Status.CLOSED],
        participants__user=user,
        participants__approved_at__isnull=False,
        participants__removed_at__isnull=True,
    )


def may_join_conferences(user: User) -> bool:
    """Professionals the coordinator may propose to a conference."""
    return _may_see_plans(user) and user.role == User.Role.PROFESSIONAL


# Consults (the light version).


def may_ask_consult(user: User) -> bool:
    """A professional of an organisation asks another organisation."""
    return _may_see_plans(user) and user.role == User.Role.PROFESSIONAL and user.organisation_id is not None


def may_ask_consult_about(access: PlanAccess, part: str) -> bool:
    """A professional in the open plan who sees the part asks about it (the resident consents)."""
    return (
        may_ask_consult(access.user)
        and access.membership is not None
        and access.is_open
        and part in Part.values
        and part != Part.CONVERSATIONS
        and access.can_view(part)
    )


def consult_levels(consult: Consult) -> dict[str, int]:
    """What the asked organisation sees of the plan: the one consented part, view only,
    until it answers."""
    if consult.plan_id is None or consult.status != Consult.Status.OPEN or consult.consented_at is None:
        return {}
    if consult.plan.status == Plan.Status.CLOSED or consult.part not in Part.values:
        return {}
    return {consult.part: Level.VIEW}


@dataclass
class ConsultAccess:
    consult: Consult
    user: User
    # For a consult about a plan: what this user sees of it through the consult.
    table: PlanAccess | None
    side: str  # "asker", "receiver" or "resident"

    @property
    def can_answer(self) -> bool:
        return self.side == "receiver" and self.consult.status == Consult.Status.OPEN

    @property
    def can_cancel(self) -> bool:
        return self.side in ("asker", "resident") and self.consult.status in (
            Consult.Status.AWAITING_CONSENT,
            Consult.Status.OPEN,
        )

    @property
    def can_consent(self) -> bool:
        return (
            self.side == "resident"
            and self.consult.status == Consult.Status.AWAITING_CONSENT
            and self.consult.plan.status != Plan.Status.CLOSED
        )

    @property
    def sees_question(self) -> bool:
        """The receiving organisation reads a consult about a plan only once consented."""
        return self.side != "receiver" or self.consult.status != Consult.Status.AWAITING_CONSENT


def consult_inbox_filter(user: User) -> Q:
    """Consults to the user's organisation that may be read there (a filter on Consult)."""
    if not may_ask_consult(user):
        return Q(pk__in=[])
    # A consult about a plan reaches them only once the resident said yes (never if she said no).
    return (
        Q(to_organisation_id=user.organisation_id)
        & ~Q(status=Consult.Status.AWAITING_CONSENT)
        & ~Q(plan__isnull=False, consented_at__isnull=True)
    )


def asked_consult_filter(user: User) -> Q:
    """The consults this user asked (a filter on Consult)."""
    if not _may_see_plans(user):
        return Q(pk__in=[])
    return Q(asked_by=user)


def _consult_table(consult: Consult, user: User) -> PlanAccess | None:
    if consult.plan_id is None:
        return None
    return PlanAccess(
        plan=consult.plan,
        user=user,
        is_owner=consult.plan.owner_id == user.pk,
        membership=None,
        levels=consult_levels(consult),
    )


def consult_for(user: User, consult_id) -> ConsultAccess:
    """A consult the user asked or that reached their organisation; a 404 otherwise."""
    consult = (
        Consult.objects.select_related("plan__owner", "plan__wijk", "asked_by", "from_organisation", "to_organisation")
        .filter(asked_consult_filter(user) | consult_inbox_filter(user))
        .filter(pk=_int_or_none(consult_id))
        .first()
    )
    if consult is None:
        audit.note_denied_record("consult", consult_id)
        raise Http404
    side = "asker" if consult.asked_by_id == user.pk else "receiver"
    table = None
    if side == "receiver" and consult.plan_id is not None:
        # The one consented part, while the consult waits for the answer.
        table = _consult_table(consult, user)
        if table.can_view(consult.part):
            table.touched.add(consult.part)
        audit.note_access(table)
    elif consult.plan_id is not None:
        audit.note_plan(consult.plan)
    audit.note_records("consult", [consult.pk])
    return ConsultAccess(consult=consult, user=user, table=table, side=side)


def plan_consult(access: PlanAccess, consult_id) -> ConsultAccess:
    """A consult about this plan, as the resident (or a full representative) sees it."""
    if not access.speaks_for_owner_fully:
        raise Http404
    consult = (
        Consult.objects.select_related("asked_by", "from_organisation", "to_organisation")
        .filter(plan=access.plan, pk=_int_or_none(consult_id))
        .first()
    )
    if consult is None:
        audit.note_denied_record("consult", consult_id)
        raise Http404
    consult.plan = access.plan
    audit.note_records("consult", [consult.pk])
    return ConsultAccess(consult=consult, user=access.user, table=access, side="resident")


def plan_consult_filter(access: PlanAccess) -> Q:
    """The consults about a plan the resident side sees (a filter on Consult)."""
    return Q(plan=access.plan) if access.speaks_for_owner_fully else Q(pk__in=[])


# Breakthrough requests.


def handles_breakthroughs(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active and user.role == User.Role.BREAKTHROUGH_OFFICER


def breakthrough_queue_filter(user) -> Q:
    """Every breakthrough request, for the breakthrough officer (a filter on BreakthroughRequest)."""
    return Q() if handles_breakthroughs(user) else Q(pk__in=[])


def officer_breakthrough(user, breakthrough_id) -> BreakthroughRequest:
    """A breakthrough request for the officer to read and decide; a 404 for anyone else.
    The officer reads the request and who it is about, never the plan."""
    request = (
        BreakthroughRequest.objects.select_related("plan__owner", "plan__wijk", "filed_by", "conference")
        .filter(breakthrough_queue_filter(user))
        .filter(pk=_int_or_none(breakthrough_id))
        .first()
    )
    if request is None:
        audit.note_denied_record("breakthrough", breakthrough_id)
        raise Http404
    audit.note_plan(request.plan)
    audit.note_records("breakthrough", [request.pk])
    return request


# Insights: the municipality's figures.


def sees_insights(user) -> bool:
    """The insights pages (figures about many people, suppressed, never a plan): the policy
    analyst's. A resident sees the figures about themselves on their own plan instead.
    On the API also a partner system given the `insights` scope (the municipality's own
    reporting, say): the same suppressed figures, nothing more."""
    if getattr(user, "is_api_client", False):
        return user.has_scope("insights")
    return getattr(user, "is_authenticated", False) and user.is_active and user.role == User.Role.ANALYST


# "Mijn gegevens": what Samenplan holds about a person, and requests to correct it.
# It is always about the person logged in (request.user), whatever their role; nobody
# else opens it, and no id in a URL points at another person. A legal representative
# uses the rights for the resident through the plan itself (the download and "who looked
# at my plan"), not through "Mijn gegevens", which holds the representative's own data.


def sees_own_data(user) -> bool:
    """Whether "Mijn gegevens" opens: for every active person who is logged in, about themselves."""
    return getattr(user, "is_authenticated", False) and user.is_active


def correctable_plans(user):
    """The plans the person may ask a correction in: their own plans that have a
    coordinator, who answers (a queryset of Plan)."""
    if not sees_own_data(user):
        return Plan.objects.none()
    return (
        Plan.objects.filter(owner=user)
        .filter(
            memberships__role=Membership.Role.COORDINATOR,
            memberships__ended_at__isnull=True,
            memberships__user__isnull=False,
        )
        .distinct()
    )


def answers_corrections(user) -> bool:
    """Professionals may coordinate plans, and so have a list of requests to answer."""
    return _may_see_plans(user) and user.role == User.Role.PROFESSIONAL


def correction_queue_filter(user) -> Q:
    """The correction requests this person answers: those about plans they coordinate now
    (a filter on CorrectionRequest)."""
    if not answers_corrections(user):
        return Q(pk__in=[])
    coordinated = Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR, ended_at__isnull=True)
    return Q(plan_id__in=coordinated.values("plan_id"))


def correction_to_answer(user, correction_id) -> CorrectionRequest:
    """A correction request for the plan's coordinator to read and answer; a 404 for anyone else."""
    correction = (
        CorrectionRequest.objects.select_related("plan__owner", "plan__wijk", "requester", "answered_by")
        .filter(correction_queue_filter(user))
        .filter(pk=_int_or_none(correction_id))
        .first()
    )
    if correction is None:
        audit.note_denied_record("correction", correction_id)
        raise Http404
    audit.note_subject(correction.requester)
    audit.note_records("correction", [correction.pk])
    return correction


# The city programme (see docs/learning.md): a municipality's goals and actions, not a plan.
# The programme coordinator manages their municipality's programme (goals, actions, the
# decisions on requests). Professionals and organisation admins of any organisation read the
# actions with their work groups (staff names, for staff only), ask to join or propose an
# action, and post progress updates on actions their organisation leads or works on. The
# public page shows goals, actions, lead organisations, status and dates: no person's name.


def coordinates_programme(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active and user.role == User.Role.PROGRAMME_COORDINATOR


def takes_part_in_programme(user) -> bool:
    """Staff of an organisation: they join actions, propose them and report progress."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in STAFF_ROLES
        and user.organisation_id is not None
    )


def sees_programme_work(user) -> bool:
    """The internal pages of the programme (who does what, with names of staff)."""
    return coordinates_programme(user) or takes_part_in_programme(user)


def programme_municipality_id(user) -> int:
    """The municipality whose programme this person works on: their organisation's, or the
    installation's for an account without one (the coordinator at the municipality)."""
    if user.organisation_id is not None:
        return user.organisation.municipality_id
    from samenplan.accounts.models import Municipality

    return Municipality.objects.deployment().pk


def programme_action(user, action_id) -> Action:
    """An action with its work group for the internal page; a 404 for anyone but staff of
    the programme's municipality."""
    action = None
    if sees_programme_work(user):
        action = (
            Action.objects.select_related("goal__programme", "lead")
            .filter(goal__programme__municipality_id=programme_municipality_id(user))
            .filter(pk=_int_or_none(action_id))
            .first()
        )
    if action is None:
        audit.note_denied_record("programme_action", action_id)
        raise Http404
    return action


def programme_action_organisation_ids(action: Action) -> set[int]:
    """The lead and every organisation in the work group."""
    ids = set(action.work_group.values_list("organisation_id", flat=True))
    ids.add(action.lead_id)
    return ids


def may_update_action(user, action: Action) -> bool:
    """Post a progress update: the coordinator, or staff of the lead or a work-group organisation."""
    if coordinates_programme(user):
        return True
    return takes_part_in_programme(user) and user.organisation_id in programme_action_organisation_ids(action)


def may_ask_to_join(user, action: Action) -> bool:
    """Staff of an organisation not yet in the action, while it still runs."""
    return (
        takes_part_in_programme(user)
        and action.status in (Action.Status.PLANNED, Action.Status.RUNNING)
        and user.organisation_id not in programme_action_organisation_ids(action)
    )


def programme_request_filter(user) -> Q:
    """The requests the coordinator decides: those of their municipality (a filter on JoinRequest)."""
    if not coordinates_programme(user):
        return Q(pk__in=[])
    return Q(municipality_id=programme_municipality_id(user))


def programme_request_to_decide(user, request_id) -> JoinRequest:
    """A pending request for the coordinator to accept or decline; a 404 for anyone else."""
    join_request = (
        JoinRequest.objects.select_related("organisation", "requested_by", "action", "goal")
        .filter(programme_request_filter(user), status=JoinRequest.Status.PENDING)
        .filter(pk=_int_or_none(request_id))
        .first()
    )
    if join_request is None:
        audit.note_denied_record("programme_request", request_id)
        raise Http404
    return join_request


def programme_goal_to_manage(user, goal_id) -> Goal:
    """A goal of the coordinator's municipality's programme, to link figures to; 404 otherwise."""
    goal = None
    if coordinates_programme(user):
        goal = (
            Goal.objects.select_related("programme")
            .filter(programme__municipality_id=programme_municipality_id(user), pk=_int_or_none(goal_id))
            .first()
        )
    if goal is None:
        audit.note_denied_record("programme_goal", goal_id)
        raise Http404
    return goal


def programme_coordinator_or_404(user, record: str) -> None:
    """Pages that create something in the programme: the coordinator only; a 404 (and a
    denied note) for anyone else."""
    if not coordinates_programme(user):
        audit.note_denied_record(record, "new")
        raise Http404


def programme_to_manage(user) -> Programme:
    """The coordinator's municipality's programme, to add goals to; 404 for anyone else or
    when there is none yet."""
    programme = None
    if coordinates_programme(user):
        programme = Programme.objects.filter(municipality_id=programme_municipality_id(user)).first()
    if programme is None:
        audit.note_denied_record("programme", "current")
        raise Http404
    return programme


def programme_action_to_manage(user, action_id) -> Action:
    """An action of the coordinator's municipality's programme, to edit; 404 otherwise."""
    action = None
    if coordinates_programme(user):
        action = (
            Action.objects.select_related("goal__programme", "lead")
            .filter(goal__programme__municipality_id=programme_municipality_id(user), pk=_int_or_none(action_id))
            .first()
        )
    if action is None:
        audit.note_denied_record("programme_action", action_id)
        raise Http404
    return action


def programme_member_to_remove(user, action: Action, member_id) -> WorkGroupMember:
    """A work-group member of an action the coordinator manages; 404 otherwise."""
    member = None
    if coordinates_programme(user):
        member = WorkGroupMember.objects.filter(action=action, pk=_int_or_none(member_id)).first()
    if member is None:
        audit.note_denied_record("programme_member", member_id)
        raise Http404
    return member


def programme_organisation_filter(user) -> Q:
    """The organisations the coordinator may choose as lead or work group: those of their
    municipality (a filter on Organisation)."""
    if not coordinates_programme(user):
        return Q(pk__in=[])
    return Q(municipality_id=programme_municipality_id(user))


# Buddy network (see docs/learning.md): volunteers and buddy requests are personal data
# outside any plan. A volunteer organisation's coordinator (a professional of an organisation
# of kind "volunteer") sees the volunteers who signed up with it and the requests of the
# wijken it serves, once the resident agreed; of the resident only what the request carries
# (first name, wijk, languages, interests, note), never the plan. The resident (or a
# representative for all parts) asks for a buddy, says yes or no to a proposed one and sees
# everything about her request and match; a professional in the plan with the network part
# may ask on her behalf, which waits for her yes. The buddy joins the plan as a network
# member with no grants, and sees its match and check-ins on the buddy pages.


def coordinates_volunteers(user) -> bool:
    """The volunteer coordinator: a professional of a volunteer organisation."""
    return (
        _may_see_plans(user)
        and user.role == User.Role.PROFESSIONAL
        and user.organisation_id is not None
        and user.organisation.kind == Organisation.Kind.VOLUNTEER
    )


def volunteer_filter(user) -> Q:
    """The volunteers of the coordinator's own organisation (a filter on Volunteer)."""
    return Q(organisation_id=user.organisation_id) if coordinates_volunteers(user) else Q(pk__in=[])


def buddy_request_filter(user) -> Q:
    """The requests the coordinator matches: agreed by the resident, in a wijk the
    coordinator's organisation serves (a filter on BuddyRequest)."""
    if not coordinates_volunteers(user):
        return Q(pk__in=[])
    wijk_ids = Organisation.wijken.through.objects.filter(organisation_id=user.organisation_id).values("wijk_id")
    return Q(wijk_id__in=wijk_ids) & ~Q(status=BuddyRequest.Status.CONSENT)


def coordinated_volunteer(user, volunteer_id) -> Volunteer:
    """A volunteer of the coordinator's organisation; a 404 for anyone else."""
    queryset = Volunteer.objects.select_related("wijk", "user").filter(volunteer_filter(user))
    return _record_or_404(queryset, volunteer_id, "volunteer")


def coordinated_buddy_request(user, request_id) -> BuddyRequest:
    """A buddy request for the coordinator to match; a 404 for anyone else."""
    queryset = BuddyRequest.objects.select_related("plan__owner", "wijk").filter(buddy_request_filter(user))
    return _record_or_404(queryset, request_id, "buddy_request")


@dataclass
class BuddyMatchAccess:
    """A match as the volunteer coordinator or the buddy sees it: never the plan."""

    match: Match
    user: User
    as_coordinator: bool

    @property
    def can_check_in(self) -> bool:
        return self.match.is_running

    @property
    def can_end(self) -> bool:
        return self.match.is_running


def buddy_match_filter(user) -> Q:
    """The matches the coordinator's organisation made, or the buddy's own accepted ones."""
    if coordinates_volunteers(user):
        return Q(volunteer__organisation_id=user.organisation_id)
    if _may_see_plans(user):
        return Q(volunteer__user=user, accepted_at__isnull=False)
    return Q(pk__in=[])


def buddy_match_for(user, match_id) -> BuddyMatchAccess:
    """A match for its coordinator or its buddy; a 404 for anyone else."""
    queryset = Match.objects.select_related("request__plan__owner", "request__wijk", "volunteer__user").filter(
        buddy_match_filter(user)
    )
    match = _record_or_404(queryset, match_id, "buddy_match")
    return BuddyMatchAccess(match=match, user=user, as_coordinator=coordinates_volunteers(user))


def decides_buddy(access: PlanAccess) -> bool:
    """Ask for a buddy, agree to a professional's request, say yes or no to a proposed
    buddy, end the match: the resident, or a representative for all parts."""
    return access.speaks_for_owner_fully and access.is_open


def may_request_buddy(access: PlanAccess) -> bool:
    """The resident, or a professional in the plan who may add to her network (the
    request then waits for her yes)."""
    if not access.is_open:
        return False
    if access.speaks_for_owner_fully:
        return True
    return (
        access.membership is not None
        and access.user.role == User.Role.PROFESSIONAL
        and access.can_contribute(Part.NETWORK)
    )


def sees_plan_buddy(access: PlanAccess) -> bool:
    """The plan's buddy page: the resident side always (a closed plan's history too); a
    professional who may ask for one sees only whether a request is running."""
    return access.speaks_for_owner_fully or may_request_buddy(access)


def plan_buddy_match(access: PlanAccess, match_id) -> Match:
    """A match of this plan for the resident to answer or end; a 404 otherwise."""
    if not decides_buddy(access):
        raise Http404
    match = (
        Match.objects.select_related("request", "volunteer__user")
        .filter(request__plan=access.plan, pk=_int_or_none(match_id))
        .first()
    )
    if match is None:
        audit.note_denied_record("buddy_match", match_id)
        raise Http404
    audit.note_records("buddy_match", [match.pk])
    return match


def buddy_question(user, question_id) -> CaseAccess:
    """A hub question for the wijk team member who handles it (took it on, also after it
    closed), to ask a buddy from; a 404 for anyone else, colleagues in the team included."""
    queue = question_queue_filter(user) & Q(owner=getattr(user, "pk", None))
    question = _team_case(Question, "question", queue, question_id, ("wijk", "owner", "plan__owner"))
    return CaseAccess(case=question, user=user)


def may_request_buddy_from_question(access: CaseAccess) -> bool:
    """The one who handles a hub question asks a buddy for the plan it led to, while that
    plan is not closed; like a professional's request it waits for the resident's yes."""
    question = access.case
    return (
        isinstance(question, Question)
        and access.is_owner
        and question.wijk_id in team_wijk_ids(access.user)
        and question.plan_id is not None
        and question.plan.status != Plan.Status.CLOSED
    )


# Mystery guests (see docs/learning.md): touchpoints of organisations, reports by guests who
# tried them, the organisations' responses. About services, never about a resident or a
# plan; the guest is the person in it. The programme coordinator chooses the guests and
# reads every report of their municipality and the findings; a guest files reports and reads
# their own; an organisation admin lists their organisation's touchpoints and reads and
# answers the reports about them, seeing the kind of guest, never who. Anyone else: a 404.
# Uses `coordinates_programme` and `programme_municipality_id` from the programme's block.

# The accounts that may be a mystery guest: people, not configuration or aggregate roles.
MYSTERY_GUEST_ROLES = (User.Role.PROFESSIONAL, User.Role.NETWORK, User.Role.RESIDENT)


def mystery_guest_for(user) -> MysteryGuest | None:
    """The guest record of this account, while it is active; None for everyone else."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.role in MYSTERY_GUEST_ROLES):
        return None
    return MysteryGuest.objects.filter(user=user).first()


def mystery_manages_touchpoints(user) -> bool:
    """The coordinator (every organisation of the municipality) or an organisation admin (their own)."""
    return coordinates_programme(user) or can_manage_organisation(
        user, user.organisation if user.organisation_id else None
    )


def mystery_touchpoint_filter(user) -> Q:
    """The touchpoints this person manages (a filter on Touchpoint)."""
    if coordinates_programme(user):
        return Q(organisation__municipality_id=programme_municipality_id(user))
    if getattr(user, "is_authenticated", False) and user.is_active and user.role == User.Role.ORG_ADMIN:
        return Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return Q(pk__in=[])


def mystery_organisation_filter(user) -> Q:
    """The organisations this person may list touchpoints for (a filter on Organisation)."""
    if coordinates_programme(user):
        return Q(municipality_id=programme_municipality_id(user))
    if mystery_manages_touchpoints(user):
        return Q(pk=user.organisation_id)
    return Q(pk__in=[])


def mystery_report_filter(user) -> Q:
    """The reports this person may read (a filter on Report): the guest's own, their
    organisation's for an organisation admin, the municipality's for the coordinator."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Q(pk__in=[])
    if coordinates_programme(user):
        return Q(touchpoint__organisation__municipality_id=programme_municipality_id(user))
    if user.role == User.Role.ORG_ADMIN:
        return Q(touchpoint__organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    if user.role in MYSTERY_GUEST_ROLES:
        return Q(filed_by=user)
    return Q(pk__in=[])


def mystery_sees_reports(user) -> bool:
    """Whether the reports page opens: for guests, organisation admins and the coordinator."""
    return (
        coordinates_programme(user)
        or mystery_manages_touchpoints(user)
        or mystery_guest_for(user) is not None
        or (getattr(user, "is_authenticated", False) and Report.objects.filter(filed_by=user.pk).exists())
    )


def mystery_report_for(user, report_id) -> Report:
    """One report this person may read; a 404 for anyone else. The read is audited."""
    queryset = Report.objects.select_related("touchpoint__organisation").filter(mystery_report_filter(user))
    return _record_or_404(queryset, report_id, "mystery_report")


def mystery_may_respond(user, report: Report) -> bool:
    """Only an admin of the organisation the report is about answers it."""
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == User.Role.ORG_ADMIN
        and user.organisation_id == report.touchpoint.organisation_id
    )


def mystery_sees_guest_names(user) -> bool:
    """Who wrote a report: the coordinator, who chose the guests. An organisation sees the kind only."""
    return coordinates_programme(user)


# Learning sessions (see docs/learning.md). A professional in a plan proposes it as a case;
# only the resident (or a representative for all parts) says yes, choosing the parts, and
# may withdraw at any time. The proposer reviews the pseudonymised snapshot and shares it;
# a session (its organiser and the professionals invited) sees only that snapshot, never
# the plan and never a name. Analysts and the programme coordinator see no session.


def may_propose_case(access: PlanAccess) -> bool:
    """A professional working in the plan (not a representative), who sees a part that can
    go into a case, while the plan is open."""
    from samenplan.learning.models import CASE_PARTS

    return (
        access.is_open
        and access.membership is not None
        and access.user.role == User.Role.PROFESSIONAL
        and access.membership.role in (Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL)
        and any(access.can_view(part) and part not in access.emergency_parts for part in CASE_PARTS)
    )


def decides_on_cases(access: PlanAccess) -> bool:
    """Whether the plan goes into a learning session, with which parts, and withdrawing it:
    the resident, or a representative for all parts."""
    return access.speaks_for_owner_fully


def sees_plan_cases(access: PlanAccess) -> bool:
    """The plan's page of learning cases: who decides, and the professionals who may propose."""
    return decides_on_cases(access) or may_propose_case(access)


def plan_case_filter(access: PlanAccess) -> Q:
    """The plan's cases this user sees on that page: all for the resident side, their own
    proposals for a professional (a filter on learning.Case)."""
    if decides_on_cases(access):
        return Q(plan=access.plan)
    if may_propose_case(access):
        return Q(plan=access.plan, proposed_by=access.user)
    return Q(pk__in=[])


def takes_part_in_learning(user) -> bool:
    """Professionals organise and join learning sessions; nobody else."""
    return _may_see_plans(user) and user.role == User.Role.PROFESSIONAL


def learning_session_filter(user) -> Q:
    """The sessions this user organises or was invited to (a filter on learning.Session)."""
    if not takes_part_in_learning(user):
        return Q(pk__in=[])
    return Q(organiser=user) | Q(participants=user)


def sees_learning_session(user, session) -> bool:
    if not takes_part_in_learning(user):
        return False
    return session.organiser_id == user.pk or session.participants.filter(pk=user.pk).exists()


def learning_session_for(user, session_id):
    """A learning session for its organiser and participants; a 404 for anyone else."""
    from samenplan.learning.models import Session

    session = Session.objects.select_related("organiser__organisation").filter(pk=_int_or_none(session_id)).first()
    if session is None or not sees_learning_session(user, session):
        audit.note_denied_record("learning_session", session_id)
        raise Http404
    audit.note_records("learning_session", [session.pk])
    return session


def shared_case_filter() -> Q:
    """The cases a session may show: shared, and not withdrawn since (a filter on learning.Case)."""
    from samenplan.learning.models import Case

    return Q(status=Case.Status.SHARED)


def proposer_case(user, case_id):
    """A case for its proposer to review and share, with the proposer's access to the plan
    (through which the snapshot is read); a 404 for anyone else, and once the proposer no
    longer may propose from the plan."""
    from samenplan.learning.models import Case

    case = (
        Case.objects.select_related("plan__owner", "plan__wijk")
        .filter(pk=_int_or_none(case_id), proposed_by=getattr(user, "pk", None))
        .filter(status__in=[Case.Status.CONSENTED, Case.Status.SHARED])
        .first()
    )
    access = access_for(user, case.plan) if case is not None else None
    if access is None or not may_propose_case(access):
        audit.note_denied_record("learning_case", case_id)
        raise Http404
    audit.note_access(access)
    audit.note_records("learning_case", [case.pk])
    return case, access


def may_add_case_to_session(user, case, session) -> bool:
    """The proposer brings their own shared case into a session they take part in."""
    return case.proposed_by_id == user.pk and case.status == case.Status.SHARED and sees_learning_session(user, session)


def officer_learning_proposal(user, proposal_id):
    """A learning-session proposal for the breakthrough officer to decide, like a
    breakthrough request: only proposals sent to her and not decided yet; a 404 (and a
    denied note) for anyone else, and for a proposal already decided. No plan is read."""
    from samenplan.learning.models import Proposal

    proposal = None
    if handles_breakthroughs(user):
        proposal = (
            Proposal.objects.select_related("session")
            .filter(
                pk=_int_or_none(proposal_id),
                destination=Proposal.Destination.BREAKTHROUGH,
                status=Proposal.Status.SENT,
                decision="",
            )
            .first()
        )
    if proposal is None:
        audit.note_denied_record("learning_proposal", proposal_id)
        raise Http404
    audit.note_records("learning_proposal", [proposal.pk])
    return proposal
