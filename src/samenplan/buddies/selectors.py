"""Reads of the buddy network. Each asks the policy (`sharing/policy.py`, "Buddy network")
which rows the viewer may see, and reports what it showed to the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from samenplan.audit import context as audit
from samenplan.sharing import policy
from samenplan.sharing.models import Membership
from samenplan.sharing.policy import PlanAccess

from .models import BuddyRequest, Match, Volunteer
from .ranking import Suggestion, rank, wish_of


@dataclass
class Overview:
    pending: list[Volunteer]
    approved_count: int
    requests: list[BuddyRequest]
    matches: list[Match]


def coordinator_overview(*, user) -> Overview:
    """The volunteer coordinator's page: who waits for approval, which requests wait for a
    match, which matches run. A fixed number of queries."""
    volunteers = Volunteer.objects.filter(policy.volunteer_filter(user))
    pending = list(volunteers.filter(status=Volunteer.Status.PENDING).select_related("wijk"))
    approved_count = volunteers.filter(status=Volunteer.Status.APPROVED).count()
    requests = list(
        BuddyRequest.objects.filter(policy.buddy_request_filter(user))
        .filter(status__in=[BuddyRequest.Status.OPEN, BuddyRequest.Status.PROPOSED])
        .select_related("plan__owner", "wijk")
    )
    matches = list(
        Match.objects.filter(policy.buddy_match_filter(user), accepted_at__isnull=False, ended_on__isnull=True)
        .select_related("request__plan__owner", "volunteer")
        .annotate(check_in_count=Count("check_ins"))
    )
    audit.note_records("volunteer", [v.pk for v in pending])
    audit.note_records("buddy_request", [r.pk for r in requests])
    audit.note_records("buddy_match", [m.pk for m in matches])
    return Overview(pending=pending, approved_count=approved_count, requests=requests, matches=matches)


def my_buddy_matches(*, user) -> list[Match]:
    """The buddy's own matches (running first)."""
    matches = list(
        Match.objects.filter(policy.buddy_match_filter(user), volunteer__user=user).select_related(
            "request__plan__owner", "volunteer__organisation"
        )
    )
    matches.sort(key=lambda m: (m.ended_on is not None, -m.pk))
    audit.note_records("buddy_match", [m.pk for m in matches])
    return matches


def is_buddy(*, user) -> bool:
    """An approved volunteer who may be let into plans (a buddy's own pages)."""
    if policy.buddy_match_filter(user) == Q(pk__in=[]):
        return False
    return Volunteer.objects.filter(user=user, status=Volunteer.Status.APPROVED).exists()


def suggestions(*, buddy_request: BuddyRequest) -> list[Suggestion]:
    """Approved volunteers of the organisations serving the wijk, ranked for the request;
    not those already proposed or matched elsewhere, declined for this request, or already
    in the resident's network."""
    busy = Match.objects.filter(
        Q(accepted_at__isnull=True, declined_at__isnull=True) | Q(accepted_at__isnull=False, ended_on__isnull=True)
    ).values("volunteer_id")
    declined = Match.objects.filter(request=buddy_request).values("volunteer_id")
    members = Membership.objects.filter(plan=buddy_request.plan_id, ended_at__isnull=True, user__isnull=False)
    candidates = (
        Volunteer.objects.filter(status=Volunteer.Status.APPROVED, user__isnull=False)
        .filter(organisation__wijken=buddy_request.wijk_id)
        .exclude(pk__in=busy)
        .exclude(pk__in=declined)
        .exclude(user_id__in=members.values("user_id"))
        .exclude(user_id=buddy_request.plan.owner_id)
        .select_related("wijk")
        .distinct()
    )
    ranked = rank(wish_of(buddy_request), candidates)
    audit.note_records("volunteer", [s.volunteer.pk for s in ranked])
    return ranked


def question_plan_has_request(*, question) -> bool:
    """Whether the plan a hub question led to already has an open buddy request (only
    whether, for the wijk team member who asks from the question)."""
    return BuddyRequest.objects.filter(plan=question.plan_id, closed_at__isnull=True).exists()


@dataclass
class PlanBuddy:
    request: BuddyRequest | None
    proposed: Match | None
    running: Match | None
    check_ins: list
    past: list[Match]


def plan_buddy(*, access: PlanAccess) -> PlanBuddy:
    """The plan's buddy: the open request, a proposal waiting for the resident, the running
    match with its check-ins, and earlier matches. A professional sees the request only."""
    buddy_request = (
        BuddyRequest.objects.filter(plan=access.plan, closed_at__isnull=True)
        .select_related("wijk", "question", "requested_by")
        .first()
    )
    if not access.speaks_for_owner_fully:
        return PlanBuddy(request=buddy_request, proposed=None, running=None, check_ins=[], past=[])
    matches = list(Match.objects.filter(request__plan=access.plan).select_related("volunteer", "request"))
    proposed = next((m for m in matches if m.is_proposed and m.request.closed_at is None), None)
    running = next((m for m in matches if m.is_running), None)
    check_ins = list(running.check_ins.select_related("by")) if running else []
    past = [m for m in matches if m.ended_on is not None]
    audit.note_records("buddy_match", [m.pk for m in matches])
    return PlanBuddy(request=buddy_request, proposed=proposed, running=running, check_ins=check_ins, past=past)
