"""Signing in safely: lockout against guessing, two-factor authentication for staff,
session limits, and DigiD and eHerkenning through an OIDC broker."""
