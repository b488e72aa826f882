"""Synthetic residents and plans in bulk, for load tests, benchmarks and trying the app at
the size of a real municipality (`manage.py seed --plans 100000`).

Everything is invented: names are drawn from short built-in lists, texts from fragments
below. The wijken and organisations are those of the demo town. Each plan looks like a
real one: a story (sometimes rewritten and confirmed by the resident), what matters,
strengths, goals with agreements, measurements with answers, evaluations, and the people
let in with their grants, a coordinator in every plan, each professional with a caseload
of a few dozen plans.

Rows are written with `bulk_create` in batches of plans, one transaction per batch, so
memory stays flat and an interrupted run leaves whole plans behind.
"""

from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.models import Agreement, Evaluation, Goal, GoalScore, Plan, Priority, StoryVersion, Strength
from samenplan.sharing.models import Grant, Membership, SharingDecision
from samenplan.sharing.parts import Level

from .builder import COORDINATOR_DEFAULT, FAMILY, ORGANISATIONS, SPECIALIST, WIJKEN, office_time, working_day

EMAIL_DOMAIN = "seed.samenplan.example"
# A coordinator has about this many plans, like a social-team worker's caseload.
PLANS_PER_COORDINATOR = 40
PLANS_PER_SPECIALIST = 25

FIRST_NAMES = [
    "Anna", "Emma", "Julia", "Sophie", "Fleur", "Lotte", "Sanne", "Eva", "Lisa", "Noa", "Sara", "Fenna",
    "Ingrid", "Marja", "Petra", "Wilma", "Annemarie", "Ria", "Joke", "Gerda", "Fatima", "Samira", "Nadia",
    "Yasmina", "Khadija", "Aisha", "Elif", "Zeynep", "Ayse", "Mariam", "Grace", "Priya", "Monique", "Gloria",
    "Daan", "Sem", "Lucas", "Finn", "Milan", "Thijs", "Bram", "Ruben", "Jesse", "Tim", "Kevin", "Dennis",
    "Jan", "Henk", "Kees", "Piet", "Gerrit", "Wim", "Ton", "Hans", "Rob", "Marco", "Mohammed", "Ahmed",
    "Youssef", "Omar", "Bilal", "Mustafa", "Mehmet", "Emre", "Yusuf", "Hasan", "Ricardo", "Jermaine",
    "Rajesh", "Dimitri", "Tomasz", "Piotr",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "Verbeek",
    "Swinkels", "van Lieshout", "Claassen", "Coppens", "Maas", "Aarts", "van Dam", "Bosman", "Martens",
    "El Amrani", "Bouzid", "El Idrissi", "Benali", "Yilmaz", "Demir", "Kaya", "Şahin", "Çelik", "Öztürk",
    "Nguyen", "Tran", "Kowalski", "Nowak", "Martina", "Wijngaarde", "Sital", "Ramdin", "Mohan",
]  # fmt: skip
STORY_OPENINGS = [
    "Ik woon met mijn twee kinderen in een huurhuis.",
    "Sinds mijn scheiding woon ik alleen.",
    "Ik ben vorig jaar mijn baan kwijtgeraakt.",
    "Ik zorg voor mijn moeder, die steeds minder kan.",
    "Ik ben net uit de opvang en heb een kamer gevonden.",
    "Na een ongeluk kan ik mijn werk niet meer doen.",
    "Ik ben met pensioen en mijn partner is overleden.",
    "Ik ben achttien en woon sinds kort op mezelf.",
]
STORY_TROUBLES = [
    "Er liggen brieven die ik niet open durf te maken.",
    "Ik heb een huurachterstand van een paar maanden.",
    "Ik slaap slecht en pieker veel.",
    "Mijn zoon gaat niet graag naar school.",
    "Ik zie bijna niemand meer.",
    "Ik heb schulden bij de zorgverzekering.",
    "Mijn rug doet veel pijn, daardoor kom ik weinig buiten.",
    "Ik drink meer dan goed voor me is.",
    "Het lukt niet om rond te komen van mijn uitkering.",
    "Er is vaak ruzie thuis.",
]
STORY_WISHES = [
    "Ik wil weer rust in mijn hoofd.",
    "Ik wil graag weer werk, ook als het parttime is.",
    "Ik wil dat de kinderen niets merken van de geldzorgen.",
    "Ik wil mijn eigen geld weer kunnen regelen.",
    "Ik wil meer mensen om me heen.",
    "Ik wil in mijn huis kunnen blijven wonen.",
]
GOALS = {
    "financien": ["Ik betaal mijn rekeningen op tijd", "Ik heb een overzicht van mijn schulden"],
    "werk-opleiding": ["Ik heb weer werk, ook als het parttime is", "Ik begin aan een opleiding"],
    "tijdsbesteding": ["Ik heb elke week iets leuks om naar uit te kijken"],
    "huisvesting": ["Ik heb een vaste woonplek", "Mijn huurachterstand is weg"],
    "huiselijke-relaties": ["Er is minder ruzie thuis", "Mijn kind gaat weer graag naar school"],
    "geestelijke-gezondheid": ["Ik slaap weer beter", "Ik pieker minder"],
    "lichamelijke-gezondheid": ["Ik kan weer een stuk wandelen", "Ik ga naar de fysiotherapeut"],
    "middelengebruik": ["Ik drink doordeweeks niet meer"],
    "basale-adl": ["Ik zorg elke dag goed voor mezelf"],
    "instrumentele-adl": ["Ik doe zelf de boodschappen"],
    "sociaal-netwerk": ["Ik zie elke week iemand om mee te praten"],
    "maatschappelijke-participatie": ["Ik doe vrijwilligerswerk", "Ik ga naar het buurthuis"],
    "justitie": ["Ik kom mijn afspraken met de reclassering na"],
}
AGREEMENTS = [
    ("Alle post verzamelen in één map", Agreement.Who.RESIDENT),
    ("Elke zaterdag samen de post openen", Agreement.Who.NETWORK),
    ("Aanmelden bij de schuldhulp", Agreement.Who.PROFESSIONAL),
    ("Betalingsregeling bespreken met de woningcorporatie", Agreement.Who.PROFESSIONAL),
    ("Gesprek met de huisarts plannen", Agreement.Who.RESIDENT),
    ("Meegaan naar het eerste gesprek", Agreement.Who.NETWORK),
    ("Aanvraag bijzondere bijstand indienen", Agreement.Who.PROFESSIONAL),
    ("Open dag van de opleiding bezoeken", Agreement.Who.RESIDENT),
    ("Op woensdag op de kinderen passen", Agreement.Who.NETWORK),
    ("Werkfit-traject starten", Agreement.Who.PROFESSIONAL),
]
STRENGTHS_SELF = [
    "Ik kan goed plannen als ik rust heb",
    "Ik kook elke dag",
    "Ik ben handig met klussen",
    "Ik kan goed met mensen praten",
    "Ik geef niet snel op",
    "Ik spreek drie talen",
]
STRENGTHS_NETWORK = [
    ("Helpen met de post", "mijn zus"),
    ("Boodschappen doen", "de buurman"),
    ("Op de kinderen passen", "mijn moeder"),
    ("Meegaan naar afspraken", "een vriendin"),
]
NETWORK_RELATIONS = [
    Membership.Relation.FAMILY,
    Membership.Relation.PARTNER,
    Membership.Relation.FRIEND,
    Membership.Relation.NEIGHBOUR,
    Membership.Relation.CARER,
    Membership.Relation.BUDDY,
]
JOB_TITLES = {
    Organisation.Kind.SOCIAL_TEAM: "Sociaal werker",
    Organisation.Kind.DEBT: "Schuldhulpverlener",
    Organisation.Kind.HOUSING: "Woonconsulent",
    Organisation.Kind.MENTAL_HEALTH: "Sociaal psychiatrisch verpleegkundige",
    Organisation.Kind.EMPLOYMENT: "Werkcoach",
    Organisation.Kind.GP: "Praktijkondersteuner",
    Organisation.Kind.YOUTH: "Jeugdconsulent",
}


