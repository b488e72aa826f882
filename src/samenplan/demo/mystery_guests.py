"""Demo data: mystery guests (filled in with the feature)."""


def build_mystery_guests(users, organisations, wijken) -> None:
    """Nothing yet."""
