"""Retention: early signals and questions at a hub are deleted when their purpose is over
(`manage.py retention`, daily).

- An early signal after which no help followed and that did not join a plan goes
  `SAMENPLAN_SIGNAL_RETENTION_DAYS` after it arrived, also when it is still open: the law
  lets us keep a signal only to offer help, not to keep an eye on someone.
- A question that led to no plan goes `SAMENPLAN_QUESTION_RETENTION_DAYS` after it arrived.
- An upload (a partner's file) goes once none of its signals is left and it is older than
  the signal period: it says which partner sent how many rows, nothing more.

What the resident accepted (help, a plan) stays with that help or plan. The run leaves one
audit entry by the system with the ids it deleted and the counts, never a name or a text.
The legal basis and how to change the periods: `docs/hubs-and-signals.md`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.hubs.models import Question
from samenplan.lib.db import commit_durably

from ..models import Signal, SignalUpload

BATCH = 500


@dataclass
class RetentionDue:
    """The ids whose retention period has passed, per kind."""

    signals: list[int]
    questions: list[int]
    uploads: list[int]

    def counts(self) -> dict[str, int]:
        return {"signals": len(self.signals), "questions": len(self.questions), "uploads": len(self.uploads)}


def _signal_due(before: datetime) -> Q:
    """Signals past the period after which no help followed and that joined no plan."""
    return Q(created_at__lt=before, plan__isnull=True) & ~Q(outcome__in=Signal.HELP_ACCEPTED)


def retention_due(*, now: datetime | None = None, lock: bool = False) -> RetentionDue:
    """What `retention_run` would delete at `now` (ids only), for a dry run; with `lock`,
    the rows stay locked until the transaction ends (a signal cannot join a plan meanwhile)."""
    now = now or timezone.now()
    signals_before = now - timedelta(days=settings.SAMENPLAN_SIGNAL_RETENTION_DAYS)
    questions_before = now - timedelta(days=settings.SAMENPLAN_QUESTION_RETENTION_DAYS)
    signals = Signal.objects.filter(_signal_due(signals_before))
    questions = Question.objects.filter(created_at__lt=questions_before, plan__isnull=True)
    # Uploads of which no signal stays: nothing is left that they would explain.
    uploads = SignalUpload.objects.filter(at__lt=signals_before).exclude(
        Exists(Signal.objects.filter(upload=OuterRef("pk")).exclude(_signal_due(signals_before)))
    )
    if lock:
        signals, questions, uploads = (
            signals.select_for_update(),
            questions.select_for_update(),
            uploads.select_for_update(),
        )
    return RetentionDue(
        signals=list(signals.order_by("pk").values_list("pk", flat=True)),
        questions=list(questions.order_by("pk").values_list("pk", flat=True)),
        uploads=list(uploads.order_by("pk").values_list("pk", flat=True)),
    )


def _delete(model, ids: list[int]) -> None:
    # In slices: a database takes only so many parameters in one statement.
    for start in range(0, len(ids), BATCH):
        model.objects.filter(pk__in=ids[start : start + BATCH]).delete()


def retention_run(*, now: datetime | None = None) -> dict[str, int]:
    """Delete the signals, questions and uploads whose retention period has passed, with
    their events, and leave one audit entry by the system; return the counts."""
    with transaction.atomic():
        commit_durably()
        due = retention_due(now=now, lock=True)
        counts = due.counts()
        if not any(counts.values()):
            return counts
        with audit.task("retention"):
            # Ids only: the entry must not keep what the deletion removes.
            audit.note_records("signal", due.signals)
            audit.note_records("question", due.questions)
            audit.note_records("signal_upload", due.uploads)
            audit.note_action(
                AuditEntry.Action.DELETE,
                reason=(
                    f"retention: {counts['signals']} signals, {counts['questions']} questions, "
                    f"{counts['uploads']} uploads"
                ),
            )
            # Events go with them (on_delete=CASCADE).
            _delete(Signal, due.signals)
            _delete(Question, due.questions)
            _delete(SignalUpload, due.uploads)
    return counts
