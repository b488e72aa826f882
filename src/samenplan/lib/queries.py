"""Counting the SQL a page runs, for tests and the benchmark."""

# Transaction control is not a query: BEGIN, COMMIT and savepoints say when, not what.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def statements(captured) -> list[str]:
    """The SQL statements that read or write data (transaction control left out), from a
    `CaptureQueriesContext`."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].upper().startswith(TRANSACTION_CONTROL)]
