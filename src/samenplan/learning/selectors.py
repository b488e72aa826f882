"""Reads of the learning sessions, each in a fixed number of queries. A session's page
shows only shared snapshots: never the plan, never a name from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.conferences.models import Theme
from samenplan.sharing import policy
from samenplan.sharing.policy import PlanAccess

from .models import Case, Observation, Proposal, Session, SessionTheme
from .snapshot import Snapshot


def plan_cases(*, access: PlanAccess) -> list[Case]:
    """The plan's learning cases this user sees on the plan's page."""
    cases = list(Case.objects.filter(policy.plan_case_filter(access)).select_related("proposed_by__organisation"))
    audit.note_records("learning_case", [c.pk for c in cases])
    return cases


def my_sessions(*, user: User) -> list[Session]:
    sessions = list(Session.objects.filter(policy.learning_session_filter(user)).distinct().select_related("organiser"))
    audit.note_records("learning_session", [s.pk for s in sessions])
    return sessions


def my_cases(*, user: User) -> list[Case]:
    """The proposer's cases the resident said yes to, to review and share (no names: the
    list shows the number and the status only)."""
    cases = list(
        Case.objects.filter(proposed_by=user, status__in=[Case.Status.CONSENTED, Case.Status.SHARED]).only(
            "pk", "status", "proposed_at", "shared_at"
        )
    )
    audit.note_records("learning_case", [c.pk for c in cases])
    return cases


@dataclass
class CaseView:
    case: Case
    snapshot: Snapshot
    observations: list[Observation] = field(default_factory=list)


@dataclass
class SessionPage:
    session: Session
    participants: list[User]
    cases: list[CaseView]
    observations: list[Observation]
    themes: list[SessionTheme]
    proposals: list[Proposal]
    all_themes: list[Theme]
    addable_cases: list[Case]

    @property
    def organisations(self) -> list[str]:
        names = {p.organisation.name for p in self.participants if p.organisation_id}
        return sorted(names)


def session_page(*, user: User, session: Session) -> SessionPage:
    """Everything a participant sees of a session: the shared snapshots and what was said."""
    participants = session.participants.select_related("organisation").order_by("first_name", "pk")
    people = [session.organiser, *[p for p in participants if p.pk != session.organiser_id]]
    cases = list(session.cases.filter(policy.shared_case_filter()).order_by("shared_at", "pk"))
    observations = list(Observation.objects.filter(session=session).select_related("written_by__organisation"))
    by_case: dict[int, list[Observation]] = {}
    general = []
    shown = {c.pk for c in cases}
    for observation in observations:
        if observation.case_id in shown:
            by_case.setdefault(observation.case_id, []).append(observation)
        else:
            general.append(observation)
    audit.note_records("learning_case", sorted(shown))
    addable = list(
        Case.objects.filter(policy.shared_case_filter(), proposed_by=user).exclude(pk__in=shown).only("pk", "shared_at")
    )
    return SessionPage(
        session=session,
        participants=people,
        cases=[
            CaseView(case=c, snapshot=Snapshot.from_json(c.snapshot), observations=by_case.get(c.pk, [])) for c in cases
        ],
        observations=general,
        themes=list(SessionTheme.objects.filter(session=session).select_related("theme")),
        proposals=list(Proposal.objects.filter(session=session).select_related("written_by")),
        all_themes=list(Theme.objects.all()),
        addable_cases=addable,
    )


def breakthrough_proposals(*, user: User) -> list[Proposal]:
    """Proposals sent to the breakthrough officer, newest first, with their session's
    themes; for the officer only (no plan, no person in them)."""
    if not policy.handles_breakthroughs(user):
        return []
    return list(
        Proposal.objects.filter(destination=Proposal.Destination.BREAKTHROUGH, status=Proposal.Status.SENT)
        .select_related("session")
        .prefetch_related(Prefetch("session__session_themes", queryset=SessionTheme.objects.select_related("theme")))
        .order_by("-written_at", "-id")
    )


def participant_groups(*, user):
    """Professionals of every organisation, grouped by organisation."""
    people = (
        User.objects.filter(role=User.Role.PROFESSIONAL, is_active=True, organisation__isnull=False)
        .exclude(pk=user.pk)
        .select_related("organisation")
        .order_by("organisation__name", "first_name", "last_name", "pk")
    )
    groups: dict[str, list] = {}
    for person in people:
        groups.setdefault(person.organisation.name, []).append(person)
    return list(groups.items())
