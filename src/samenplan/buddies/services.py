"""Changes in the buddy network. Each asks the policy first and tells the audit log what it
did; who joins a plan goes through `sharing.services`, never around it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.accounts.services import password_link_send, username_make
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import BuddyMatchAccess, CaseAccess, PlanAccess
from samenplan.sharing.services import membership_create, membership_end, membership_role_ended

from .models import BuddyRequest, CheckIn, Match, Volunteer


def volunteer_sign_up(*, organisation: Organisation, **fields) -> Volunteer:
    """Someone signs up as a buddy on the public form; the coordinator approves later."""
    if organisation.kind != Organisation.Kind.VOLUNTEER:
        raise ValueError("Volunteers sign up with a volunteer organisation.")
    volunteer = Volunteer.objects.create(organisation=organisation, **fields)
    audit.note_action(AuditEntry.Action.CREATE)
    audit.note_records("volunteer", [volunteer.pk])
    return volunteer


def _account_for(volunteer: Volunteer) -> User:
    """The volunteer's account: the one with their email address, or a new network account
    with a link to choose a password (nobody else sets it)."""
    existing = User.objects.filter(email__iexact=volunteer.email).first()
    if existing is not None:
        return existing
    user = User(
        username=username_make(first_name=volunteer.first_name, last_name=volunteer.last_name),
        first_name=volunteer.first_name,
        last_name=volunteer.last_name,
        email=volunteer.email,
        phone=volunteer.phone,
        role=User.Role.NETWORK,
    )
    user.set_unusable_password()
    user.save()
    password_link_send(user=user, welcome=True)
    return user


@transaction.atomic
def volunteer_decide(*, user: User, volunteer: Volunteer, approve: bool) -> None:
    """The coordinator approves (the volunteer gets an account) or declines a sign-up."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if volunteer.status != Volunteer.Status.PENDING or not policy.coordinates_volunteers(user):
        raise Http404
    if approve:
        volunteer.user = _account_for(volunteer)
        volunteer.status = Volunteer.Status.APPROVED
    else:
        volunteer.status = Volunteer.Status.DECLINED
    volunteer.decided_at, volunteer.decided_by = timezone.now(), user
    volunteer.save(update_fields=["user", "status", "decided_at", "decided_by"])


def buddy_request_create(*, access: PlanAccess, wijk, languages, interests, availability, note: str) -> BuddyRequest:
    """Ask for a buddy from the plan. The resident's request goes straight to the volunteer
    coordinator; a professional's waits for her yes."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not policy.may_request_buddy(access):
        raise Http404
    by_resident = policy.decides_buddy(access)
    now = timezone.now()
    buddy_request = BuddyRequest.objects.create(
        plan=access.plan,
        requested_by=access.user,
        source=BuddyRequest.Source.RESIDENT if by_resident else BuddyRequest.Source.PROFESSIONAL,
        wijk=wijk,
        languages=languages,
        interests=interests,
        availability=availability,
        note=note,
        status=BuddyRequest.Status.OPEN if by_resident else BuddyRequest.Status.CONSENT,
        consented_at=now if by_resident else None,
    )
    audit.note_records("buddy_request", [buddy_request.pk])
    return buddy_request


@transaction.atomic
def buddy_request_from_question(
    *, access: CaseAccess, wijk, languages, interests, availability, note: str
) -> BuddyRequest:
    """The wijk team member who handles a hub question asks a buddy for the plan it led to.
    Like a professional's request it waits for the resident's yes; her buddy page names the
    question it came from."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not policy.may_request_buddy_from_question(access):
        raise Http404
    question = access.case
    plan = question.plan
    # One open request per plan: a running one is not replaced.
    if BuddyRequest.objects.select_for_update().filter(plan=plan, closed_at__isnull=True).exists():
        raise Http404
    buddy_request = BuddyRequest.objects.create(
        plan=plan,
        requested_by=access.user,
        source=BuddyRequest.Source.HUB,
        question=question,
        wijk=wijk,
        languages=languages,
        interests=interests,
        availability=availability,
        note=note,
        status=BuddyRequest.Status.CONSENT,
    )
    audit.note_plan(plan)
    audit.note_records("question", [question.pk])
    audit.note_records("buddy_request", [buddy_request.pk])
    return buddy_request


