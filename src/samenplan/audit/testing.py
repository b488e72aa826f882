"""Test support: a test database that is emptied between tests (live-server tests) must
be allowed to delete audit entries; nothing else is."""

from datetime import UTC, datetime

from .models import AuditCheckpoint, AuditEntry, PruneWindow

EMPTY_ALL = datetime(9999, 12, 31, tzinfo=UTC)


def allow_emptying_the_database() -> None:
    """Open an endless prune window and empty the log now: Django empties the other tables
    afterwards in an order of its own, possibly the window before the entries."""
    PruneWindow.objects.create(before=EMPTY_ALL)
    AuditEntry.objects.all().delete()
    AuditCheckpoint.objects.all().delete()
