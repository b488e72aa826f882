"""Audit: every read and change of personal data leaves an entry the resident can read."""
