"""Demo data: programme (filled in with the feature)."""


def build_programme(users, organisations, wijken) -> None:
    """Nothing yet."""