def buddy_request_consent(*, access: PlanAccess, buddy_request: BuddyRequest, agree: bool) -> None:
    """The resident says yes (the request goes to the coordinator) or no (it closes)."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not policy.decides_buddy(access) or buddy_request.plan_id != access.plan.pk:
        raise Http404
    if buddy_request.status != BuddyRequest.Status.CONSENT:
        raise Http404
    now = timezone.now()
    if agree:
        buddy_request.status, buddy_request.consented_at = BuddyRequest.Status.OPEN, now
    else:
        buddy_request.status, buddy_request.closed_at = BuddyRequest.Status.CLOSED, now
    buddy_request.save(update_fields=["status", "consented_at", "closed_at"])
    audit.note_records("buddy_request", [buddy_request.pk])


def buddy_request_cancel(*, access: PlanAccess, buddy_request: BuddyRequest) -> None:
    """The resident no longer wants a buddy (no match running)."""
    audit.note_action(AuditEntry.Action.UPDATE)
    if not policy.decides_buddy(access) or buddy_request.plan_id != access.plan.pk:
        raise Http404
    if buddy_request.status == BuddyRequest.Status.MATCHED or buddy_request.closed_at:
        raise Http404
    now = timezone.now()
    buddy_request.matches.filter(accepted_at__isnull=True, declined_at__isnull=True).update(declined_at=now)
    buddy_request.status, buddy_request.closed_at = BuddyRequest.Status.CLOSED, now
    buddy_request.save(update_fields=["status", "closed_at"])
    audit.note_records("buddy_request", [buddy_request.pk])


@transaction.atomic
def match_propose(*, user: User, buddy_request: BuddyRequest, volunteer: Volunteer) -> Match:
    """The coordinator proposes one volunteer; the resident decides."""
    audit.note_action(AuditEntry.Action.CREATE)
    if buddy_request.status != BuddyRequest.Status.OPEN or volunteer.status != Volunteer.Status.APPROVED:
        raise Http404
    match = Match.objects.create(request=buddy_request, volunteer=volunteer, proposed_by=user)
    buddy_request.status = BuddyRequest.Status.PROPOSED
    buddy_request.save(update_fields=["status"])
    audit.note_records("buddy_match", [match.pk])
    return match


@transaction.atomic
def match_answer(*, access: PlanAccess, match: Match, accept: bool) -> None:
    """The resident says yes: the buddy joins her network with no grants (she gives them on
    the sharing page). Or no: the coordinator looks again."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not policy.decides_buddy(access) or not match.is_proposed or match.request.plan_id != access.plan.pk:
        raise Http404
    buddy_request = match.request
    today = timezone.localdate()
    if accept:
        buddy = match.volunteer.user
        membership = Membership.objects.filter(plan=access.plan, user=buddy, ended_at__isnull=True).first()
        if membership is None:
            membership = membership_create(
                plan=access.plan,
                user=buddy,
                role=Membership.Role.NETWORK,
                relation=Membership.Relation.BUDDY,
                added_by=access.user,
                organisation_name=match.volunteer.organisation.name,
            )
        match.accepted_at, match.started_on, match.membership = timezone.now(), today, membership
        buddy_request.status = BuddyRequest.Status.MATCHED
    else:
        match.declined_at = timezone.now()
        buddy_request.status = BuddyRequest.Status.OPEN
    match.save(update_fields=["accepted_at", "declined_at", "started_on", "membership"])
    buddy_request.save(update_fields=["status"])
    audit.note_records("buddy_match", [match.pk])


def check_in_add(*, ma: BuddyMatchAccess, on: date, note: str) -> CheckIn:
    """The buddy or the coordinator notes how the match is going."""
    audit.note_action(AuditEntry.Action.CREATE)
    if not ma.can_check_in:
        raise Http404
    return CheckIn.objects.create(match=ma.match, date=on, note=note, by=ma.user)


@transaction.atomic
def match_end(*, match: Match, by: User, reason: str, access: PlanAccess | None = None) -> None:
    """End a running match: the buddy leaves the resident's network at once (their grants go
    with them) and the request closes. By the resident (through `membership_end`), the
    coordinator or the buddy."""
    audit.note_action(AuditEntry.Action.SHARE)
    if not match.is_running:
        raise Http404
    membership = Membership.objects.filter(pk=match.membership_id, ended_at__isnull=True).first()
    if membership is not None:
        if access is not None:
            membership_end(access=access, membership=membership)
        else:
            # Not the resident's choice of who sees what, but the end of the buddy's role.
            membership_role_ended(membership=membership, by=by)
    today = timezone.localdate()
    match.ended_on, match.end_reason = today, reason
    match.save(update_fields=["ended_on", "end_reason"])
    BuddyRequest.objects.filter(pk=match.request_id).update(status=BuddyRequest.Status.CLOSED, closed_at=timezone.now())
    audit.note_records("buddy_match", [match.pk])
