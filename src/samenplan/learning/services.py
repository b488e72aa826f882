"""Writes of the learning sessions. Each asks the policy first and tells the audit log
what it changed."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.conferences.services.breakthrough import theme_get_or_create
from samenplan.sharing import policy
from samenplan.sharing.policy import PlanAccess

from .models import CASE_PARTS, Case, Observation, Proposal, Session, SessionTheme
from .snapshot import pseudonymise


def _plan_case(access: PlanAccess, case_id, *, statuses) -> Case:
    case = Case.objects.filter(policy.plan_case_filter(access), pk=case_id, status__in=statuses).first()
    if case is None:
        audit.note_denied_record("learning_case", case_id)
        raise Http404
    audit.note_records("learning_case", [case.pk])
    return case


@transaction.atomic
def case_propose(*, access: PlanAccess, reason: str) -> Case:
    """A professional proposes the plan as a case; the resident decides."""
    if not policy.may_propose_case(access):
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    mine = Case.objects.filter(plan=access.plan, proposed_by=access.user)
    existing = next((c for c in mine if c.is_open), None)
    if existing is not None:
        # Proposed already (or the form sent twice): the resident is asked once.
        return existing
    case = Case.objects.create(plan=access.plan, proposed_by=access.user, reason=reason.strip())
    audit.note_records("learning_case", [case.pk])
    return case


@transaction.atomic
def case_decide(*, access: PlanAccess, case_id, parts: list[str], agree: bool) -> Case:
    """The resident says yes (with the parts that may go in) or no to a proposed case."""
    if not (policy.decides_on_cases(access) and access.is_open):
        raise Http404
    case = _plan_case(access, case_id, statuses=[Case.Status.AWAITING])
    audit.note_action(AuditEntry.Action.SHARE)
    parts = [part for part in CASE_PARTS if part in set(parts)]
    if agree and not parts:
        raise ValueError("Saying yes needs at least one part.")
    case.status = Case.Status.CONSENTED if agree else Case.Status.DECLINED
    case.parts = parts if agree else []
    case.decided_by = access.user
    case.decided_at = timezone.now()
    case.save(update_fields=["status", "parts", "decided_by", "decided_at"])
    return case


@transaction.atomic
def case_withdraw(*, access: PlanAccess, case_id) -> Case:
    """The resident takes the case back: it leaves every session and its snapshot is deleted."""
    if not policy.decides_on_cases(access):
        raise Http404
    case = _plan_case(access, case_id, statuses=[Case.Status.AWAITING, Case.Status.CONSENTED, Case.Status.SHARED])
    audit.note_action(AuditEntry.Action.DELETE)
    case.status = Case.Status.WITHDRAWN
    case.snapshot = {}
    case.withdrawn_at = timezone.now()
    case.save(update_fields=["status", "snapshot", "withdrawn_at"])
    case.sessions.clear()
    return case


def case_preview(*, case: Case, access: PlanAccess):
    """The snapshot as it would be shared now, for the proposer's review (read through the
    proposer's access: only the parts the resident chose and the proposer sees)."""
    return pseudonymise(access, case.parts, extra_terms=case.extra_terms)


def case_leave_out(*, case: Case, access: PlanAccess, terms: list[str]) -> Case:
    """The proposer names words the check missed (a child's name); they are left out too."""
    if case.proposed_by_id != access.user.pk or case.status not in (Case.Status.CONSENTED, Case.Status.SHARED):
        raise Http404
    audit.note_action(AuditEntry.Action.UPDATE)
    case.extra_terms = sorted({" ".join(t.split()) for t in terms if t.strip()})
    case.save(update_fields=["extra_terms"])
    return case


