"""Changes (filled in with the feature)."""