def _slug(value: str) -> str:
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_value.lower())


class Progress:
    """A one-line progress bar with throughput on a terminal; a line every few seconds
    in a log file or CI output."""

    def __init__(self, total: int, unit: str, stream=None, width: int = 30):
        self.total, self.unit, self.width = total, unit, width
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = self.last_line = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.tty or now - self.last_line >= 5 or self.done >= self.total:
            self.last_line = now
            self._write(now, end="" if self.tty and self.done < self.total else "\n")

    def _write(self, now: float, end: str) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        filled = int(self.width * self.done / self.total) if self.total else self.width
        left = (self.total - self.done) / rate if rate else 0
        line = (
            f"  [{'#' * filled}{'.' * (self.width - filled)}] {self.done:,}/{self.total:,} {self.unit}"
            f"  {rate:,.0f} {self.unit}/s  {_duration(elapsed)} elapsed, {_duration(left)} to go"
        )
        self.stream.write(("\r" if self.tty else "") + line + end)
        self.stream.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


@dataclass
class Town:
    wijken: list[Wijk]
    social_teams: list[Organisation]
    specialists: list[Organisation]
    domains: list[LifeDomain]
    instruments: list[Instrument]
    items: dict[int, list[int]] = field(default_factory=dict)


def town() -> Town:
    """The demo town's wijken and organisations (created when missing) and the instruments."""
    wijken = {code: Wijk.objects.get_or_create(code=code, defaults={"name": name})[0] for name, code in WIJKEN}
    organisations = []
    for name, kind, wijk_codes, starts in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "starts_plans": starts}
        )
        if created:
            organisation.wijken.set([wijken[c] for c in wijk_codes] or list(wijken.values()))
        organisations.append(organisation)
    instruments = list(Instrument.objects.filter(active=True).prefetch_related("items"))
    return Town(
        wijken=list(wijken.values()),
        social_teams=[o for o in organisations if o.starts_plans],
        specialists=[o for o in organisations if o.kind in JOB_TITLES and not o.starts_plans],
        domains=list(LifeDomain.objects.all()),
        instruments=instruments,
        items={i.pk: [item.pk for item in i.items.all()] for i in instruments},
    )