@transaction.atomic
def case_share(*, case: Case, access: PlanAccess, session: Session | None = None) -> Case:
    """The proposer reviewed the snapshot and shares it (into a session they take part in)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in (Case.Status.CONSENTED, Case.Status.SHARED) or locked.proposed_by_id != access.user.pk:
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    locked.snapshot = pseudonymise(access, locked.parts, extra_terms=locked.extra_terms).as_json()
    locked.status = Case.Status.SHARED
    locked.shared_at = timezone.now()
    locked.save(update_fields=["snapshot", "status", "shared_at"])
    if session is not None:
        session_case_add(user=access.user, session=session, case=locked)
    return locked


@transaction.atomic
def session_create(*, user: User, title: str, held_on: date, participants: list[User]) -> Session:
    """A professional organises a learning session and invites professionals."""
    if not policy.takes_part_in_learning(user):
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    session = Session.objects.create(title=title.strip(), held_on=held_on, organiser=user)
    session.participants.set([p for p in participants if policy.takes_part_in_learning(p) and p.pk != user.pk])
    audit.note_records("learning_session", [session.pk])
    return session


def session_case_add(*, user: User, session: Session, case: Case) -> None:
    if not policy.may_add_case_to_session(user, case, session):
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    session.cases.add(case)
    audit.note_records("learning_case", [case.pk])


def observation_add(*, user: User, session: Session, text: str, case: Case | None = None) -> Observation:
    if not policy.sees_learning_session(user, session):
        raise Http404
    if case is not None and not session.cases.filter(policy.shared_case_filter(), pk=case.pk).exists():
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    return Observation.objects.create(session=session, case=case, text=text.strip(), written_by=user)


def theme_add(*, user: User, session: Session, name: str) -> SessionTheme:
    """Tag the session with a theme from the shared list, or a new one."""
    if not policy.sees_learning_session(user, session):
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    theme = theme_get_or_create(name=name, user=user)
    session_theme, _created = SessionTheme.objects.get_or_create(
        session=session, theme=theme, defaults={"added_by": user}
    )
    return session_theme


@transaction.atomic
def proposal_add(*, user: User, session: Session, title: str, text: str, destination: str) -> Proposal:
    """A proposal for structural change, sent to the programme (as a proposed new action
    for the programme coordinator) or listed for the breakthrough officer."""
    if not policy.sees_learning_session(user, session):
        raise Http404
    audit.note_action(AuditEntry.Action.CREATE)
    proposal = Proposal.objects.create(
        session=session, title=title.strip(), text=text.strip(), destination=destination, written_by=user
    )
    if destination == Proposal.Destination.PROGRAMME:
        proposal_send_to_programme(proposal=proposal, user=user)
    else:
        # The breakthrough officer's list of proposals (`selectors.breakthrough_proposals`).
        proposal.status = Proposal.Status.SENT
        proposal.save(update_fields=["status"])
    return proposal


def proposal_send_to_programme(*, proposal: Proposal, user: User) -> bool:
    """Hand the proposal to the programme as a proposed new action; False when the user's
    organisation cannot propose there (the proposal stays, not sent)."""
    from samenplan.programme.services import action_propose

    try:
        with transaction.atomic():
            action_propose(
                user=user,
                title=proposal.title,
                description=proposal.text,
                source_label=f"Leersessie: {proposal.session.title}",
            )
    except (PermissionError, Http404):
        return False
    proposal.status = Proposal.Status.SENT
    proposal.save(update_fields=["status"])
    return True


@transaction.atomic
def proposal_decide(*, user: User, proposal_id, granted: bool, note: str = "") -> Proposal:
    """The breakthrough officer grants or refuses a proposal sent to her, like a
    breakthrough request. A refusal needs its reason; a proposal is decided once."""
    audit.note_action(AuditEntry.Action.UPDATE)
    proposal = policy.officer_learning_proposal(user, proposal_id)
    note = note.strip()
    if not granted and not note:
        raise ValueError("A refusal needs its reason.")
    updated = Proposal.objects.filter(pk=proposal.pk, decision="").update(
        decision=Proposal.Decision.GRANTED if granted else Proposal.Decision.REFUSED,
        decision_note=note,
        decided_by=user,
        decided_at=timezone.now(),
    )
    if not updated:
        # Decided by another officer since the policy looked: the first decision stands.
        audit.note_denied_record("learning_proposal", proposal.pk)
        raise Http404
    proposal.refresh_from_db()
    return proposal
