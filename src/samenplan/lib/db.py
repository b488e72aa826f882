"""Database details the app relies on."""

from django.db import connection


def commit_durably() -> None:
    """Make the current transaction's commit wait until it is on disk.

    On PostgreSQL the app's connections commit asynchronously by default (settings: the
    entries that reads leave in the audit log need not wait for the disk; a crash of the
    database server can lose at most the last fraction of a second of them, in order, so
    the hash chain stays whole). Every transaction that changes personal data calls this
    first, so a change and its audit entry are durable once the user is told "saved"."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO ON")
