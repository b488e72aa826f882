"""Demo data: learning sessions (filled in with the feature)."""


def build_learning(users, organisations, wijken) -> None:
    """Nothing yet."""