@dataclass
class SeedResult:
    plans: int
    users: int
    rows: int
    seconds: float


def seed(*, plans: int, batch_size: int = 500, random_seed: int = 2024, stream=None) -> SeedResult:
    """Add `plans` synthetic plans (with their residents, network and professionals)."""
    started = time.monotonic()
    the_town = town()
    rng = random.Random(random_seed + User.objects.count())
    progress = Progress(plans, "plans", stream=stream) if stream is not False else None
    total = SeedResult(plans=0, users=0, rows=0, seconds=0)
    while total.plans < plans:
        count = min(batch_size, plans - total.plans)
        with transaction.atomic():
            users, rows = _batch(count, the_town, rng)
        total.plans += count
        total.users += users
        total.rows += rows
        if progress:
            progress.update(count)
    # After a bulk load the planner's statistics still describe the old, smaller tables
    # (PostgreSQL, until autovacuum gets round to them) or do not exist (SQLite); either can
    # mean a scan of a whole table on a plan page. Refresh them, as one does after a load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total.seconds = time.monotonic() - started
    return total


def _office(moment: datetime, rng: random.Random, now: datetime) -> datetime:
    """The moment moved into office hours on a working day, never after `now`: people
    write, meet and fill in forms with their professional during the working week."""
    day = timezone.localtime(min(moment, now)).date()
    at = office_time(day, rng.randint(9, 16), rng.choice((0, 15, 30, 45)))
    while at > now:
        day -= timedelta(days=1)
        at = office_time(day, 9)
    return at


