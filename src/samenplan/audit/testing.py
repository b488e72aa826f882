"""Test support: a test database that is emptied between tests (live-server tests) must
be allowed to delete audit entries; nothing else is."""

from datetime import UTC, datetime

from .models import PruneWindow

EMPTY_ALL = datetime(9999, 12, 31, tzinfo=UTC)


def allow_emptying_the_database() -> None:
    PruneWindow.objects.create(before=EMPTY_ALL)
