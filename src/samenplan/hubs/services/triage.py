"""Writes of the wijk team's triage: taking a question on, giving it back, recording each
contact attempt, closing it with an outcome, and closing it because a plan was started.

Each takes the `CaseAccess` the policy gave the caller (`sharing.policy.team_question`) and
changes the question with a conditional `UPDATE`: only while it is open and (for everything
but claiming) still owned by the caller. Claiming needs nobody to own it, so two team
members claiming at once cannot both win (`QuestionTaken`); a change that names the version
the page showed is refused when someone changed it meanwhile (`QuestionConflict`). Every
change raises the version, writes a `QuestionEvent` and is audited.

The outcome and the times (arrival, claimed, first contact, closed) are what the insights
count: closing with an outcome that needs contact (advice, a referral, a buddy, a plan)
records the first contact then if no attempt recorded it before.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Service
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.sharing.policy import CaseAccess

# Attempts a team member makes before a question may close as "no contact".
NO_CONTACT_MIN_ATTEMPTS = 2
# Outcomes a team member chooses when closing; "plan started" is set by the intake only.
CLOSE_OUTCOMES = (
    Question.Outcome.ADVICE,
    Question.Outcome.REFERRED,
    Question.Outcome.BUDDY,
    Question.Outcome.NO_CONTACT,
)


class QuestionConflict(Exception):
    """Someone changed the question since the page was drawn (closed it, gave it back, took
    it on). Nothing was changed; the page shows the question as it is now."""


class QuestionTaken(QuestionConflict):
    """A colleague took the question on first."""

    def __init__(self, owner_name: str):
        super().__init__(owner_name)
        self.owner_name = owner_name


class QuestionCloseRefused(Exception):
    """The outcome lacks what it needs (a service, the advice, enough attempts)."""


def attempt_count(question: Question) -> int:
    return QuestionEvent.objects.filter(question=question, kind=QuestionEvent.Kind.ATTEMPT).count()


def _now_if_empty(field: str, now):
    """Keep the first value: set `field` to `now` only where it is still empty."""
    return Coalesce(F(field), Value(now, output_field=DateTimeField()))


def _update(access: CaseAccess, *, owned: bool = True, version: int | None = None, **fields) -> Question:
    """Change the question if it is still open (and still the caller's, and still at
    `version`); raise `QuestionConflict` if not. Returns it as it is now."""
    question = access.case
    rows = Question.objects.filter(pk=question.pk, closed_at__isnull=True)
    if owned:
        rows = rows.filter(owner=access.user)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1, **fields):
        question.refresh_from_db()
        raise QuestionConflict
    question.refresh_from_db()
    return question


def _event(question: Question, user, kind: str, **fields) -> QuestionEvent:
    audit.note_records("question", [question.pk])
    return QuestionEvent.objects.create(question=question, kind=kind, by=user, **fields)


@transaction.atomic
def question_claim(*, access: CaseAccess) -> Question:
    """Take an unowned question on; when a colleague was first, `QuestionTaken` names them."""
    audit.note_action(AuditEntry.Action.UPDATE)
    question = access.case
    claimed = Question.objects.filter(pk=question.pk, owner__isnull=True, closed_at__isnull=True).update(
        owner=access.user,
        claimed_at=timezone.now(),
        status=Question.Status.CLAIMED,
        version=F("version") + 1,
    )
    question.refresh_from_db()
    if not claimed:
        owner = question.owner
        if question.closed_at is None and owner is not None and owner.pk != access.user.pk:
            raise QuestionTaken(owner.display_name)
        raise QuestionConflict
    _event(question, access.user, QuestionEvent.Kind.CLAIMED)
    return question


@transaction.atomic
def question_release(*, access: CaseAccess, version: int) -> Question:
    """Give the question back to the team; what was recorded so far stays."""
    audit.note_action(AuditEntry.Action.UPDATE)
    question = _update(access, version=version, owner=None, claimed_at=None, status=Question.Status.NEW)
    _event(question, access.user, QuestionEvent.Kind.RELEASED)
    return question


@transaction.atomic
def question_attempt(*, access: CaseAccess, channel: str, reached: bool, note: str = "") -> Question:
    """Record one try to reach the person; the first one that reached them is the first
    contact. (No version: attempts are added, never overwritten.)"""
    audit.note_action(AuditEntry.Action.UPDATE)
    QuestionEvent.Channel(channel)
    now = timezone.now()
    fields = {"first_contact_at": _now_if_empty("first_contact_at", now)} if reached else {}
    question = _update(access, **fields)
    _event(question, access.user, QuestionEvent.Kind.ATTEMPT, channel=channel, reached=reached, note=note, at=now)
    return question


@transaction.atomic
def question_close(
    *, access: CaseAccess, version: int, outcome: str, note: str = "", service: Service | None = None
) -> Question:
    """Close with an outcome: advice (the advice given), a referral to a service on the
    social map, a buddy requested, or no contact after at least two attempts."""
    audit.note_action(AuditEntry.Action.UPDATE)
    outcome = Question.Outcome(outcome)
    if outcome not in CLOSE_OUTCOMES:
        raise QuestionCloseRefused("A plan is started through the intake.")
    if outcome == Question.Outcome.REFERRED and service is None:
        raise QuestionCloseRefused("A referral needs a service.")
    if outcome == Question.Outcome.ADVICE and not note.strip():
        raise QuestionCloseRefused("Advice needs the advice given.")
    if outcome == Question.Outcome.NO_CONTACT and attempt_count(access.case) < NO_CONTACT_MIN_ATTEMPTS:
        raise QuestionCloseRefused("No contact needs at least two attempts.")
    now = timezone.now()
    fields = {
        "status": Question.Status.CLOSED,
        "closed_at": now,
        "outcome": outcome,
        "outcome_note": note,
        "service": service if outcome == Question.Outcome.REFERRED else None,
    }
    if outcome != Question.Outcome.NO_CONTACT:
        # Advice, a referral or a buddy means they talked: at the latest, now.
        fields["first_contact_at"] = _now_if_empty("first_contact_at", now)
    question = _update(access, version=version, **fields)
    _event(question, access.user, QuestionEvent.Kind.CLOSED, note=note, at=now)
    return question


@transaction.atomic
def question_plan_started(*, access: CaseAccess, plan) -> Question:
    """The owner started a plan with the person at the intake: the question closes with
    that outcome and points to the plan. Called inside the intake's request; the intake's
    own audit entry (the new plan) carries this question as a record too."""
    if not access.can_start_plan:
        raise QuestionConflict
    now = timezone.now()
    question = _update(
        access,
        status=Question.Status.CLOSED,
        closed_at=now,
        outcome=Question.Outcome.PLAN,
        plan=plan,
        first_contact_at=_now_if_empty("first_contact_at", now),
    )
    _event(question, access.user, QuestionEvent.Kind.CLOSED, at=now)
    return question
