"""Synthetic residents and plans in bulk, for load tests, benchmarks and trying the app at
the size of a real municipality (`manage.py seed --plans 100000`).

Everything is invented: names are drawn from short built-in lists, texts from fragments
below. The wijken and organisations are those of the demo town. Each plan looks like a
real one: a story (sometimes rewritten and confirmed by the resident), what matters,
strengths, goals with agreements, measurements with answers, evaluations, and the people
let in with their grants, a coordinator in every plan, each professional with a caseload
of a few dozen plans.

The plans have a history the insights figures can see (`insights/measures.py`): they
started over the last two years and a bit, in every wijk (Mierlo-Akker, a village, about
half the size of the others), and closed after five months to two years. Some goals are
the resident's own; agreements are made over the plan's life, more of them light support
later on; evaluations every three to four months score the goals and repeat the resident's
and the professional's self-sufficiency measurement, which improves over time; some plans
start in crisis. `seed(history=True)` adds referrals, questions at the hubs, early signals,
emergency accesses, case conferences and breakthrough requests (`insights_history.py`).

Rows are written in bulk in batches of plans, one transaction per batch, so memory stays
flat and an interrupted run leaves whole plans behind: plain multi-row INSERTs (`_insert`,
and `bulk_create` below for rows whose new ids are needed), as building and preparing a
model instance per row cost more than the database's own work.
"""

from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

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
# Plans start up to this many days ago: the insights' eight quarters, and a little before.
HISTORY_DAYS = 800
# How many plans a wijk has against the others (1): the village is smaller.
WIJK_WEIGHTS = {"mierlo-akker": 0.55}
# The instrument whose measurements the insights compare (insights.measures.SELF_SUFFICIENCY).
SELF_SUFFICIENCY = "zelfredzaamheid"

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
# What, who does it, and the life domain of the goal it may serve (None: any goal).
AGREEMENTS = [
    ("Alle post verzamelen in één map", Agreement.Who.RESIDENT, "financien"),
    ("Elke zaterdag samen de post openen", Agreement.Who.NETWORK, "financien"),
    ("Aanmelden bij de schuldhulp", Agreement.Who.PROFESSIONAL, "financien"),
    ("Betalingsregeling bespreken met de woningcorporatie", Agreement.Who.PROFESSIONAL, "financien"),
    ("Gesprek met de huisarts plannen", Agreement.Who.RESIDENT, None),
    ("Meegaan naar het eerste gesprek", Agreement.Who.NETWORK, None),
    ("Aanvraag bijzondere bijstand indienen", Agreement.Who.PROFESSIONAL, "financien"),
    ("Open dag van de opleiding bezoeken", Agreement.Who.RESIDENT, "werk-opleiding"),
    ("Op woensdag op de kinderen passen", Agreement.Who.NETWORK, None),
    ("Werkfit-traject starten", Agreement.Who.PROFESSIONAL, "werk-opleiding"),
    ("Elke week samen wandelen", Agreement.Who.NETWORK, None),
    ("Zelf de afspraken in mijn agenda zetten", Agreement.Who.RESIDENT, None),
    ("Intake bij de GGZ", Agreement.Who.PROFESSIONAL, "geestelijke-gezondheid"),
]
LIGHT_AGREEMENTS = [a for a in AGREEMENTS if a[1] != Agreement.Who.PROFESSIONAL]
HEAVY_AGREEMENTS = [a for a in AGREEMENTS if a[1] == Agreement.Who.PROFESSIONAL]
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
    # Each item's life domain (None for items about no domain).
    item_domains: dict[int, int | None] = field(default_factory=dict)
    # Running sums of WIJK_WEIGHTS over `wijken`, for `random.choices`.
    wijk_weights: list[float] = field(default_factory=list)

    @property
    def self_sufficiency(self) -> Instrument | None:
        return next((i for i in self.instruments if i.code == SELF_SUFFICIENCY), None) or (
            self.instruments[0] if self.instruments else None
        )


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
    weights, total = [], 0.0
    for wijk in wijken.values():
        total += WIJK_WEIGHTS.get(wijk.code, 1.0)
        weights.append(total)
    return Town(
        wijken=list(wijken.values()),
        social_teams=[o for o in organisations if o.starts_plans],
        specialists=[o for o in organisations if o.kind in JOB_TITLES and not o.starts_plans],
        domains=list(LifeDomain.objects.all()),
        instruments=instruments,
        items={i.pk: [item.pk for item in i.items.all()] for i in instruments},
        item_domains={item.pk: item.domain_id for i in instruments for item in i.items.all()},
        wijk_weights=weights,
    )


