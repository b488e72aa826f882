"""The app with a read replica configured (`lib/db_router.py`): the insights figures are
read from the replica, and nothing that decides access (grants, memberships, plans, the
audit log, accounts) is ever read from it, so a revoked grant stops on the next request
however far the replica lags. The `replica` alias mirrors the test database (root
conftest.py); these tests switch the router on and watch the queries on each alias.

They run on a real transaction: a mirror is a second connection, which sees only what
was committed."""

from __future__ import annotations

import re

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.insights import selectors
from samenplan.insights.models import Figure
from samenplan.insights.refresh import refresh
from samenplan.plans.models import Plan, StoryVersion
from samenplan.sharing.models import Grant, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.services import grants_decide, membership_create
from samenplan.testing import insights_world
from samenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])

ROUTER = "samenplan.lib.db_router.ReplicaRouter"
TABLE = re.compile(r'(?:FROM|JOIN|INTO|UPDATE)\s+"([a-z0-9_]+)"', re.IGNORECASE)
# What decides access, and personal data: never read from a replica that may lag.
NEVER_FROM_REPLICA = (
    "sharing_grant",
    "sharing_membership",
    "sharing_emergencyaccess",
    "plans_plan",
    "audit_auditentry",
    "accounts_user",
)


@pytest.fixture
def world(transactional_db, settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    selectors._published.cache_clear()
    town = insights_world.build(wijken=[("Helmstad-West", "west", 30), ("Helmstad-Oost", "oost", 30)], seed=3)
    refresh()
    alice = UserFactory(username="alice", first_name="Alice")
    bob = UserFactory(username="bob", role=User.Role.PROFESSIONAL, organisation=town.professional.organisation)
    plan = Plan.objects.create(owner=alice, wijk=town.wijken[0], status=Plan.Status.ACTIVE, created_by=bob)
    StoryVersion.objects.create(plan=plan, number=1, text="Alice's story.", written_by=bob)
    membership = membership_create(
        plan=plan, user=bob, role=Membership.Role.COORDINATOR, relation=Membership.Relation.PROFESSIONAL, added_by=alice
    )
    grants_decide(
        plan=plan,
        decided_by=alice,
        context=SharingDecision.Context.SETTINGS,
        decisions={membership: dict.fromkeys(Part, (Level.CONTRIBUTE, None))},
    )
    ann = UserFactory(username="ann", role=User.Role.ANALYST)
    yield {"alice": alice, "bob": bob, "ann": ann, "plan": plan}
    selectors._published.cache_clear()


def _get(client, user, url):
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in on_replica.captured_queries], [q["sql"] for q in on_primary.captured_queries]


def _tables(statements):
    return {table for sql in statements for table in TABLE.findall(sql)}


def test_the_dashboard_reads_its_figures_from_the_replica(client, world):
    on_replica, on_primary = _get(client, world["ann"], reverse("insights"))
    assert _tables(on_replica) == {"insights_refresh", "insights_figure"}
    assert not {"insights_refresh", "insights_figure"} & _tables(on_primary)


@pytest.mark.parametrize(
    ("who", "name"),
    [("alice", "plan"), ("bob", "plan"), ("alice", "sharing"), ("ann", "insights"), ("ann", "insights_pairs")],
)
def test_nothing_that_decides_access_is_read_from_the_replica(client, world, who, name):
    args = [world["plan"].pk] if name in ("plan", "sharing") else []
    on_replica, on_primary = _get(client, world[who], reverse(name, args=args))
    everything = " ".join(on_replica)
    for table in NEVER_FROM_REPLICA:
        assert table not in everything, f"{table} read from the replica on {name}"
    assert _tables(on_replica) <= {"insights_refresh", "insights_figure"}
    # Nothing is written to the replica: the audit entry of the page goes to the primary.
    assert not [sql for sql in on_replica if not sql.lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    # ...and what decides access was read, from the primary.
    if name in ("plan", "sharing"):
        assert {"plans_plan", "audit_auditentry"} <= _tables(on_primary)
    if who == "bob":
        assert "sharing_grant" in _tables(on_primary)


def test_a_revoked_grant_stops_at_once_with_a_replica(client, world):
    client.force_login(world["bob"])
    url = reverse("plan", args=[world["plan"].pk])
    assert client.get(url).status_code == 200
    Grant.objects.filter(membership__user=world["bob"]).delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "name"),
    [
        (None, "social_map"),
        ("alice", "home"),
        ("bob", "caseload"),
        ("bob", "intake"),
        ("ann", "insights_csv"),
        ("ann", "insights_pairs_csv"),
    ],
)
def test_the_main_pages_answer_with_a_replica(client, world, who, name):
    if who:
        client.force_login(world[who])
    # The resident's home page leads to her plan.
    assert client.get(reverse(name), follow=True).status_code == 200


def test_writes_and_migrations_go_to_the_primary_only(world):
    assert router.db_for_read(Figure) == "replica"
    assert router.db_for_write(Figure) == "default"
    assert router.db_for_read(Grant) == "default"
    assert router.db_for_read(Grant, instance=Figure.objects.first()) == "default"
    assert router.allow_migrate("default", "insights")
    assert not router.allow_migrate("replica", "insights")
    assert not router.allow_migrate("replica", "sharing")
