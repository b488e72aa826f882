"""A town full of plans for the insights tests, built in bulk: residents with plans in a
few wijken over the last two years, their stories, priorities, goals (some written by the
resident), agreements (light and heavy support), self-sufficiency measurements by the
resident and by a professional, evaluations with goal scores, and around the plans the
network: referrals, questions at the hubs, early signals, case conferences, breakthrough
requests with their anonymous copies, and consults.

Everything is drawn from one seeded random generator, so a test gets the same town every
time; `bulk_create` keeps a town of a few hundred plans to a second or two. The figures it
yields are not known in advance: tests compare what the pages show with what
`insights.selectors` says, never with numbers written down here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, ObstacleRecord, Theme
from samenplan.directory.models import Service
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.models import Agreement, Evaluation, Goal, GoalScore, Plan, Priority, StoryVersion
from samenplan.referrals.models import Referral, ReferralEvent
from samenplan.sharing.parts import Part

# How often a life domain is where the trouble is (the rest of the domains share what is left).
TROUBLE = {
    "financien": 10,
    "huisvesting": 6,
    "geestelijke-gezondheid": 6,
    "sociaal-netwerk": 5,
    "werk-opleiding": 4,
    "huiselijke-relaties": 4,
    "lichamelijke-gezondheid": 3,
    "tijdsbesteding": 2,
    "maatschappelijke-participatie": 2,
    "instrumentele-adl": 2,
    "middelengebruik": 1,
    "basale-adl": 1,
    "justitie": 1,
}
OBSTACLE_THEMES = [
    ("Toeslagen en terugvorderingen", 8),
    ("Wachtlijst beschermd wonen", 5),
    ("Urgentie voor een woning", 6),
    ("Schulden bij de overheid", 4),
    ("Jongeren van 18 tussen twee wetten", 2),
]


@dataclass
class World:
    wijken: list[Wijk]
    plans: list[Plan] = field(default_factory=list)
    professional: User | None = None
    today: date | None = None


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def build(
    *,
    wijken: list[tuple[str, str, int]] | None = None,
    today: date | None = None,
    quarters: int = 8,
    seed: int = 7,
    network: bool = True,
    prefix: str = "iw",
) -> World:
    """Build the town. `wijken` is (name, code, number of plans) per wijk; the plans start
    spread over the last `quarters` quarters (more of them recently, as a platform grows)."""
    rng = random.Random(seed)  # noqa: S311 - a test town, not a secret
    today = today or timezone.localdate()
    now = timezone.now()
    wijken = wijken or [("Helmstad-West", "west", 90), ("Helmstad-Oost", "oost", 75), ("Helmstad-Noord", "noord", 60)]
    first_day = _quarter_start(today)
    for _ in range(quarters - 1):
        first_day = _quarter_start(first_day - timedelta(days=1))
    span = (today - first_day).days

    team = Organisation.objects.create(
        name=f"Sociaal Team ({prefix})", kind=Organisation.Kind.SOCIAL_TEAM, starts_plans=True
    )
    professional = User.objects.create(
        username=f"{prefix}-professional",
        first_name="Pim",
        last_name="Prins",
        role=User.Role.PROFESSIONAL,
        organisation=team,
        password="!",
    )
    wijk_objects = []
    for name, code, _count in wijken:
        wijk, _created = Wijk.objects.get_or_create(code=code, defaults={"name": name})
        team.wijken.add(wijk)
        wijk_objects.append(wijk)

    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    weights = [TROUBLE.get(code, 1) for code in domains]
    instrument = Instrument.objects.get(code="zelfredzaamheid")
    items = list(instrument.items.select_related("domain"))

    # Residents and their plans ------------------------------------------------------------
    owners = []
    starts = []
    for wijk_number, (_name, _code, count) in enumerate(wijken):
        for number in range(count):
            owners.append(
                User(
                    username=f"{prefix}-{wijk_number}-{number}",
                    first_name="Inwoner",
                    last_name=f"{wijk_number}-{number}",
                    role=User.Role.RESIDENT,
                    password="!",
                )
            )
            # More plans recently: the square root of a uniform draw leans to the end.
            offset = int(span * rng.random() ** 0.6)
            starts.append((wijk_objects[wijk_number], first_day + timedelta(days=min(offset, span - 1))))
    owners = User.objects.bulk_create(owners)
    plans = []
    for owner, (wijk, started) in zip(owners, starts, strict=True):
        closed_at = None
        status = Plan.Status.ACTIVE
        if rng.random() < 0.18 and (today - started).days > 120:
            status = Plan.Status.CLOSED
            closed_at = _moment(started + timedelta(days=rng.randint(100, (today - started).days)))
        elif (today - started).days < 10 and rng.random() < 0.5:
            status = Plan.Status.INTAKE
        plans.append(
            Plan(
                owner=owner,
                wijk=wijk,
                status=status,
                created_by=professional,
                created_at=_moment(started, 9),
                closed_at=closed_at,
            )
        )
    plans = Plan.objects.bulk_create(plans)

    def when(plan: Plan, days: int) -> datetime | None:
        """A moment `days` after the plan started, or None when that is still to come."""
        moment = plan.created_at + timedelta(days=days)
        return moment if moment < now else None

    stories, priorities, goals, measurements, answers_for = [], [], [], [], []
    plan_trouble: dict[int, list[str]] = {}
    for plan in plans:
        confirmed = when(plan, rng.randint(2, 30)) if rng.random() < 0.78 else None
        stories.append(
            StoryVersion(
                plan=plan,
                number=1,
                text="Mijn verhaal.",
                written_by=professional,
                written_at=plan.created_at,
                confirmed_at=confirmed,
            )
        )
        trouble = []
        while len(trouble) < rng.choice((1, 2, 2, 3, 3, 4)):
            code = rng.choices(list(domains), weights)[0]
            if code not in trouble:
                trouble.append(code)
        plan_trouble[plan.pk] = trouble
        if rng.random() < 0.7:
            priorities.append(Priority(plan=plan, domain=domains[trouble[0]], rank=1))
        for code in trouble[:3]:
            by_resident = rng.random() < 0.55
            goals.append(
                Goal(
                    plan=plan,
                    text="Een doel.",
                    domain=domains[code],
                    created_by=plan.owner if by_resident else professional,
                    created_at=when(plan, rng.randint(1, 20)) or plan.created_at,
                )
            )
        # Self-sufficiency: the resident measures at the start and (later) again; so does
        # a professional, a bit more sternly. Trouble domains start low and mostly improve.
        for perspective, share, harsher in (
            (Measurement.Perspective.RESIDENT, 0.88, 0),
            (Measurement.Perspective.PROFESSIONAL, 0.72, 1),
        ):
            if rng.random() > share:
                continue
            current = {}
            for item in items:
                low = item.domain is not None and item.domain.code in trouble
                value = rng.choice((1, 2, 2)) if low else rng.choice((3, 4, 4, 5))
                current[item.pk] = (max(1, value - harsher * (rng.random() < 0.3)), low)
            for index, days in enumerate((rng.randint(1, 8), rng.randint(80, 140), rng.randint(200, 280))):
                recorded = when(plan, days)
                if recorded is None:
                    break
                measurements.append(
                    Measurement(
                        plan=plan,
                        instrument=instrument,
                        perspective=perspective,
                        recorded_by=plan.owner if perspective == Measurement.Perspective.RESIDENT else professional,
                        recorded_at=recorded,
                    )
                )
                if index:
                    for item_pk, (value, low) in current.items():
                        # Plans that started later improve more: the town learns.
                        later = (plan.created_at.date() - first_day).days / span
                        odds = (1, 5 - 3 * later, 3 + 3 * later, 1 + later) if low else (1, 10, 2, 0)
                        change = rng.choices((-1, 0, 1, 2), odds)[0]
                        current[item_pk] = (min(5, max(1, value + change)), low)
                answers_for.append({item_pk: value for item_pk, (value, _low) in current.items()})
    StoryVersion.objects.bulk_create(stories)
    Priority.objects.bulk_create(priorities)
    goals = Goal.objects.bulk_create(goals)
    measurements = Measurement.objects.bulk_create(measurements)
    Answer.objects.bulk_create(
        [
            Answer(measurement=measurement, item_id=item_pk, value=value)
            for measurement, values in zip(measurements, answers_for, strict=True)
            for item_pk, value in values.items()
        ],
        batch_size=2000,
    )

    # Agreements and evaluations ------------------------------------------------------------
    agreements, evaluations, scored = [], [], []
    goals_of: dict[int, list[Goal]] = {}
    for goal in goals:
        goals_of.setdefault(goal.plan_id, []).append(goal)
        for _ in range(rng.choice((1, 1, 2, 3))):
            light = rng.random() < 0.48
            created = goal.created_at + timedelta(days=rng.choice((0, 5, 20, 60, 120, 200)))
            if created >= now:
                created = goal.created_at
            agreements.append(
                Agreement(
                    plan_id=goal.plan_id,
                    goal=goal,
                    what="Een afspraak.",
                    who_kind=Agreement.Who.RESIDENT if light else Agreement.Who.PROFESSIONAL,
                    support=Agreement.Support.LIGHT if light else Agreement.Support.HEAVY,
                    status=rng.choice((Agreement.Status.OPEN, Agreement.Status.DONE, Agreement.Status.DONE)),
                    created_by=professional,
                    created_at=created,
                )
            )
    for plan in plans:
        for days in (rng.randint(90, 130), rng.randint(250, 300)):
            held = when(plan, days)
            if held is None or plan.status == Plan.Status.INTAKE:
                break
            evaluation = Evaluation(
                plan=plan, scheduled_for=held.date(), held_at=held, held_by=professional, created_by=professional
            )
            evaluations.append(evaluation)
            scored.append(goals_of.get(plan.pk, []))
    Agreement.objects.bulk_create(agreements)
    evaluations = Evaluation.objects.bulk_create(evaluations)
    GoalScore.objects.bulk_create(
        [
            GoalScore(evaluation=evaluation, goal=goal, score=rng.choices((-2, -1, 0, 1, 2), (1, 3, 6, 4, 2))[0])
            for evaluation, plan_goals in zip(evaluations, scored, strict=True)
            for goal in plan_goals
        ]
    )
    if network:
        _network(rng, plans, plan_trouble, wijk_objects, team, professional, domains, first_day, span, now, prefix)
    return World(wijken=wijk_objects, plans=plans, professional=professional, today=today)


def _network(rng, plans, plan_trouble, wijken, team, professional, domains, first_day, span, now, prefix):
    """Referrals, questions, signals, conferences, breakthroughs and consults around the plans."""
    debt = Organisation.objects.create(name=f"Schuldhulp ({prefix})", kind=Organisation.Kind.DEBT)
    housing = Organisation.objects.create(
        name=f"Woonbedrijf ({prefix})", kind=Organisation.Kind.HOUSING, delivers_signals=True
    )
    service = Service.objects.create(
        organisation=debt, name="Schuldhulpverlening", description="Hulp bij schulden.", self_referral=True
    )

    referrals, answered = [], []
    for plan in plans:
        if plan.status == Plan.Status.INTAKE:
            continue
        for _number in range(rng.choice((0, 1, 1, 2, 2, 3))):
            consented = plan.created_at + timedelta(days=rng.randint(5, 200))
            if consented >= now:
                continue
            answer_at = consented + timedelta(days=rng.choice((1, 2, 3, 4, 6, 9, 14)), hours=rng.randint(0, 8))
            accepted = rng.random() < 0.8
            if answer_at >= now:
                status, answer_at = Referral.Status.REQUESTED, None
            elif not accepted:
                status = Referral.Status.REJECTED
            else:
                status = Referral.Status.IN_PROGRESS
            closed_at, outcome = None, ""
            if status == Referral.Status.IN_PROGRESS:
                finished = answer_at + timedelta(days=rng.randint(30, 150))
                if finished < now:
                    status, closed_at = Referral.Status.COMPLETED, finished
                    outcome = rng.choices([choice.value for choice in Referral.Outcome], (6, 3, 1, 1))[0]
            referrals.append(
                Referral(
                    plan=plan,
                    service=service,
                    organisation=debt,
                    question="Hulp bij mijn schulden.",
                    status=status,
                    consent_parts=[Part.STORY],
                    consented_by=plan.owner,
                    consented_at=consented,
                    proposed_by=professional,
                    proposed_at=consented - timedelta(days=1),
                    closed_at=closed_at,
                    outcome=outcome,
                )
            )
            answered.append((answer_at, accepted))
    referrals = Referral.objects.bulk_create(referrals)
    ReferralEvent.objects.bulk_create(
        [
            ReferralEvent(
                referral=referral,
                status=Referral.Status.ACCEPTED if accepted else Referral.Status.REJECTED,
                at=answer_at,
            )
            for referral, (answer_at, accepted) in zip(referrals, answered, strict=True)
            if answer_at is not None
        ]
    )

    questions, signals, records = [], [], []
    question_outcomes = [choice.value for choice in Question.Outcome]
    signal_outcomes = [choice.value for choice in Signal.Outcome]
    for wijk_number, wijk in enumerate(wijken):
        for _number in range(int(span / 6)):
            arrived = _moment(first_day + timedelta(days=int(span * rng.random() ** 0.7)), rng.randint(8, 17))
            contact = arrived + timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)), hours=2)
            closed = contact + timedelta(days=rng.randint(1, 20))
            done = closed < now
            questions.append(
                Question(
                    wijk=wijk,
                    text="Ik heb een vraag.",
                    name="",
                    channel=Question.Channel.PHONE,
                    phone="0612345678",
                    consent_at=arrived,
                    created_at=arrived,
                    status=Question.Status.CLOSED if done else Question.Status.NEW,
                    first_contact_at=contact if contact < now else None,
                    closed_at=closed if done else None,
                    outcome=rng.choices(question_outcomes, (6, 4, 1, 2, 1))[0] if done else "",
                )
            )
        for number in range(int(span / 9)):
            arrived = _moment(first_day + timedelta(days=int(span * rng.random() ** 0.7)), 7)
            reached = rng.random() < 0.7
            contact = arrived + timedelta(days=2)
            closed = arrived + timedelta(days=rng.randint(5, 40))
            done = closed < now
            signals.append(
                Signal(
                    partner=housing,
                    partner_reference=f"{prefix}-{wijk_number}-{number}",
                    name="Bewoner",
                    street=f"Dorpsstraat {number + 1}",
                    postcode=f"57{wijk_number:02d}AB",
                    kind=Signal.Kind.RENT,
                    amount="850.00",
                    months_in_arrears=2,
                    last_reminder_on=arrived.date() - timedelta(days=10),
                    collection_steps_confirmed=True,
                    wijk=wijk,
                    household=f"57{wijk_number:02d}AB|DORPSSTRAAT {number + 1}",
                    created_at=arrived,
                    status=Signal.Status.CLOSED if done else Signal.Status.OUTREACH,
                    first_contact_at=arrived + timedelta(days=2)
                    if reached and arrived + timedelta(days=2) < now
                    else None,
                    closed_at=closed if done else None,
                    outcome=(rng.choice(signal_outcomes[:5]) if reached else "no_contact") if done else "",
                )
            )
    Question.objects.bulk_create(questions)
    Signal.objects.bulk_create(signals)

    conferences, breakthroughs, consults = [], [], []
    for plan in plans:
        if plan.status == Plan.Status.INTAKE:
            continue
        if rng.random() < 0.18:
            meets = plan.created_at + timedelta(days=rng.randint(20, 200))
            if meets < now:
                conferences.append(
                    Conference(
                        plan=plan,
                        convened_by=professional,
                        convened_at=meets - timedelta(days=7),
                        stuck="Het zit vast.",
                        meets_at=meets,
                        place="Wijkpunt",
                        status=Conference.Status.CLOSED,
                        consent_parts=[Part.STORY],
                        consented_by=plan.owner,
                        consented_at=meets - timedelta(days=5),
                        closed_at=meets + timedelta(hours=2),
                    )
                )
        # Consults: about the plan's troubles, now and then over its life.
        for _number in range(rng.choice((0, 1, 1, 2, 3, 4))):
            asked = plan.created_at + timedelta(days=rng.randint(3, 400))
            if asked < now:
                consults.append(
                    Consult(
                        asked_by=professional,
                        from_organisation=team,
                        to_organisation=debt,
                        domain=domains[rng.choice(plan_trouble[plan.pk])],
                        question="Een vraag aan een collega.",
                        plan=plan,
                        part=Part.STORY,
                        consented_by=plan.owner,
                        consented_at=asked,
                        status=Consult.Status.ANSWERED,
                        asked_at=asked,
                    )
                )
    conferences = Conference.objects.bulk_create(conferences)
    for conference in conferences:
        if rng.random() < 0.6:
            filed = conference.meets_at + timedelta(days=1)
            decided = filed + timedelta(days=rng.randint(3, 14))
            done = decided < now
            breakthroughs.append(
                BreakthroughRequest(
                    conference=conference,
                    plan=conference.plan,
                    obstacle="Een regel staat in de weg.",
                    solution="Een oplossing.",
                    cost_solution=1500,
                    cost_nothing=12000,
                    filed_by=professional,
                    filed_at=filed,
                    decide_by=(filed + timedelta(days=14)).date(),
                    status=rng.choice(("granted", "granted", "refused")) if done else "submitted",
                    decided_by=professional if done else None,
                    decided_at=decided if done else None,
                )
            )
            records.append((conference, filed))
    BreakthroughRequest.objects.bulk_create(breakthroughs)
    Consult.objects.bulk_create(consults)

    themes = [Theme.objects.get_or_create(name=name)[0] for name, _weight in OBSTACLE_THEMES]
    theme_weights = [weight for _name, weight in OBSTACLE_THEMES]
    # The anonymous copies: those of the requests above, and as many again from before the
    # platform (the officer keeps them all), so the recurring themes have numbers to show.
    filed_months = [filed.date().replace(day=1) for _conference, filed in records]
    filed_months += [
        (first_day + timedelta(days=int(span * rng.random()))).replace(day=1) for _ in range(len(wijken) * span // 5)
    ]
    obstacles = ObstacleRecord.objects.bulk_create(
        [
            ObstacleRecord(
                wijk=rng.choice(wijken),
                filed_month=month,
                obstacle="Een regel staat in de weg.",
                solution="Een oplossing.",
                cost_solution=1500,
                cost_nothing=12000,
            )
            for month in filed_months
        ]
    )
    links = []
    for obstacle in obstacles:
        chosen = {themes[index] for index in rng.choices(range(len(themes)), theme_weights, k=rng.choice((1, 1, 2)))}
        links += [ObstacleRecord.themes.through(obstaclerecord=obstacle, theme=theme) for theme in chosen]
    ObstacleRecord.themes.through.objects.bulk_create(links)