@dataclass
class SeedResult:
    plans: int
    users: int
    rows: int
    seconds: float


def seed(
    *, plans: int, batch_size: int = 500, random_seed: int = 2024, stream=None, history: bool = False
) -> SeedResult:
    """Add `plans` synthetic plans (with their residents, network and professionals).
    With `history`, also what happened around them (`insights_history.add_history`)."""
    started = time.monotonic()
    the_town = town()
    rng = random.Random(random_seed + User.objects.count())
    progress = Progress(plans, "plans", stream=stream) if stream is not False else None
    total = SeedResult(plans=0, users=0, rows=0, seconds=0)
    around = None
    if history:
        from .insights_history import Surroundings

        around = Surroundings.load(the_town)
    while total.plans < plans:
        count = min(batch_size, plans - total.plans)
        with transaction.atomic():
            users, rows, batch_plans = _batch(count, the_town, rng)
            if around is not None:
                rows += around.add(batch_plans, rng)
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


AGREEMENT_FIELDS = [
    "plan", "goal", "what", "who_kind", "who_name", "assignee", "due_date", "status", "support", "created_by",
    "on_behalf", "created_at", "updated_at", "version", "assignee_left",
]  # fmt: skip
MEASUREMENT_FIELDS = [
    "plan", "instrument", "perspective", "recorded_by", "on_behalf", "note", "recorded_at", "evaluation", "is_draft",
    "step",
]  # fmt: skip


def _when(moment: datetime, rng: random.Random, now: datetime, until: datetime | None = None) -> datetime | None:
    """`moment` in office hours, or None when it has not come yet (or falls after `until`)."""
    if moment > now or (until is not None and moment > until):
        return None
    return _office(moment, rng, now)


def _professional_view(levels: dict[int, int], lowest: int, rng: random.Random) -> dict[int, int]:
    """The professional's scores: the resident's, now and then a step lower."""
    return {domain: max(lowest, value - 1) if rng.random() < 0.2 else value for domain, value in levels.items()}


