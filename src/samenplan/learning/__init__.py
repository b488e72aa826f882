"""Learning sessions (leersessies): cases from resident-owned plans, shared only as a
pseudonymised snapshot the resident opted in to, observations, themes and proposals for
structural change. See `docs/learning.md`."""
