"""The benchmark behind `manage.py bench`: how the owner's plan page holds up against a
floor view, as the plan grows, as the database grows, with the audit log on, and how much
memory the serving process needs; how the analyst's insights dashboard compares with
computing its figures from scratch, and how long that takes; how the API's plan read
compares with the plan page.

Every figure is a ratio of two medians measured in the same process in the same run
(or a count), so it means the same on a laptop and on a CI machine. Pages are served
in-process through Django's test client: all middleware, no network.

The command runs in two processes. The outer one (the developer's settings) creates a
separate database, migrates it and starts the worker: `manage.py bench --worker` with
DATABASE_URL pointing at the bench database, so nothing can reach the developer's data.
The worker builds the benchmark plans and measures; the synthetic plans around them are
added by `manage.py seed` in child processes, so the worker's peak memory is that of
serving pages only.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.lib.queries import statements
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.models import Agreement, Evaluation, Goal, Plan, Priority, StoryVersion, Strength
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.services import grants_decide, membership_create

from .builder import COORDINATOR_DEFAULT, FAMILY, SPECIALIST

WORKER_GUARD = "SAMENPLAN_BENCH_WORKER"
BENCH_URLCONF = "samenplan.demo.bench_urls"

# key: (the most it may be, what it means). The two query counts must also be equal.
TARGETS = {
    "plan_page_vs_floor": (4, "plan page / floor view, median server time"),
    "plan_page_queries_small": (15, "queries, plan of 12 goals, 40 agreements, 10 members"),
    "plan_page_queries_large": (15, "queries, the same plan 10x larger (equal to small)"),
    "plan_page_1k_vs_100k": (1.25, "plan page's cost over the floor, with 100,000 / with 1,000 plans"),
    "audit_overhead": (1.15, "plan page with / without the audit log"),
    "peak_rss_mb": (250, "peak memory of the serving process, MB"),
    "socialmap_search_vs_floor": (3, "social-map search, 5,000 services of 500 organisations / floor view"),
    "referral_inbox_queries_small": (10, "queries, a team's referral inbox with 10 referrals"),
    "referral_inbox_queries_large": (10, "queries, the same inbox with 100 referrals (equal to small)"),
    "triage_queries_small": (15, "queries, a wijk team's question queue with 10 questions"),
    "triage_queries_large": (15, "queries, the same queue with 100 questions (equal to small)"),
    "insights_vs_raw_sql": (1.5, "insights dashboard / its measures as hand-written SQL, at the large database"),
    "api_plan_vs_page": (1.2, "the API's plan read / the plan page, same plan and owner, median server time"),
}

# key: what it means. Reported without a target (machine-dependent seconds).
REPORTED = {
    "insights_refresh_s": "seconds to compute all insights figures from scratch, at the large database",
}

# key: (the least it must be, what it means).
TARGETS_AT_LEAST = {
    "hsds_import_services_per_s": (500, "services per second, HSDS JSON import of 5,000 into empty SQLite"),
    "signal_import_rows_per_s": (1_000, "rows per second, early-signal CSV of 10,000 rows into empty SQLite"),
}

# The social map searched: this many services of this many
# organisations, searched for one word, as a resident would type it.
SOCIAL_MAP = {"organisations": 500, "services": 5_000}
SOCIAL_MAP_QUERY = "schulden"

# What the benchmark plan holds at factor 1; the large plan is ten times this.
PLAN_SHAPE = {"goals": 12, "agreements": 40, "members": 10, "measurements": 6, "strengths": 6, "evaluations": 3}


@dataclass
class Scale:
    small_db: int  # plans in the database for the first measurements
    large_db: int  # ... and for the last
    samples: int  # timed requests per median
    warmup: int
    # Rows of the early-signal CSV imported (the target is stated for 10,000).
    signal_rows: int = 10_000
    # Timed rounds of the insights dashboard against its measures as raw SQL: one round of
    # raw SQL computes every measure from scratch (tens of seconds at 10,000 plans, minutes
    # at 100,000), so fewer than for the pages.
    insights_samples: int = 5

    @classmethod
    def full(cls):
        return cls(small_db=1_000, large_db=100_000, samples=300, warmup=30)

    @classmethod
    def quick(cls):
        return cls(small_db=1_000, large_db=10_000, samples=80, warmup=15, insights_samples=1)


# The bench database --------------------------------------------------------------------


@dataclass
class BenchDatabase:
    url: str
    description: str
    create: Callable[[], None]
    drop: Callable[[], None]


def bench_database() -> BenchDatabase:
    """A database of its own next to the configured one: a SQLite file in var/bench/, or
    `<name>_bench` on the same PostgreSQL server. Never the configured database itself."""
    default = settings.DATABASES["default"]
    override = os.environ.get("SAMENPLAN_BENCH_DATABASE_URL")
    if default["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(settings.BASE_DIR) / "var" / "bench" / "bench.sqlite3"
        if str(path) == str(default["NAME"]):
            raise RuntimeError("The bench database would be the configured database.")

        def remove():
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

        def create():
            path.parent.mkdir(parents=True, exist_ok=True)
            remove()

        return BenchDatabase(url=override or f"sqlite:///{path}", description=str(path), create=create, drop=remove)

    if default["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError(f"The benchmark supports SQLite and PostgreSQL, not {default['ENGINE']}.")
    name = os.environ.get("SAMENPLAN_BENCH_DATABASE", f"{default['NAME']}_bench")
    if name == default["NAME"]:
        raise RuntimeError("The bench database would be the configured database.")
    credentials = quote(default.get("USER") or "")
    if default.get("PASSWORD"):
        credentials += ":" + quote(default["PASSWORD"])
    host = default.get("HOST") or "localhost"
    port = f":{default['PORT']}" if default.get("PORT") else ""
    url = override or f"postgres://{credentials}{'@' if credentials else ''}{host}{port}/{name}"

    def execute(sql):
        # CREATE and DROP DATABASE run outside a transaction, on the server's maintenance database.
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    quoted = connection.ops.quote_name(name)
    return BenchDatabase(
        url=url,
        description=f"PostgreSQL database {name}",
        create=lambda: (
            execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"),
            execute(f"CREATE DATABASE {quoted}"),
        ),
        drop=lambda: execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"),
    )


def manage(*args: str, env: dict | None = None) -> None:
    """Run another management command in a child process (fails loudly)."""
    subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        check=True,
        env=env,
        cwd=settings.BASE_DIR,
    )


# The benchmark plans --------------------------------------------------------------------


def build_plan(factor: int, label: str) -> Plan:
    """A plan with PLAN_SHAPE times `factor` goals, agreements, members, measurements...,
    owned by a new resident and coordinated by a professional of a social team."""
    now = timezone.now()
    today = timezone.localdate()
    wijk, _ = Wijk.objects.get_or_create(code="bench", defaults={"name": "Benchwijk"})
    team, _ = Organisation.objects.get_or_create(
        name="Sociaal Team Benchwijk", defaults={"kind": Organisation.Kind.SOCIAL_TEAM, "starts_plans": True}
    )
    specialists_org, _ = Organisation.objects.get_or_create(
        name="Schuldhulp Benchwijk", defaults={"kind": Organisation.Kind.DEBT}
    )

    def user(name, role, organisation=None):
        return User.objects.create(
            username=f"bench.{label}.{name}",
            first_name=name.capitalize(),
            last_name="Bench",
            role=role,
            organisation=organisation,
        )

    owner = user("owner", User.Role.RESIDENT)
    coordinator = user("coordinator", User.Role.PROFESSIONAL, team)
    plan = Plan.objects.create(owner=owner, wijk=wijk, status=Plan.Status.ACTIVE, created_by=coordinator)
    StoryVersion.objects.bulk_create(
        StoryVersion(plan=plan, number=n, text="Mijn verhaal, in mijn eigen woorden. " * 20, written_by=owner)
        for n in range(1, factor + 2)
    )
    members = {
        membership_create(
            plan=plan,
            user=coordinator,
            role=Membership.Role.COORDINATOR,
            relation=Membership.Relation.PROFESSIONAL,
            added_by=coordinator,
        ): COORDINATOR_DEFAULT
    }
    for n in range(PLAN_SHAPE["members"] * factor - 1):
        professional = n % 2 == 0
        person = user(
            f"member{n}",
            User.Role.PROFESSIONAL if professional else User.Role.NETWORK,
            specialists_org if professional else None,
        )
        membership = membership_create(
            plan=plan,
            user=person,
            role=Membership.Role.PROFESSIONAL if professional else Membership.Role.NETWORK,
            relation=Membership.Relation.PROFESSIONAL if professional else Membership.Relation.FRIEND,
            added_by=owner,
        )
        members[membership] = SPECIALIST if professional else FAMILY
    grants_decide(
        plan=plan,
        decided_by=owner,
        context=SharingDecision.Context.SETTINGS,
        decisions={m: {part: (level, None) for part, level in levels.items()} for m, levels in members.items()},
    )
    domains = list(LifeDomain.objects.all())
    Priority.objects.bulk_create(
        Priority(plan=plan, domain=domain, rank=rank)
        for rank, domain in enumerate(domains[: min(len(domains), 5 * factor)], start=1)
    )
    Strength.objects.bulk_create(
        Strength(
            plan=plan,
            kind=Strength.Kind.SELF if n % 2 else Strength.Kind.NETWORK,
            text=f"Sterk punt {n}",
            who="" if n % 2 else "mijn zus",
            rank=n + 1,
        )
        for n in range(PLAN_SHAPE["strengths"] * factor)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            plan=plan,
            text=f"Doel {n} in mijn eigen woorden",
            domain=domains[n % len(domains)],
            target_date=today + timedelta(days=30 + n),
            status=("open", "busy", "reached")[n % 3],
            helpers="mijn zus",
            created_by=owner,
        )
        for n in range(PLAN_SHAPE["goals"] * factor)
    )
    network_members = [m.user for m in members if m.role == Membership.Role.NETWORK]
    Agreement.objects.bulk_create(
        Agreement(
            plan=plan,
            goal=goals[n % len(goals)],
            what=f"Afspraak {n}",
            who_kind=("resident", "network", "professional")[n % 3],
            who_name="Iemand",
            assignee=network_members[n % len(network_members)] if n % 3 == 1 and network_members else None,
            due_date=today + timedelta(days=n - 10),
            status=("open", "busy", "done", "cancelled")[n % 4],
            support="heavy" if n % 3 == 2 else "light",
            created_by=owner,
        )
        for n in range(PLAN_SHAPE["agreements"] * factor)
    )
    Evaluation.objects.bulk_create(
        Evaluation(plan=plan, scheduled_for=today + timedelta(days=14 * (n + 1)), created_by=coordinator)
        for n in range(PLAN_SHAPE["evaluations"] * factor)
    )
    instruments = list(Instrument.objects.prefetch_related("items"))
    for n in range(PLAN_SHAPE["measurements"] * factor):
        instrument = instruments[n % len(instruments)]
        resident = n % 3 != 2
        measurement = Measurement.objects.create(
            plan=plan,
            instrument=instrument,
            perspective="resident" if resident else "professional",
            recorded_by=owner if resident else coordinator,
            recorded_at=now - timedelta(days=n),
        )
        Answer.objects.bulk_create(
            Answer(measurement=measurement, item=item, value=instrument.min_value + (n % 3))
            for item in instrument.items.all()
        )
    return plan


# The referral inbox ---------------------------------------------------------------------


def build_referral_inbox(count: int, label: str) -> User:
    """A receiving organisation whose team queue holds `count` referrals from as many plans,
    in every open state and some closed lately; returns a professional of that team.
    (Rows made directly: the inbox page is measured, not the way the referrals came.)"""
    from samenplan.directory.models import Service
    from samenplan.referrals.models import Referral

    now = timezone.now()
    today = timezone.localdate()
    wijk, _ = Wijk.objects.get_or_create(code="bench", defaults={"name": "Benchwijk"})
    sender_org, _ = Organisation.objects.get_or_create(
        name="Sociaal Team Benchwijk", defaults={"kind": Organisation.Kind.SOCIAL_TEAM, "starts_plans": True}
    )
    receiver_org = Organisation.objects.create(name=f"Inbox {label}", kind=Organisation.Kind.DEBT)
    service = Service.objects.create(organisation=receiver_org, name=f"Budgetcoaching {label}", description="Hulp.")

    def professional(name, organisation):
        return User.objects.create(
            username=f"bench.inbox.{label}.{name}",
            first_name=name.capitalize(),
            last_name="Bench",
            role=User.Role.PROFESSIONAL,
            organisation=organisation,
        )

    receiver, colleague = professional("receiver", receiver_org), professional("colleague", receiver_org)
    sender = professional("sender", sender_org)
    owners = User.objects.bulk_create(
        User(username=f"bench.inbox.{label}.resident{n}", first_name=f"Inwoner{n}", last_name="Bench")
        for n in range(count)
    )
    plans = Plan.objects.bulk_create(
        Plan(owner=owner, wijk=wijk, status=Plan.Status.ACTIVE, created_by=sender) for owner in owners
    )
    states = [
        (Referral.Status.REQUESTED, None),
        (Referral.Status.REQUESTED, None),
        (Referral.Status.ACCEPTED, receiver),
        (Referral.Status.IN_PROGRESS, colleague),
        (Referral.Status.COMPLETED, receiver),
    ]
    referrals = []
    for n, plan in enumerate(plans):
        status, assignee = states[n % len(states)]
        sent = now - timedelta(days=n % 20)
        referrals.append(
            Referral(
                plan=plan,
                service=service,
                organisation=receiver_org,
                question="Ik wil hulp bij mijn schulden.",
                priority=Referral.Priority.URGENT if n % 7 == 0 else Referral.Priority.ROUTINE,
                status=status,
                consent_parts=["story", "goals"],
                consented_by=plan.owner,
                consented_at=sent,
                proposed_by=sender,
                proposed_at=sent,
                assigned_to=assignee,
                respond_by=today - timedelta(days=n % 10 - 5),
                outcome=Referral.Outcome.HELPED if status == Referral.Status.COMPLETED else "",
                closed_at=now if status == Referral.Status.COMPLETED else None,
            )
        )
    Referral.objects.bulk_create(referrals)
    return receiver


# The HSDS import ------------------------------------------------------------------------


def hsds_services(count: int, term_ids: list[str]) -> list[dict]:
    """`count` HSDS services as a municipality's social map would send them: 50
    organisations, each service with a phone, opening hours, languages, topics and a place."""
    import uuid

    def uid(*parts):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "bench:" + ":".join(map(str, parts))))

    organisations = [
        {
            "id": uid("org", n),
            "name": f"Bench organisatie {n}",
            "description": "Hulp in de buurt.",
            "phones": [{"id": uid("org-phone", n), "number": f"040 {n:03d} 00 00"}],
        }
        for n in range(50)
    ]
    services = []
    for n in range(count):
        sid = uid("service", n)
        organisation = organisations[n % 50]
        services.append(
            {
                "id": sid,
                "organization_id": organisation["id"],
                "organization": organisation,
                "name": f"Dienst {n}",
                "description": "Samen kijken naar je post, je geld en wat je nodig hebt.",
                "status": "active",
                "eligibility_description": "Voor iedereen in de gemeente.",
                "minimum_age": 18,
                "email": f"dienst{n}@bench.example",
                "url": f"https://bench.example/diensten/{n}",
                "assured_date": "2026-01-15",
                "last_modified": "2026-01-15T10:00:00Z",
                "phones": [{"id": uid("phone", n), "number": "040 123 45 67"}],
                "languages": [{"id": uid("lang", n, c), "code": c} for c in ("nl", "en")],
                "schedules": [
                    {
                        "id": uid("schedule", n),
                        "freq": "WEEKLY",
                        "byday": "MO,WE",
                        "opens_at": "09:00",
                        "closes_at": "12:00",
                    }
                ],
                "attributes": [
                    {
                        "id": uid("attr", n),
                        "link_id": sid,
                        "link_entity": "service",
                        "taxonomy_term_id": term_ids[n % len(term_ids)],
                    }
                ],
                "service_at_locations": [
                    {
                        "id": uid("sal", n),
                        "service_id": sid,
                        "location_id": uid("location", n),
                        "location": {
                            "id": uid("location", n),
                            "location_type": "physical",
                            "name": f"Buurthuis {n}",
                            "organization_id": organisation["id"],
                            "addresses": [
                                {
                                    "id": uid("address", n),
                                    "address_1": f"Kerkstraat {n}",
                                    "city": "Helmstad",
                                    "state_province": "",
                                    "postal_code": "5701 AA",
                                    "country": "NL",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
            }
        )
    return services


def hsds_import_rate(count: int = 5_000) -> float:
    """Services per second of `manage.py hsds_import` reading `count` services as HSDS JSON
    into an empty SQLite database (made and thrown away here), timed by the command itself."""
    import json
    import re
    import tempfile

    from samenplan.directory.models import TaxonomyTerm

    term_ids = [
        str(t) for t in TaxonomyTerm.objects.filter(life_domain__isnull=False).values_list("hsds_id", flat=True)
    ]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "services.json"
        data.write_text(json.dumps(hsds_services(count, term_ids)))
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'hsds.sqlite3'}"}
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        done = subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "hsds_import", str(data)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
    seconds = float(re.search(r"Done in ([0-9.]+) s", done.stdout).group(1))
    if f"service: {count} added" not in done.stdout:
        raise RuntimeError(f"The HSDS import did not add {count} services:\n{done.stdout}")
    return round(count / seconds, 1)


# Measuring ------------------------------------------------------------------------------


def logged_in(user: User) -> Client:
    """A client let in the way production lets `user` in: staff after their second factor
    (a confirmed app that verified the session), so each page pays what it pays there."""
    client = Client()
    client.force_login(user)
    if user.has_staff_role:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench app", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}, not 200")
    return elapsed


def interleaved_medians(client: Client, urls: dict[str, str], samples: int, warmup: int, around=None) -> dict:
    """Median seconds per URL, taking turns so drift (CPU clock, caches) hits all alike.
    `around(name)` may wrap each request in a context (a setting), outside the timing."""
    times = {name: [] for name in urls}
    for round_ in range(warmup + samples):
        for name, url in urls.items():
            if around is not None:
                with around(name):
                    elapsed = _timed(client, url)
            else:
                elapsed = _timed(client, url)
            if round_ >= warmup:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _timed(client, url)
    return len(statements(queries))


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def add_social_map() -> None:
    """The social map's services for the search timing. In the bench worker they are added
    by a child process (like the synthetic plans), so the objects of the bulk insert do not
    count towards the serving process's memory. Elsewhere (the benchmark's own test, in a
    test database) a small map in-process is enough to run the code."""
    if os.environ.get(WORKER_GUARD) != "1":
        from .seeding import seed_social_map

        seed_social_map(organisations=10, services=100)
        return
    from django.db import connections

    connections.close_all()
    manage(
        "shell",
        "--no-imports",
        "--command",
        "from samenplan.demo.seeding import seed_social_map; "
        f"seed_social_map(organisations={SOCIAL_MAP['organisations']}, services={SOCIAL_MAP['services']})",
    )


def refresh_insights() -> float:
    """Compute the insights figures from scratch (`insights.refresh`); the seconds it took,
    as it records them. In the bench worker a child process does it (`manage.py
    insights_refresh`, like the seed), so its memory does not count towards the serving
    process's; elsewhere (the benchmark's own test) in-process."""
    from samenplan.insights.models import Refresh
    from samenplan.insights.refresh import refresh

    if os.environ.get(WORKER_GUARD) != "1":
        return refresh().seconds
    from django.db import connections

    connections.close_all()
    manage("insights_refresh")
    return Refresh.objects.filter(finished_at__isnull=False).first().seconds


def raw_insights_sql() -> Callable[[], None]:
    """The floor for the insights dashboard: every measure's own query (`insights.compute.
    sql_for`, the SQL `docs/indicators.md` prints) over the quarters shown, computed from
    scratch with a plain cursor, the rows fetched. No suppression, no page."""
    from samenplan.insights.compute import quarters, sql_for
    from samenplan.insights.measures import MEASURES

    periods = quarters()
    queries = [sql_for(measure, periods) for measure in MEASURES]

    def compute() -> None:
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return compute


def interleaved_task_medians(tasks: dict[str, Callable[[], None]], samples: int) -> dict:
    """Median seconds per task, taking turns like `interleaved_medians`."""
    times = {name: [] for name in tasks}
    for _round in range(samples):
        for name, task in tasks.items():
            started = time.perf_counter()
            task()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def time_insights(samples: int) -> dict:
    """The analyst's dashboard (GET /inzicht/, precomputed figures read through the
    suppression) against its measures as raw SQL, interleaved, `samples` each. One request
    first, as the analyst's first visit after a refresh (it fills the suppressed figures'
    cache); the raw SQL runs right after the refresh, on a warm database."""
    analyst, _ = User.objects.get_or_create(
        username="bench.analyst", defaults={"first_name": "Analist", "last_name": "Bench", "role": User.Role.ANALYST}
    )
    client = logged_in(analyst)
    _timed(client, "/inzicht/")
    medians = interleaved_task_medians(
        {"dashboard": lambda: _timed(client, "/inzicht/"), "raw_sql": raw_insights_sql()}, samples
    )
    medians["dashboard_queries"] = count_queries(client, "/inzicht/")
    return medians


def run(scale: Scale, grow: Callable[[int], None], say: Callable[[str], None] = lambda _: None) -> dict:
    """Measure everything in this process, against the configured (bench) database.
    `grow(n)` adds n synthetic plans to the database."""
    existing = Plan.objects.count()
    if existing < scale.small_db:
        say(f"Adding {scale.small_db - existing:,} synthetic plans")
        grow(scale.small_db - existing)
    say(f"Adding the social map: {SOCIAL_MAP['services']:,} services of {SOCIAL_MAP['organisations']:,} organisations")
    add_social_map()
    say("Building the benchmark plans")
    small = build_plan(1, "small")
    large = build_plan(10, "large")
    plan_url, large_url, floor_url = f"/plans/{small.pk}/", f"/plans/{large.pk}/", "/bench/floor/"

    client = logged_in(small.owner)
    large_client = logged_in(large.owner)

    with override_settings(ROOT_URLCONF=BENCH_URLCONF, ALLOWED_HOSTS=["testserver"], DEBUG=False):
        say(f"Timing the plan page and the floor view ({scale.samples} requests each)")
        first = interleaved_medians(client, {"plan": plan_url, "floor": floor_url}, scale.samples, scale.warmup)
        queries_small = count_queries(client, plan_url)
        queries_large = count_queries(large_client, large_url)

        api_url = f"/api/v1/plans/{small.pk}"
        say(f"Timing the API's plan read and the plan page ({scale.samples} requests each)")
        api = interleaved_medians(client, {"api": api_url, "page": plan_url}, scale.samples, scale.warmup)
        api_queries = count_queries(client, api_url)

        say("Timing the plan page with and without the audit log")
        audit = interleaved_medians(
            client,
            {"on": plan_url, "off": plan_url},
            scale.samples,
            scale.warmup,
            around=lambda name: override_settings(SAMENPLAN_AUDIT_ENABLED=name == "on"),
        )

        search_url = f"/sociale-kaart/?q={SOCIAL_MAP_QUERY}"
        say(f"Timing the social map's search and the floor view ({scale.samples} requests each)")
        social = interleaved_medians(client, {"search": search_url, "floor": floor_url}, scale.samples, scale.warmup)
        social_queries = count_queries(client, search_url)

        say(f"Adding {scale.large_db - Plan.objects.count():,} synthetic plans")
        grow(scale.large_db - Plan.objects.count())
        say(f"Timing the plan page with {Plan.objects.count():,} plans in the database")
        last = interleaved_medians(client, {"plan": plan_url, "floor": floor_url}, scale.samples, scale.warmup)

        # At the large database too, before anything else is added to it.
        plans = Plan.objects.count()
        say(f"Computing the insights figures from scratch with {plans:,} plans in the database")
        refresh_s = refresh_insights()
        say(
            f"Timing the insights dashboard and its measures as raw SQL ({scale.insights_samples} rounds each, "
            f"{refresh_s:.0f} s for the refresh)"
        )
        insights = time_insights(scale.insights_samples)

        # Last, so the plans these referrals come from do not change the database sizes above.
        say("Counting the queries of a referral inbox with 10 and with 100 referrals")
        inbox_small = logged_in(build_referral_inbox(10, "small"))
        inbox_large = logged_in(build_referral_inbox(100, "large"))
        _timed(inbox_small, "/referrals/inbox/")  # the first audit entry looks for a checkpoint
        inbox_queries_small = count_queries(inbox_small, "/referrals/inbox/")
        inbox_queries_large = count_queries(inbox_large, "/referrals/inbox/")

        say("Counting the queries of a wijk team's question queue with 10 and with 100 questions")
        from .bench_hubs import build_question_queue

        triage_small = logged_in(build_question_queue(10, "small"))
        triage_large = logged_in(build_question_queue(100, "large"))
        _timed(triage_small, "/wijkteam/vragen/")  # warm: the first visit fills caches
        triage_queries_small = count_queries(triage_small, "/wijkteam/vragen/")
        triage_queries_large = count_queries(triage_large, "/wijkteam/vragen/")

    say("Importing 5,000 services as HSDS JSON into an empty SQLite database")
    hsds_rate = hsds_import_rate()
    say(f"Importing {scale.signal_rows:,} early signals as CSV into an empty SQLite database")
    from .bench_signals import signal_import_rate

    signal_rate = signal_import_rate(scale.signal_rows)

    return {
        "plan_page_vs_floor": round(first["plan"] / first["floor"], 2),
        "plan_page_queries_small": queries_small,
        "plan_page_queries_large": queries_large,
        # Each phase against the floor timed alongside it: minutes pass between the two, and
        # whatever slows the whole machine or process meanwhile slows the floor as much.
        "plan_page_1k_vs_100k": round((last["plan"] / last["floor"]) / (first["plan"] / first["floor"]), 3),
        "audit_overhead": round(audit["on"] / audit["off"], 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "socialmap_search_vs_floor": round(social["search"] / social["floor"], 2),
        "referral_inbox_queries_small": inbox_queries_small,
        "referral_inbox_queries_large": inbox_queries_large,
        "triage_queries_small": triage_queries_small,
        "triage_queries_large": triage_queries_large,
        "hsds_import_services_per_s": hsds_rate,
        "signal_import_rows_per_s": signal_rate,
        "insights_vs_raw_sql": float(f"{insights['dashboard'] / insights['raw_sql']:.3g}"),
        "api_plan_vs_page": round(api["api"] / api["page"], 2),
        "insights_refresh_s": round(refresh_s, 1),
        "meta": {
            "date": timezone.now().isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
            "processor": platform.processor() or _cpu_model(),
            "python": platform.python_version(),
            "database": connection.vendor,
            "plans_in_database": [scale.small_db, scale.large_db],
            "samples_per_median": scale.samples,
            "insights_samples_per_median": scale.insights_samples,
            "audit_setting_in_settings": hasattr(settings, "SAMENPLAN_AUDIT_ENABLED"),
        },
        # Machine-dependent; for reading the ratios, not for comparing machines.
        "details": {
            "plan_page_vs_floor_with_large_database": round(last["plan"] / last["floor"], 2),
            "floor_large_vs_small_database": round(last["floor"] / first["floor"], 3),
            "plan_page_large_vs_small_database_unadjusted": round(last["plan"] / first["plan"], 3),
            "plan_page_large_plan_vs_small_plan_queries": f"{queries_large}/{queries_small}",
            "api_plan_read_queries": api_queries,
            "socialmap_search_queries": social_queries,
            "socialmap_search_query": SOCIAL_MAP_QUERY,
            "insights_dashboard_ms": round(insights["dashboard"] * 1000, 1),
            "insights_raw_sql_s": round(insights["raw_sql"], 2),
            "insights_dashboard_queries": insights["dashboard_queries"],
            "insights_refresh_s": round(refresh_s, 1),
            "insights_plans_in_database": plans,
        },
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def missed_targets(results: dict) -> list[str]:
    missed = []
    for key, (target, _label) in TARGETS.items():
        if results[key] > target:
            missed.append(key)
    if results["plan_page_queries_small"] != results["plan_page_queries_large"]:
        missed.append("plan_page_queries_large")
    if results.get("referral_inbox_queries_small") != results.get("referral_inbox_queries_large"):
        missed.append("referral_inbox_queries_large")
    if results.get("triage_queries_small") != results.get("triage_queries_large"):
        missed.append("triage_queries_large")
    for key, (least, _label) in TARGETS_AT_LEAST.items():
        if results.get(key, 0) < least:
            missed.append(key)
    return sorted(set(missed))


def table(results: dict) -> str:
    missed = set(missed_targets(results))
    lines = [f"  {'key':<26} {'value':>8}  {'target':<14} {'':<6} what", "  " + "-" * 110]
    for key, (target, label) in TARGETS.items():
        # The large query counts must also equal the small ones.
        want = f"= small, ≤ {target}" if key.endswith("_queries_large") else f"≤ {target}"
        lines.append(f"  {key:<26} {results[key]:>8}  {want:<14} {'MISSED' if key in missed else 'ok':<6} {label}")
    for key, (least, label) in TARGETS_AT_LEAST.items():
        value, want = results.get(key, "-"), f"≥ {least}"
        lines.append(f"  {key:<26} {value:>8}  {want:<14} {'MISSED' if key in missed else 'ok':<6} {label}")
    for key, label in REPORTED.items():
        lines.append(f"  {key:<26} {results.get(key, '-'):>8}  {'(reported)':<14} {'':<6} {label}")
    meta = results["meta"]
    lines.append("")
    lines.append(
        f"  {meta['date']} · {meta['machine']} · {meta['processor']} · Python {meta['python']} · "
        f"{meta['database']} · {meta['plans_in_database'][0]:,} vs {meta['plans_in_database'][1]:,} plans · "
        f"medians of {meta['samples_per_median']} requests "
        f"({meta.get('insights_samples_per_median', '-')} for the insights)"
    )
    if not meta["audit_setting_in_settings"]:
        lines.append(
            "  audit_overhead: no audit log is wired to SAMENPLAN_AUDIT_ENABLED yet, so both runs are the same "
            "code and the ratio only shows the noise (about 1.0)."
        )
    return "\n".join(lines)
