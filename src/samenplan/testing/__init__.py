"""The test kit: the base test case with its personas, factories for every app, and the
URL walk that reads every page from the URL configuration. Tests import it; nothing
else does (an import contract in `make lint` holds that)."""
