"""Accounts: people (with one role each), the organisations they work for, the wijken they
serve, logging in and activating an account from the intake email."""