def _batch(count: int, the_town: Town, rng: random.Random) -> tuple[int, int, list[Plan]]:
    """Write `count` plans in bulk; return the number of users and of rows written, and the plans."""
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
    bulk_create(users)
    rows += len(users)

    # Plans: started over the last two years and a bit; a few fresh ones still at the
    # intake; most that ran five months to two years closed.
    plans = []
    for resident in residents:
        started = _office(now - timedelta(days=rng.randint(1, HISTORY_DAYS)), rng, now)
        age = (now - started).days
        closed_at = None
        if age < 21 and rng.random() < 0.5:
            stage = Plan.Status.INTAKE
        else:
            length = rng.randint(150, 720)
            if length < age and rng.random() < 0.8:
                stage, closed_at = Plan.Status.CLOSED, _office(started + timedelta(days=length), rng, now)
            else:
                stage = Plan.Status.ACTIVE
        plans.append(
            Plan(
                owner=resident,
                wijk=rng.choices(the_town.wijken, cum_weights=the_town.wijk_weights)[0],
                status=stage,
                created_by=rng.choice(coordinators),
                created_at=started,
                closed_at=closed_at,
            )
        )
    bulk_create(plans)
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
        end = plan.closed_at or now
        if plan.status == Plan.Status.INTAKE:
            stories.append(
                StoryVersion(plan=plan, number=1, text=text, written_by=coordinator, written_at=plan.created_at)
            )
        else:
            # Most residents confirm their story in the first week; some only months later
            # (or rewrite it then), some never do.
            later = rng.random()
            if later < 0.62:
                confirmed = _office(plan.created_at + timedelta(days=rng.randint(1, 7)), rng, now)
            elif later < 0.75:
                confirmed = _when(plan.created_at + timedelta(days=rng.randint(30, 240)), rng, now, end)
            else:
                confirmed = None
            if confirmed is not None and rng.random() < 0.5:
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
                        # Some goals the resident writes down in their own words.
                        created_by=plan.owner if rng.random() < 0.4 else coordinator,
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

    bulk_create(stories)
    _insert(Priority, ["plan", "domain", "rank", "note"], priorities)
    _insert(Strength, ["plan", "kind", "text", "who", "rank"], strengths)
    bulk_create(goals)
    bulk_create(memberships)
    _insert(SharingDecision, DECISION_FIELDS, decisions)
    grants = [
        (membership.pk, str(part), int(level), membership.added_by.pk, membership.added_at)
        for membership, levels in member_grants
        for part, level in levels.items()
    ]
    _insert(Grant, ["membership", "part", "level", "granted_by", "granted_at"], grants)
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
        end = plan.closed_at or now
        life = max(0, (end - plan.created_at).days)
        # An evaluation every three to four months while the plan runs (at most six).
        held = []
        moment = plan.created_at
        for number in range(1, 7):
            moment += timedelta(days=rng.randint(75, 130))
            held_at = _when(moment, rng, now, end)
            if held_at is None:
                break
            if rng.random() < 0.1:
                continue  # put off, and the next one is planned instead
            evaluation = Evaluation(
                plan=plan,
                scheduled_for=held_at.date(),
                held_at=held_at,
                held_by=plan.created_by,
                summary=rng.choice(("Het gaat stap voor stap beter.", "Geldzaken geven nog zorgen.", "")),
                created_by=plan.created_by,
            )
            evaluations.append(evaluation)
            scored.append((evaluation, plan_goals, number))
            held.append(held_at)
        if plan.status == Plan.Status.ACTIVE:
            evaluations.append(
                Evaluation(
                    plan=plan,
                    scheduled_for=working_day(today + timedelta(days=rng.randint(-10, 60)), forward=True),
                    created_by=plan.created_by,
                )
            )
        # Agreements over the plan's life: a few in its first three months, more of them for
        # professionals (heavy support); some more at each evaluation, more and more of them
        # for the resident and their network (light support).
        moments = [
            plan.created_at + timedelta(days=rng.randint(0, min(life, 89)), minutes=rng.randint(0, 480))
            for _ in range(rng.randint(1, 4))
        ]
        for held_at in held:
            moments += [held_at + timedelta(minutes=rng.randint(5, 60))] * rng.choice((0, 1, 1, 2))
        used = set()
        for created in moments:
            offset = (created - plan.created_at).days
            light = rng.random() < 0.4 + 0.3 * min(1.0, offset / 365)
            kinds = LIGHT_AGREEMENTS if light else HEAVY_AGREEMENTS
            what, who, topic = rng.choice([a for a in kinds if a[0] not in used] or kinds)
            used.add(what)
            assignee = rng.choice(helpers) if who == Agreement.Who.NETWORK and helpers else None
            fitting = [g for g in plan_goals if topic is None or g.domain.code == topic]
            due = created.date() + timedelta(days=rng.randint(7, 75))
            if due < today - timedelta(days=14):
                status = rng.choices(("busy", "done", "cancelled"), weights=(1, 8, 1))[0]
            else:
                status = rng.choices(("open", "busy", "done", "cancelled"), weights=(4, 3, 2, 1))[0]
            goal = rng.choice(fitting) if fitting and rng.random() < 0.85 else None
            agreements.append(
                (
                    plan.pk,
                    goal.pk if goal else None,
                    what,
                    str(who),
                    assignee.first_name if assignee else ("" if who == Agreement.Who.RESIDENT else "Wijkteam"),
                    assignee.pk if assignee else None,
                    due,
                    status,
                    "heavy" if who == Agreement.Who.PROFESSIONAL else "light",
                    plan.created_by.pk,
                    False,
                    min(created, end),
                    now,
                    1,
                    False,
                )
            )
    _insert(Agreement, AGREEMENT_FIELDS, agreements)
    bulk_create(evaluations)
    # Goals go better at later evaluations, and a little better in plans started lately
    # (the teams learn): from about -0.3 at a first evaluation to +0.6 at a fourth.
    scores = []
    for evaluation, plan_goals, number in scored:
        recent = 1 - min(1.0, (now - evaluation.held_at).days / HISTORY_DAYS)
        mean = -0.5 + 0.3 * min(number, 4) + 0.3 * recent
        for goal in plan_goals:
            score = max(-2, min(2, round(rng.gauss(mean, 1.0))))
            scores.append((evaluation.pk, goal.pk, score, ""))
    _insert(GoalScore, ["evaluation", "goal", "score", "note"], scores)
    rows += len(agreements) + len(evaluations) + len(scores)

    # The resident fills in each instrument at the start, the self-sufficiency one again at
    # most held evaluations (the others at the first); the coordinator gives their view on
    # self-sufficiency at the start and at some evaluations. Life domains with a goal start
    # low (one at the lowest level, a crisis, in some plans) and mostly improve.
    measurements, levels = [], []
    ssm = the_town.self_sufficiency

    def measure(plan, instrument, level, *, perspective, recorded_by, recorded_at, evaluation=None):
        """One measurement to insert, and the level (or levels per domain) its answers lie at."""
        measurements.append(
            (
                plan.pk,
                instrument.pk,
                str(perspective),
                recorded_by.pk,
                False,
                "",
                recorded_at,
                evaluation.pk if evaluation else None,
                False,
                1,
            )
        )
        levels.append((instrument, level))

    held_by_plan: dict[int, list[Evaluation]] = {}
    for evaluation, _goals, _number in scored:
        held_by_plan.setdefault(evaluation.plan_id, []).append(evaluation)
    resident, professional = Measurement.Perspective.RESIDENT, Measurement.Perspective.PROFESSIONAL
    for plan in plans:
        if plan.status == Plan.Status.INTAKE:
            continue
        first_time = _office(plan.created_at + timedelta(days=rng.randint(1, 10)), rng, now)
        held = held_by_plan.get(plan.pk, [])
        for instrument in the_town.instruments:
            if instrument is ssm:
                continue
            base = rng.randint(instrument.min_value, (instrument.min_value + instrument.max_value) // 2)
            measure(plan, instrument, base, perspective=resident, recorded_by=plan.owner, recorded_at=first_time)
            if held:
                measure(
                    plan,
                    instrument,
                    min(instrument.max_value, base + 1),
                    perspective=resident,
                    recorded_by=plan.owner,
                    recorded_at=held[0].held_at,
                    evaluation=held[0],
                )
        if ssm is None:
            continue
        # Self-sufficiency per life domain: where the plan has a goal it starts low (one
        # domain at the lowest level, a crisis, in some plans) and mostly improves.
        low, high = ssm.min_value, ssm.max_value
        problems = [g.domain_id for g in goals_by_plan.get(plan.pk, [])]
        now_levels = {d.pk: rng.choice((low + 2, low + 3, low + 3, high)) for d in the_town.domains}
        for domain_id in problems:
            now_levels[domain_id] = low + 1
        if problems and rng.random() < 0.3:
            now_levels[rng.choice(problems)] = low
        professional_at = _office(first_time + timedelta(days=1), rng, now)
        measure(plan, ssm, dict(now_levels), perspective=resident, recorded_by=plan.owner, recorded_at=first_time)
        measure(
            plan,
            ssm,
            _professional_view(now_levels, low, rng),
            perspective=professional,
            recorded_by=plan.created_by,
            recorded_at=professional_at,
        )
        for evaluation in held:
            for domain_id in problems:
                if rng.random() < 0.45:
                    now_levels[domain_id] = min(high, now_levels[domain_id] + 1)
            if rng.random() < 0.75:
                measure(
                    plan,
                    ssm,
                    dict(now_levels),
                    perspective=resident,
                    recorded_by=plan.owner,
                    recorded_at=evaluation.held_at,
                    evaluation=evaluation,
                )
            if rng.random() < 0.5:
                measure(
                    plan,
                    ssm,
                    _professional_view(now_levels, low, rng),
                    perspective=professional,
                    recorded_by=plan.created_by,
                    recorded_at=evaluation.held_at,
                    evaluation=evaluation,
                )
    measurement_ids = _insert(Measurement, MEASUREMENT_FIELDS, measurements, returning=True)
    answers = []
    item_domains = the_town.item_domains
    for measurement_id, (instrument, level) in zip(measurement_ids, levels, strict=True):
        for item_id in the_town.items[instrument.pk]:
            if rng.random() < 0.9:
                if isinstance(level, dict):
                    value = level.get(item_domains[item_id], instrument.min_value + 2)
                else:
                    value = min(instrument.max_value, max(instrument.min_value, level + rng.randint(-1, 1)))
                answers.append((measurement_id, item_id, value, rng.random() < 0.1))
    _insert(Answer, ["measurement", "item", "value", "wants_to_talk"], answers)
    rows += len(measurements) + len(answers)
    return len(users), rows, plans


def _insert(model, field_names: list[str], rows: list[tuple], *, returning: bool = False):
    """Insert plain tuples with one multi-row statement per chunk. For the biggest tables
    (answers, grants, measurements...), building a model instance per row costs more than
    the database's own work. Returns the number of rows, or with `returning` the new ids in
    the order of `rows` (as `bulk_create` relies on, on SQLite and PostgreSQL alike). Every
    column without a default in the database must be given."""
    fields = [model._meta.get_field(name) for name in field_names]
    adapt = [_adapter(f) for f in fields]
    if any(adapt):
        rows = [tuple(a(v) if a and v is not None else v for a, v in zip(adapt, row, strict=True)) for row in rows]
    if connection.vendor == "postgresql":
        return _copy(model, fields, rows, returning=returning)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = f"({', '.join(['%s'] * len(fields))})"
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608 (names from the model, values as parameters)
    with connection.cursor() as cursor:
        if not returning:
            for start in range(0, len(rows), 5000):
                cursor.executemany(sql + one, rows[start : start + 5000])
            return len(rows)
        ids = []
        step = max(1, (connection.features.max_query_params or 10_000) // len(fields))
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.execute(
                f"{sql}{', '.join([one] * len(chunk))} RETURNING {quote(model._meta.pk.column)}",
                [value for row in chunk for value in row],
            )
            ids += [row[0] for row in cursor.fetchall()]
        return ids


def _copy(model, fields, rows: list[tuple], *, returning: bool):
    """`_insert` on PostgreSQL: COPY, several times faster than INSERT statements (whose
    thousands of placeholders psycopg parses anew for each). The new ids, when wanted, are
    taken from the table's sequence first and written along."""
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    columns = [f.column for f in fields]
    ids = None
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) AS id FROM generate_series(1, %s) ORDER BY id",
                [table, pk, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            rows = [(new_id, *row) for new_id, row in zip(ids, rows, strict=True)]
            columns = [pk, *columns]
        statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    return ids if returning else len(rows)


def _adapter(field):
    """How a value of this field goes to the database, where the driver cannot take it as
    it is (None: as it is)."""
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, (models.JSONField, models.UUIDField, models.DecimalField)):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def bulk_create(objects: list) -> list:
    """`Model.objects.bulk_create(objects)` for new rows of one model, at a third of the
    cost: the values go to `_insert` as they are, and the new ids come back onto the
    objects. No signals, no related objects saved first (their ids must be set)."""
    if not objects:
        return objects
    model = type(objects[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    rows = []
    for obj in objects:
        row = []
        for f in fields:
            value = getattr(obj, f.attname)
            if value is None and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)):
                value = now
                setattr(obj, f.attname, value)
            row.append(value.value if isinstance(value, Enum) else value)
        rows.append(tuple(row))
    ids = _insert(model, [f.name for f in fields], rows, returning=True)
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
    return objects


def _decision(plan: Plan, decided_by: User, context: str, members: list[tuple[User, dict]]) -> tuple:
    """The record of consent, in the shape `sharing.services.grants_decide` writes (a row
    of DECISION_FIELDS)."""
    snapshot = [
        {"member": user.pk, "name": user.display_name, "part": str(part), "level": int(level), "until": None}
        for user, levels in members
        for part, level in levels.items()
        if level != Level.NONE
    ]
    return (plan.pk, decided_by.pk, False, plan.created_at, str(context), snapshot)


DECISION_FIELDS = ["plan", "decided_by", "on_behalf", "decided_at", "context", "grants"]


# The social map at scale ---------------------------------------------------------------
# Organisations with their places and services, for the benchmark of
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