def _batch(count: int, the_town: Town, rng: random.Random) -> tuple[int, int]:
    """Write `count` plans in bulk; return the number of users and of rows written."""
    now = timezone.now()
    today = timezone.localdate()
    password = make_password(None)  # unusable: synthetic people never log in by password
    next_number = (User.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    rows = 0

    def person(role, organisation=None, title=""):
        nonlocal next_number
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        username = f"{_slug(first)}.{_slug(last)}.{next_number}"
        next_number += 1
        return User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{EMAIL_DOMAIN}",
            password=password,
            role=role,
            organisation=organisation,
            job_title=title,
            date_joined=now,
        )

    coordinators = [
        person(User.Role.PROFESSIONAL, organisation, JOB_TITLES[organisation.kind])
        for organisation in (rng.choice(the_town.social_teams) for _ in range(max(1, count // PLANS_PER_COORDINATOR)))
    ]
    specialists = [
        person(User.Role.PROFESSIONAL, organisation, JOB_TITLES[organisation.kind])
        for organisation in (rng.choice(the_town.specialists) for _ in range(max(1, count // PLANS_PER_SPECIALIST)))
    ]
    residents = [person(User.Role.RESIDENT) for _ in range(count)]
    network_counts = [rng.choice((0, 0, 1, 1, 1, 2, 2, 3)) for _ in range(count)]
    network = [person(User.Role.NETWORK) for _ in range(sum(network_counts))]
    users = coordinators + specialists + residents + network
    User.objects.bulk_create(users)
    rows += len(users)

    # Plans: a few fresh intakes, most active, a quarter closed.
    plans = []
    for resident in residents:
        started = _office(now - timedelta(days=rng.randint(1, 720)), rng, now)
        stage = rng.choices(("intake", "active", "closed"), weights=(5, 70, 25))[0]
        plans.append(
            Plan(
                owner=resident,
                wijk=rng.choice(the_town.wijken),
                status=stage,
                created_by=rng.choice(coordinators),
                created_at=started,
                closed_at=_office(now - timedelta(days=rng.randint(0, 30)), rng, now) if stage == "closed" else None,
            )
        )
    Plan.objects.bulk_create(plans)
    rows += len(plans)

    stories, priorities, strengths, goals, memberships, decisions = [], [], [], [], [], []
    member_grants: list[tuple[Membership, dict]] = []
    network_iter = iter(network)
    plan_network: dict[int, list[User]] = {}
    for plan, network_count in zip(plans, network_counts, strict=True):
        text = " ".join(
            [rng.choice(STORY_OPENINGS), *rng.sample(STORY_TROUBLES, rng.randint(1, 3)), rng.choice(STORY_WISHES)]
        )
        coordinator = plan.created_by
        if plan.status == Plan.Status.INTAKE:
            stories.append(
                StoryVersion(plan=plan, number=1, text=text, written_by=coordinator, written_at=plan.created_at)
            )
        else:
            confirmed = _office(plan.created_at + timedelta(days=rng.randint(1, 7)), rng, now)
            if rng.random() < 0.5:
                stories.append(
                    StoryVersion(plan=plan, number=1, text=text, written_by=coordinator, written_at=plan.created_at)
                )
                stories.append(
                    StoryVersion(
                        plan=plan,
                        number=2,
                        text=f"{text} Dit is mijn verhaal.",
                        written_by=plan.owner,
                        written_at=confirmed,
                        confirmed_at=confirmed,
                    )
                )
            else:
                stories.append(
                    StoryVersion(
                        plan=plan,
                        number=1,
                        text=text,
                        written_by=coordinator,
                        written_at=plan.created_at,
                        confirmed_at=confirmed,
                    )
                )
            for rank, domain in enumerate(rng.sample(the_town.domains, rng.randint(2, 5)), start=1):
                priorities.append((plan.pk, domain.pk, rank, ""))
            for rank, value in enumerate(rng.sample(STRENGTHS_SELF, rng.randint(1, 3)), start=1):
                strengths.append((plan.pk, Strength.Kind.SELF.value, value, "", rank))
            for rank, (value, who) in enumerate(rng.sample(STRENGTHS_NETWORK, rng.randint(0, 2)), start=1):
                strengths.append((plan.pk, Strength.Kind.NETWORK.value, value, who, rank))
            for domain in rng.sample(the_town.domains, rng.randint(1, 5)):
                goals.append(
                    Goal(
                        plan=plan,
                        text=rng.choice(GOALS.get(domain.code, ["Het gaat beter met me"])),
                        domain=domain,
                        target_date=today + timedelta(days=rng.randint(-60, 240)),
                        status=rng.choices(("open", "busy", "reached", "stopped"), weights=(3, 4, 2, 1))[0],
                        helpers=rng.choice(("", "mijn zus", "de schuldhulp", "het sociaal team", "de buurman")),
                        created_by=coordinator,
                        created_at=plan.created_at,
                    )
                )

        coordinator_membership = Membership(
            plan=plan,
            user=coordinator,
            role=Membership.Role.COORDINATOR,
            relation=Membership.Relation.PROFESSIONAL,
            organisation_id=coordinator.organisation_id,
            added_by=coordinator,
            added_at=plan.created_at,
        )
        memberships.append(coordinator_membership)
        member_grants.append((coordinator_membership, COORDINATOR_DEFAULT))
        decisions.append(
            _decision(plan, coordinator, SharingDecision.Context.INTAKE, [(coordinator, COORDINATOR_DEFAULT)])
        )
        others = []
        people = [next(network_iter) for _ in range(network_count)]
        plan_network[id(plan)] = people
        if plan.status != Plan.Status.INTAKE:
            for member in people:
                others.append((member, Membership.Role.NETWORK, rng.choice(NETWORK_RELATIONS), FAMILY))
            for member in rng.sample(specialists, min(len(specialists), rng.choice((0, 1, 1, 2)))):
                others.append((member, Membership.Role.PROFESSIONAL, Membership.Relation.PROFESSIONAL, SPECIALIST))
        for member, role, relation, levels in others:
            membership = Membership(
                plan=plan,
                user=member,
                role=role,
                relation=relation,
                organisation_id=member.organisation_id,
                added_by=plan.owner,
                added_at=plan.created_at + timedelta(days=2),
            )
            memberships.append(membership)
            member_grants.append((membership, levels))
        if others:
            decisions.append(
                _decision(plan, plan.owner, SharingDecision.Context.SETTINGS, [(m, lv) for m, _r, _rel, lv in others])
            )

    StoryVersion.objects.bulk_create(stories)
    _insert(Priority, ["plan", "domain", "rank", "note"], priorities)
    _insert(Strength, ["plan", "kind", "text", "who", "rank"], strengths)
    Goal.objects.bulk_create(goals)
    Membership.objects.bulk_create(memberships)
    SharingDecision.objects.bulk_create(decisions)
    grants = [
        Grant(
            membership=membership,
            part=part,
            level=level,
            granted_by=membership.added_by,
            granted_at=membership.added_at,
        )
        for membership, levels in member_grants
        for part, level in levels.items()
    ]
    Grant.objects.bulk_create(grants)
    rows += len(stories) + len(priorities) + len(strengths) + len(goals) + len(memberships) + len(decisions)
    rows += len(grants)

    goals_by_plan: dict[int, list[Goal]] = {}
    for goal in goals:
        goals_by_plan.setdefault(goal.plan_id, []).append(goal)
    agreements, evaluations, scored = [], [], []
    for plan in plans:
        if plan.status == Plan.Status.INTAKE:
            continue
        plan_goals = goals_by_plan.get(plan.pk, [])
        helpers = plan_network[id(plan)]
        for what, who in rng.sample(AGREEMENTS, rng.randint(1, 7)):
            assignee = rng.choice(helpers) if who == Agreement.Who.NETWORK and helpers else None
            agreements.append(
                Agreement(
                    plan=plan,
                    goal=rng.choice(plan_goals) if plan_goals and rng.random() < 0.8 else None,
                    what=what,
                    who_kind=who,
                    who_name=assignee.first_name if assignee else ("" if who == Agreement.Who.RESIDENT else "Wijkteam"),
                    assignee=assignee,
                    due_date=today + timedelta(days=rng.randint(-45, 90)),
                    status=rng.choices(("open", "busy", "done", "cancelled"), weights=(4, 3, 4, 1))[0],
                    support=Agreement.Support.HEAVY if who == Agreement.Who.PROFESSIONAL else Agreement.Support.LIGHT,
                    created_by=plan.created_by,
                    created_at=plan.created_at,
                )
            )
        held_at = plan.created_at + timedelta(days=rng.randint(60, 120))
        if held_at < now and rng.random() < 0.6:
            held_at = _office(held_at, rng, now)
            evaluation = Evaluation(
                plan=plan,
                scheduled_for=held_at.date(),
                held_at=held_at,
                held_by=plan.created_by,
                summary=rng.choice(("Het gaat stap voor stap beter.", "Geldzaken geven nog zorgen.", "")),
                created_by=plan.created_by,
            )
            evaluations.append(evaluation)
            scored.append((evaluation, plan_goals))
        if plan.status == Plan.Status.ACTIVE:
            evaluations.append(
                Evaluation(
                    plan=plan,
                    scheduled_for=working_day(today + timedelta(days=rng.randint(-10, 60)), forward=True),
                    created_by=plan.created_by,
                )
            )
    Agreement.objects.bulk_create(agreements)
    Evaluation.objects.bulk_create(evaluations)
    scores = [
        (evaluation.pk, goal.pk, rng.choice((-1, 0, 0, 1, 1, 2)), "")
        for evaluation, plan_goals in scored
        for goal in plan_goals
    ]
    _insert(GoalScore, ["evaluation", "goal", "score", "note"], scores)
    rows += len(agreements) + len(evaluations) + len(scores)

    # The resident fills in each instrument at the start, again at a held evaluation;
    # the coordinator adds a view on the first instrument.
    measurements, levels = [], []

    def measure(plan, instrument, level, **fields):
        """One measurement to insert, and the level its answers lie around."""
        measurements.append(Measurement(plan=plan, instrument=instrument, **fields))
        levels.append((instrument, level))

    held_by_plan = {evaluation.plan_id: evaluation for evaluation, _goals in scored}
    resident = Measurement.Perspective.RESIDENT
    for plan in plans:
        if plan.status == Plan.Status.INTAKE:
            continue
        first_time = _office(plan.created_at + timedelta(days=rng.randint(1, 10)), rng, now)
        held = held_by_plan.get(plan.pk)
        for instrument in the_town.instruments:
            base = rng.randint(instrument.min_value, (instrument.min_value + instrument.max_value) // 2)
            measure(plan, instrument, base, perspective=resident, recorded_by=plan.owner, recorded_at=first_time)
            if held is not None:
                measure(
                    plan,
                    instrument,
                    base + 1,
                    perspective=resident,
                    recorded_by=plan.owner,
                    recorded_at=held.held_at,
                    evaluation=held,
                )
        if the_town.instruments:
            instrument = the_town.instruments[0]
            measure(
                plan,
                instrument,
                (instrument.min_value + instrument.max_value) // 2,
                perspective=Measurement.Perspective.PROFESSIONAL,
                recorded_by=plan.created_by,
                recorded_at=_office(first_time + timedelta(days=1), rng, now),
            )
    Measurement.objects.bulk_create(measurements)
    answers = []
    for measurement, (instrument, base) in zip(measurements, levels, strict=True):
        for item_id in the_town.items[instrument.pk]:
            if rng.random() < 0.9:
                value = min(instrument.max_value, max(instrument.min_value, base + rng.randint(-1, 1)))
                answers.append((measurement.pk, item_id, value, rng.random() < 0.1))
    _insert(Answer, ["measurement", "item", "value", "wants_to_talk"], answers)
    rows += len(measurements) + len(answers)
    return len(users), rows


def _insert(model, field_names: list[str], rows: list[tuple]) -> int:
    """Insert plain tuples with one multi-row statement per chunk. For the biggest tables
    (answers, grants, ...), building a model instance per row costs more than the
    database's own work; nothing here needs the new ids back."""
    fields = [model._meta.get_field(name) for name in field_names]
    adapt = [connection.ops.adapt_datetimefield_value if isinstance(f, models.DateTimeField) else None for f in fields]
    if any(adapt):
        rows = [tuple(a(v) if a else v for a, v in zip(adapt, row, strict=True)) for row in rows]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 (names from the model, values as parameters)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


def _decision(plan: Plan, decided_by: User, context: str, members: list[tuple[User, dict]]) -> SharingDecision:
    """The record of consent, in the shape `sharing.services.grants_decide` writes."""
    snapshot = [
        {"member": user.pk, "name": user.display_name, "part": str(part), "level": int(level), "until": None}
        for user, levels in members
        for part, level in levels.items()
        if level != Level.NONE
    ]
    return SharingDecision(
        plan=plan, decided_by=decided_by, decided_at=plan.created_at, context=context, grants=snapshot
    )


# The social map at scale ---------------------------------------------------------------
# (helper "socialmap") Organisations with their places and services, for the benchmark of
# the social map's search (`socialmap_search_vs_floor`): bulk inserts, the search text
# computed on the way in (on SQLite the FTS triggers fill the index).

SOCIAL_MAP_SERVICES = [
    # name, life domain code, what they do
    ("Schuldhulpverlening", "financien",
     "Als je schulden hebt die je niet meer kunt overzien, maken we samen een plan. We praten met de mensen "
     "aan wie je geld moet betalen."),
    ("Hulp bij betalingsachterstanden", "financien",
     "Je hebt rekeningen die je niet op tijd kunt betalen. We zoeken samen naar een regeling, voordat het "
     "erger wordt."),
    ("Formulierenbrigade", "financien",
     "Een vrijwilliger helpt je met brieven en formulieren: toeslagen, bijzondere bijstand, kwijtschelding."),
    ("Thuisadministratie", "financien", "Een maatje komt bij je thuis en brengt samen met je orde in je papieren."),
    ("Voedselbank", "financien", "Elke week een pakket met eten voor wie even niet rond kan komen."),
    ("Kledingbank", "financien", "Gratis kleding voor volwassenen en kinderen, als je weinig geld hebt."),
    ("Werkcoach", "werk-opleiding", "Samen zoeken we werk dat bij je past, of een opleiding of stage."),
    ("Taalcafé", "werk-opleiding", "Nederlands oefenen in een ontspannen sfeer, met koffie en thee."),
    ("Digitaal spreekuur", "werk-opleiding", "Hulp met je computer, telefoon, DigiD en e-mail."),
    ("Huiswerkbegeleiding", "werk-opleiding", "Na school hulp bij huiswerk voor kinderen en jongeren."),
    ("Inloop in het buurthuis", "tijdsbesteding", "Binnenlopen voor een kop koffie, een praatje en activiteiten."),
    ("Samen koken en eten", "tijdsbesteding", "Elke week samen koken en aan tafel met mensen uit de buurt."),
    ("Woonbegeleiding", "huisvesting", "Hulp als wonen niet goed lukt: je huis, je buren, je huur."),
    ("Spreekuur huurachterstand", "huisvesting",
     "Loop binnen als je de huur niet kunt betalen. De woningcorporatie denkt met je mee."),
    ("Opvoedsteunpunt", "huiselijke-relaties", "Vragen over opvoeden en opgroeien? Een pedagoog denkt met je mee."),
    ("Mantelzorgondersteuning", "huiselijke-relaties", "Steun en een luisterend oor als je zorgt voor iemand."),
    ("Steunpunt huiselijk geweld", "huiselijke-relaties", "Praat erover als het thuis niet veilig is. Dag en nacht."),
    ("Praatgroep somberheid", "geestelijke-gezondheid", "Samen praten over somberheid, piekeren en slecht slapen."),
    ("Psychische hulp in de wijk", "geestelijke-gezondheid", "Een praktijkondersteuner helpt bij stress en angst."),
    ("Buurtsport", "lichamelijke-gezondheid", "Samen bewegen in de gymzaal of het park, voor elke leeftijd."),
    ("Valpreventie", "lichamelijke-gezondheid", "Oefeningen voor ouderen om sterker te worden en niet te vallen."),
    ("Verslavingszorg", "middelengebruik", "Hulp als je meer drinkt, blowt of gokt dan je wilt."),
    ("Hulp in de huishouding", "instrumentele-adl", "Iemand helpt je met schoonmaken, wassen en boodschappen."),
    ("Maatjesproject", "sociaal-netwerk", "Een vrijwilliger die een keer per week met je wandelt of koffie drinkt."),
    ("Vrijwilligerswerk vinden", "maatschappelijke-participatie", "We helpen je vrijwilligerswerk te vinden."),
    ("Juridisch spreekuur", "justitie", "Gratis advies over je rechten: huur, werk, boetes en uitkeringen."),
]  # fmt: skip
SOCIAL_MAP_KINDS = ["Stichting", "Vereniging", "Coöperatie", "Steunpunt"]
SOCIAL_MAP_PLACES = ["Wijkcentrum", "Buurthuis", "Servicepunt", "Inloophuis", "Kantoor"]
SOCIAL_MAP_STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsplein", "Schoolstraat", "Lindelaan"]
SOCIAL_MAP_LANGUAGES = [["nl"], ["nl", "en"], ["nl", "ar", "tr"], ["nl", "pl"], ["nl", "en", "uk"]]


def seed_social_map(*, organisations: int = 500, services: int = 5_000, random_seed: int = 2024) -> int:
    """Add `organisations` organisations with a place each and `services` services spread
    over them, in a few bulk inserts. Returns the number of services added."""
    from samenplan.directory.models import Location, Service, ServiceAtLocation, TaxonomyTerm
    from samenplan.directory.search import search_text_for

    rng = random.Random(random_seed)
    the_town = town()
    terms = {
        term.life_domain.code: term
        for term in TaxonomyTerm.objects.filter(life_domain__isnull=False).select_related("life_domain")
    }
    first = Organisation.objects.count()
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"{rng.choice(SOCIAL_MAP_KINDS)} {rng.choice(LAST_NAMES)} {first + n}",
                kind=rng.choice(
                    [
                        Organisation.Kind.WELFARE,
                        Organisation.Kind.VOLUNTEER,
                        Organisation.Kind.DEBT,
                        Organisation.Kind.OTHER,
                    ]
                ),
                phone=f"040 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            )
            for n in range(organisations)
        )
        places = Location.objects.bulk_create(
            Location(
                organisation=org,
                name=f"{rng.choice(SOCIAL_MAP_PLACES)} {org.name.split()[-2]}",
                address_1=f"{rng.choice(SOCIAL_MAP_STREETS)} {rng.randint(1, 120)}",
                postal_code=f"57{rng.randint(10, 99)} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
                city="Helmstad",
                wijk=rng.choice(the_town.wijken),
            )
            for org in orgs
        )
        today = timezone.localdate()
        rows = []
        for n in range(services):
            org = orgs[n % len(orgs)]
            name, domain, description = SOCIAL_MAP_SERVICES[rng.randrange(len(SOCIAL_MAP_SERVICES))]
            service = Service(
                organisation=org,
                name=f"{name} {org.name.split()[-2]}",
                description=description,
                eligibility_description=rng.choice(
                    ["Voor iedereen.", "Voor inwoners van Helmstad.", "Voor ouders met kinderen tot 18 jaar."]
                ),
                minimum_age=rng.choice([None, None, 18, 12, 65]),
                walk_in=rng.random() < 0.4,
                by_phone=rng.random() < 0.7,
                self_referral=rng.random() < 0.6,
                via_professional=rng.random() < 0.5,
                free=rng.random() < 0.8,
                languages=rng.choice(SOCIAL_MAP_LANGUAGES),
                assured_date=today - timedelta(days=rng.randint(0, 300)),
            )
            term = terms.get(domain)
            service.search_text = search_text_for(
                service, organisation_name=org.name, term_names=[term.name] if term else []
            )
            rows.append((service, term, places[n % len(places)]))
        created = Service.objects.bulk_create([service for service, _, _ in rows], batch_size=1000)
        ServiceAtLocation.objects.bulk_create(
            (
                ServiceAtLocation(service=service, location=place)
                for service, (_, _, place) in zip(created, rows, strict=True)
            ),
            batch_size=1000,
        )
        Service.terms.through.objects.bulk_create(
            (
                Service.terms.through(service_id=service.pk, taxonomyterm_id=term.pk)
                for service, (_, term, _) in zip(created, rows, strict=True)
                if term
            ),
            batch_size=1000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(created)
