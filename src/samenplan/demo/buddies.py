"""Demo data: buddy network (filled in with the feature)."""


def build_buddies(users, organisations, wijken) -> None:
    """Nothing yet."""
