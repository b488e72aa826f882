import os

import pytest
from hypothesis import HealthCheck, settings

# CI runs the property tests with many examples (60 on SQLite); the second CI run, on
# PostgreSQL, checks the same properties against the other database with fewer examples so
# CI stays under 30 minutes on a 2-core machine (the whole suite runs twice); a developer's
# run stays quick. The other property tests set their own, smaller counts per profile: each
# of their examples builds a world, acts and walks every page it can reach.
for name, examples in (("ci", 60), ("ci-postgresql", 20), ("dev", 20)):
    settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(config, items):
    """The longest tests first: `make test` spreads the suite over every core, and the
    workers finish together only when the long ones do not start last. Only tests in a
    rolled-back transaction may be marked: pytest-django runs those before the ones that
    empty the database (live server), and this sort keeps that order otherwise."""
    for item in items:
        if item.get_closest_marker("heavy") and {"transactional_db", "live_server"} & set(item.fixturenames):
            raise pytest.UsageError(f"{item.nodeid} empties the database: it may not be marked heavy")
        if not _restores_the_migrations_data(item):
            raise pytest.UsageError(
                f"{item.nodeid} empties the database: it must restore the migrations' data "
                "(serialized_rollback=True), or the next such test on its worker fails to start"
            )
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


def _restores_the_migrations_data(item):
    """A test on a real transaction ends by emptying every table. Without serialized rollback
    Django then re-creates the content types under new ids, and the next test that restores
    the migrations' data collides with them (a duplicate key on PostgreSQL)."""
    from django.test import TestCase, TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase) and not issubclass(test_class, TestCase):
        return test_class.serialized_rollback
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return marker.kwargs.get("serialized_rollback", False)
    return True


def pytest_configure(config):
    from django.conf import settings as django_settings

    # Hashing passwords slowly is a defence for production, not something to wait for in tests.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # `manage.py demo` adds 3,000 synthetic plans with history for the insights; the tests of
    # the demo's own stories build it without them (test_demo_insights asks for some).
    django_settings.SAMENPLAN_DEMO_SYNTHETIC_PLANS = 0
    # A second database alias, as SAMENPLAN_REPLICA_URL gives production: a mirror of the
    # test database. Settings were read before this file, so the alias is added here and
    # Django's connection handler is told to read DATABASES again. Nothing uses it until a
    # test switches the router on (insights/tests/test_replica.py): without
    # DATABASE_ROUTERS every query goes to the default alias.
    if "replica" not in django_settings.DATABASES:
        from django.db import connections

        django_settings.DATABASES["replica"] = {**django_settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
        connections._settings = None
        connections.__dict__.pop("settings", None)


@pytest.fixture(autouse=True)
def _audit_log_may_be_emptied_after_transactional_tests(request):
    """Tests on a real transaction (live server) end by emptying every table; the audit
    triggers allow that only through an open-ended prune window, opened here."""
    if not ({"transactional_db", "live_server"} & set(request.fixturenames)):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from samenplan.audit.testing import allow_emptying_the_database

    allow_emptying_the_database()


@pytest.fixture(autouse=True)
def _empty_cache():
    """What one test kept in the cache (the social map's filter choices, code tries) does
    not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _staff_log_in_with_their_code(request, monkeypatch):
    """Staff log in with a password and a code (signin/twofactor.py). Tests that log them in
    with `client.login`, `client.force_login` or `BaseTestCase.login` get a session
    verified by a confirmed test app, as if they typed its code; production enforces the
    code as ever. Tests of the code step itself opt out: `@pytest.mark.real_twofactor`."""
    if request.node.get_closest_marker("real_twofactor") is not None:
        yield
        return
    from django.test.client import ClientMixin

    from samenplan.testing.twofactor import mark_verified

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        mark_verified(self, user)

    monkeypatch.setattr(ClientMixin, "_login", _login)
    yield
