"""What happened around the synthetic plans (`seeding.py`) over the last two years, for the
insights figures (`insights/measures.py`): referrals and their answers, questions at the
wijk hubs, early signals of payment arrears with their outreach, emergency accesses, case
conferences and breakthrough requests with their anonymous copies, and consults.

Everything is written in bulk, per batch of plans, like the plans themselves
(`seed(history=True)`; `manage.py demo` adds its synthetic plans that way). The numbers
are rough shares of what a municipality's social team sees, per plan.

The demo's own stories stay as they are: what the synthetic history adds lands where no
demo account looks.

- Referrals and consults go to organisations where no one but synthetic professionals
  works (the demo's Kredietbank, Wooncorporatie Peelrand, Humanitas...), so no demo
  account's referral inbox fills up.
- Questions and signals arrived at least 60 days ago and were closed within about three
  weeks: a wijk team's queue shows open ones and those closed in the last 30 days, so it
  keeps showing the demo's own. Signals come from two partners of their own (a water
  company and a health insurer), not from Woonbedrijf, whose signal partner logs in.
- Breakthrough requests were decided more than 90 days ago: the officer's queue shows
  waiting ones and those decided lately.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from samenplan.accounts.models import Organisation, User, WijkPostcode
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, ObstacleRecord, Theme
from samenplan.directory.models import Service
from samenplan.early_signals.models import Signal, SignalEvent
from samenplan.early_signals.services.importing import household_key
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.plans.models import Plan
from samenplan.referrals.models import Referral, ReferralEvent
from samenplan.sharing.models import EmergencyAccess, Membership
from samenplan.sharing.parts import Part

from .builder import office_time
from .seeding import EMAIL_DOMAIN, bulk_create, town

# Per plan past the intake (referrals: how many, by weight).
REFERRALS_PER_PLAN = ((0, 1, 2), (55, 33, 12))
QUESTIONS_PER_PLAN = 0.8
SIGNALS_PER_PLAN = 0.6
EMERGENCY_SHARE = 0.04
CONFERENCE_SHARE = 0.12
BREAKTHROUGH_SHARE = 0.6  # of the conferences held
CONSULT_SHARE = 0.06
ANONYMOUS_CONSULT_SHARE = 0.03
# What a wijk team's queue and the officer's list show of what was closed (hubs.selectors,
# early_signals.selectors.outreach, conferences.selectors.breakthrough), with a margin.
QUEUE_CLEAR_DAYS = 60
OFFICER_CLEAR_DAYS = 100
# Synthetic questions' references: a letter no real reference has (hubs.models.REFERENCE_ALPHABET).
QUESTION_PREFIX = "Z"

SIGNAL_PARTNERS = [
    ("Waterbedrijf Peelland", Organisation.Kind.WATER, Signal.Kind.WATER),
    ("Zorgverzekeraar Zuidoost", Organisation.Kind.HEALTH_INSURER, Signal.Kind.HEALTH_INSURANCE),
]
STREETS = ["Kerkstraat", "Molenweg", "Lindelaan", "Schoolstraat", "Beukenlaan", "Heistraat", "Parallelweg"]
FIRST_NAMES = ["Anna", "Fatima", "Henk", "Sanne", "Mohammed", "Ingrid", "Kevin", "Zeynep", "Piet", "Nadia"]
LAST_NAMES = ["de Jong", "Yilmaz", "Bakker", "El Idrissi", "Smits", "van Dijk", "Nowak", "Martens"]
QUESTIONS = [
    "Ik krijg steeds meer brieven over rekeningen en weet niet waar ik moet beginnen.",
    "Mijn moeder kan niet meer alleen boodschappen doen. Wie kan helpen?",
    "Ik zoek iemand die mee kan kijken naar mijn toeslagen.",
    "Mijn zoon zit thuis en gaat niet meer naar school.",
    "Ik voel me alleen sinds mijn man is overleden.",
    "Kan iemand helpen met het aanvragen van bijzondere bijstand?",
]
REFERRAL_QUESTIONS = [
    "Hulp bij het op orde brengen van de post en de rekeningen.",
    "Een maatje om de week mee door te komen.",
    "Begeleiding bij het zoeken naar werk.",
    "Hulp bij de aanvraag van een urgentieverklaring.",
]
STUCK = [
    "De schulden groeien sneller dan de hulp op gang komt.",
    "Drie organisaties doen elk iets, maar niemand overziet het geheel.",
    "Zonder vaste woonplek komt de rest niet van de grond.",
]
OBSTACLES = [
    ("De regels laten geen bijzondere bijstand toe voor deze kosten.", "Eenmalig de kosten vergoeden."),
    ("De wachtlijst voor schuldhulp is drie maanden.", "Met voorrang een intake bij de schuldhulp."),
    ("Een urgentieverklaring kan alleen na een uitzetting.", "Urgentie toekennen voordat het misgaat."),
    ("De zorgverzekering dekt de behandeling niet.", "De eigen bijdrage betaalt de gemeente."),
]
THEMES = ["Wachtlijst schuldhulp", "Urgentie woning", "Bijzondere bijstand", "Eigen bijdrage zorg", "Stapeling regels"]


def _at(moment: datetime, rng: random.Random) -> datetime:
    """The working day of `moment` (or the one before), in office hours."""
    return office_time(timezone.localtime(moment).date(), rng.randint(9, 16), rng.choice((0, 15, 30, 45)))


def _after(moment: datetime, days: int, rng: random.Random) -> datetime:
    """`days` after `moment` in office hours, and never before it (the same day, later on)."""
    later = _at(moment + timedelta(days=days), rng)
    return later if later > moment else moment + timedelta(minutes=rng.randint(15, 90))


@dataclass
class Surroundings:
    """What the history needs from the town, loaded once per seed."""

    services: list[tuple[int, int]]  # (service id, organisation id) that synthetic referrals go to
    partners: list[tuple[Organisation, str]]  # signal partners and the kind of arrears they report
    postcodes: dict[int, list[str]]  # wijk id: postcode areas
    domain_ids: list[int]
    themes: list[Theme]
    officer_id: int | None
    question_number: int
    signal_number: int

    @classmethod
    def load(cls, the_town) -> Surroundings:
        # Organisations where someone other than a synthetic professional works: the demo's.
        staffed = set(
            User.objects.exclude(organisation=None)
            .exclude(email__endswith=f"@{EMAIL_DOMAIN}")
            .values_list("organisation_id", flat=True)
        )
        services = list(
            Service.objects.filter(accepts_referrals=True, status=Service.Status.ACTIVE)
            .exclude(organisation_id__in=staffed)
            .values_list("id", "organisation_id")
        )
        if not services:
            # A town without a social map (a bare seed): one service at each specialist.
            services = [
                (service.pk, service.organisation_id)
                for service in Service.objects.bulk_create(
                    Service(organisation=o, name=f"Hulp van {o.name}", description="Hulp bij wat je vastloopt.")
                    for o in the_town.specialists
                    if o.pk not in staffed
                )
            ]
        partners = []
        for name, kind, arrears in SIGNAL_PARTNERS:
            partner, created = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "delivers_signals": True}
            )
            if created:
                partner.wijken.set(the_town.wijken)
            partners.append((partner, arrears))
        postcodes: dict[int, list[str]] = {}
        for wijk_id, digits in WijkPostcode.objects.values_list("wijk_id", "postcode"):
            postcodes.setdefault(wijk_id, []).append(digits)
        themes = [Theme.objects.get_or_create(name=name)[0] for name in THEMES]
        officer = User.objects.filter(role=User.Role.BREAKTHROUGH_OFFICER).order_by("id").first()
        last_question = Question.objects.filter(reference__startswith=QUESTION_PREFIX).aggregate(last=Max("reference"))[
            "last"
        ]
        return cls(
            services=services,
            partners=partners,
            postcodes=postcodes,
            domain_ids=[d.pk for d in the_town.domains],
            themes=themes,
            officer_id=officer.pk if officer else None,
            question_number=int(last_question[1:]) if last_question else 0,
            signal_number=Signal.objects.filter(partner__in=[p for p, _ in partners]).count(),
        )

    def add(self, plans: list[Plan], rng: random.Random) -> int:
        """The history of these plans (just written); returns the number of rows written."""
        now = timezone.now()
        started = [p for p in plans if p.status != Plan.Status.INTAKE]
        rows = self._referrals(started, rng, now)
        rows += self._questions(plans, rng, now)
        rows += self._signals(plans, rng, now)
        rows += self._emergencies(started, rng, now)
        rows += self._conferences(started, rng, now)
        rows += self._consults(started, rng, now)
        return rows

    # Referrals ---------------------------------------------------------------------------

    def _referrals(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        if not self.services:
            return 0
        referrals, trails = [], []
        for plan in plans:
            end = plan.closed_at or now
            life = (end - plan.created_at).days
            for _ in range(rng.choices(*REFERRALS_PER_PLAN)[0]):
                proposed = _at(plan.created_at + timedelta(days=rng.randint(3, max(3, min(life, 150)))), rng)
                if proposed > now:
                    continue
                service_id, organisation_id = rng.choice(self.services)
                referral = Referral(
                    plan=plan,
                    service_id=service_id,
                    organisation_id=organisation_id,
                    question=rng.choice(REFERRAL_QUESTIONS),
                    proposed_by_id=plan.created_by_id,
                    proposed_at=proposed,
                    consent_parts=[Part.GOALS.value, Part.AGREEMENTS.value],
                )
                trail = [(Referral.Status.AWAITING_CONSENT, proposed, plan.created_by_id)]
                consented = _after(proposed, rng.randint(0, 3), rng)
                if consented > now or rng.random() < 0.08:
                    if (now - proposed).days > 30:
                        trail.append((Referral.Status.CANCELLED, _after(proposed, 14, rng), None))
                    self._finish(referral, trail)
                    referrals.append(referral)
                    trails.append(trail)
                    continue
                referral.consented_by_id = plan.owner_id
                referral.consented_at = consented
                referral.respond_by = (consented + timedelta(days=14)).date()
                trail.append((Referral.Status.REQUESTED, consented, plan.owner_id))
                answered = _after(consented, rng.randint(1, 15), rng)
                if answered <= now:
                    if rng.random() < 0.8:
                        trail.append((Referral.Status.ACCEPTED, answered, None))
                        busy = _after(answered, 2, rng)
                        if busy <= now:
                            trail.append((Referral.Status.IN_PROGRESS, busy, None))
                        done = _after(busy, rng.randint(20, 150), rng)
                        if done <= now:
                            referral.outcome = rng.choices([o.value for o in Referral.Outcome], weights=(5, 3, 1, 1))[0]
                            trail.append((Referral.Status.COMPLETED, done, None))
                    else:
                        referral.reason = "Dit past niet bij wat wij doen."
                        trail.append((Referral.Status.REJECTED, answered, None))
                self._finish(referral, trail)
                referrals.append(referral)
                trails.append(trail)
        bulk_create(referrals)
        events = [
            ReferralEvent(referral=referral, status=status, at=at, by_id=by)
            for referral, trail in zip(referrals, trails, strict=True)
            for status, at, by in trail
        ]
        bulk_create(events)
        return len(referrals) + len(events)

    @staticmethod
    def _finish(referral: Referral, trail: list) -> None:
        status, at, _by = trail[-1]
        referral.status = status
        referral.status_changed_at = at
        if status in Referral.CLOSED:
            referral.closed_at = at

    # Questions at the hubs -----------------------------------------------------------------

    def _handlers(self, plans: list[Plan]) -> dict[int, list[int]]:
        """Per wijk, the coordinators of this batch's plans there (a wijk team, roughly)."""
        handlers: dict[int, list[int]] = {}
        for plan in plans:
            handlers.setdefault(plan.wijk_id, []).append(plan.created_by_id)
        return handlers

    def _arrivals(self, plans: list[Plan], share: float, rng: random.Random, now: datetime):
        """(plan, handler, arrived) for about `share` per plan, spread over two years, the
        wijken as many as their plans (the plan's); none in the last QUEUE_CLEAR_DAYS days."""
        handlers = self._handlers(plans)
        count = int(len(plans) * share + rng.random())
        for _ in range(count):
            plan = rng.choice(plans)
            arrived = now - timedelta(days=rng.randint(QUEUE_CLEAR_DAYS, 730), minutes=rng.randint(0, 600))
            yield plan, rng.choice(handlers[plan.wijk_id]), arrived

    def _questions(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        questions, trails = [], []
        outcomes = [Question.Outcome.ADVICE, Question.Outcome.REFERRED, Question.Outcome.BUDDY, Question.Outcome.PLAN]
        for plan, handler, arrived in self._arrivals(plans, QUESTIONS_PER_PLAN, rng, now):
            wijk_id = plan.wijk_id
            self.question_number += 1
            claimed = _after(arrived, rng.randint(0, 2), rng)
            reached = rng.random() < 0.88
            contact = claimed + timedelta(days=rng.randint(0, 8), hours=1)
            closed = contact + timedelta(days=rng.randint(0, 12), hours=1)
            question = Question(
                reference=f"{QUESTION_PREFIX}{self.question_number:07d}",
                wijk_id=wijk_id,
                source=rng.choice((Question.Source.ONLINE, Question.Source.ONLINE, Question.Source.DESK)),
                text=rng.choice(QUESTIONS),
                name=rng.choice(FIRST_NAMES),
                channel=Question.Channel.PHONE,
                phone=f"06-{rng.randint(10000000, 99999999)}",
                consent_at=arrived,
                created_at=arrived,
                status=Question.Status.CLOSED,
                owner_id=handler,
                claimed_at=claimed,
                first_contact_at=contact if reached else None,
                closed_at=closed,
                outcome=rng.choices(outcomes, weights=(40, 25, 10, 15))[0] if reached else Question.Outcome.NO_CONTACT,
            )
            trail = [
                (QuestionEvent.Kind.CREATED, "", None, None, arrived),
                (QuestionEvent.Kind.CLAIMED, "", None, handler, claimed),
                (QuestionEvent.Kind.ATTEMPT, QuestionEvent.Channel.PHONE, reached, handler, contact),
                (QuestionEvent.Kind.CLOSED, "", None, handler, closed),
            ]
            questions.append(question)
            trails.append(trail)
        bulk_create(questions)
        events = [
            QuestionEvent(question=question, kind=kind, channel=channel, reached=reached, by_id=by, at=at)
            for question, trail in zip(questions, trails, strict=True)
            for kind, channel, reached, by, at in trail
        ]
        bulk_create(events)
        return len(questions) + len(events)

    # Early signals ------------------------------------------------------------------------

    def _signals(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        signals, trails = [], []
        reached_outcomes = [
            Signal.Outcome.QUICK_FIX,
            Signal.Outcome.ARRANGEMENT,
            Signal.Outcome.DEBT_HELP,
            Signal.Outcome.PLAN,
            Signal.Outcome.SOLVES_SELF,
            Signal.Outcome.NO_HELP_WANTED,
            Signal.Outcome.IN_CARE,
        ]
        households: list[tuple[int, str, str, str]] = []
        for plan, handler, arrived in self._arrivals(plans, SIGNALS_PER_PLAN, rng, now):
            wijk_id = plan.wijk_id
            partner, arrears = rng.choice(self.partners)
            self.signal_number += 1
            if households and rng.random() < 0.12:
                # The same household again, months later or from the other partner.
                wijk_id, postcode, street, name = rng.choice(households)
            else:
                digits = rng.choice(self.postcodes.get(wijk_id) or ["5700"])
                postcode = f"{digits}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}"
                street = f"{rng.choice(STREETS)} {rng.randint(1, 140)}"
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                households.append((wijk_id, postcode, street, name))
            claimed = _after(arrived, rng.randint(1, 3), rng)
            reached = rng.random() < 0.7
            attempt = claimed + timedelta(days=rng.randint(1, 8), hours=1)
            closed = attempt + timedelta(days=rng.randint(1, 12), hours=1)
            outcome = rng.choice(reached_outcomes) if reached else Signal.Outcome.NO_CONTACT
            # Where a plan came of it, the resident added the signal to it (as real ones
            # do: a plan's signals are looked up by these columns, and a table where they
            # are all empty would look useless to SQLite's statistics).
            joined = plan if outcome == Signal.Outcome.PLAN else None
            signals.append(
                Signal(
                    partner=partner,
                    partner_reference=f"SYN-{self.signal_number:07d}",
                    name=name,
                    street=street,
                    postcode=postcode,
                    city="Helmstad",
                    kind=arrears,
                    amount=Decimal(rng.randint(80, 2400)),
                    months_in_arrears=rng.randint(1, 6),
                    last_reminder_on=(arrived - timedelta(days=rng.randint(5, 30))).date(),
                    collection_steps_confirmed=True,
                    wijk_id=wijk_id,
                    household=household_key(postcode, street),
                    created_at=arrived,
                    status=Signal.Status.CLOSED,
                    owner_id=handler,
                    claimed_at=claimed,
                    first_contact_at=attempt if reached else None,
                    closed_at=closed,
                    outcome=outcome,
                    offered_plan=joined,
                    offered_at=closed if joined else None,
                    plan=joined,
                    joined_at=closed + timedelta(days=1) if joined else None,
                )
            )
            channel = rng.choice((SignalEvent.Channel.LETTER, SignalEvent.Channel.PHONE, SignalEvent.Channel.VISIT))
            trail = [
                (SignalEvent.Kind.CLAIMED, "", None, handler, claimed),
                (SignalEvent.Kind.ATTEMPT, channel, reached, handler, attempt),
                (SignalEvent.Kind.CLOSED, "", None, handler, closed),
            ]
            if joined:
                trail.append((SignalEvent.Kind.OFFERED, "", None, handler, closed))
                trail.append((SignalEvent.Kind.JOINED, "", None, joined.owner_id, closed + timedelta(days=1)))
            trails.append(trail)
        bulk_create(signals)
        events = [
            SignalEvent(signal=signal, kind=kind, channel=channel, reached=reached, by_id=by, at=at)
            for signal, trail in zip(signals, trails, strict=True)
            for kind, channel, reached, by, at in trail
        ]
        bulk_create(events)
        return len(signals) + len(events)

    # Emergency accesses -------------------------------------------------------------------

    def _emergencies(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        chosen = {plan.pk: plan for plan in plans if rng.random() < EMERGENCY_SHARE}
        if not chosen:
            return 0
        # A professional of the plan opens it (a specialist if there is one, else the coordinator).
        members: dict[int, int] = {}
        for membership_id, plan_id, role in (
            Membership.objects.filter(plan_id__in=chosen, role__in=[Membership.Role.PROFESSIONAL, "coordinator"])
            .order_by("role", "id")
            .values_list("id", "plan_id", "role")
        ):
            if role == Membership.Role.PROFESSIONAL or plan_id not in members:
                members[plan_id] = membership_id
        accesses = []
        for plan_id, plan in chosen.items():
            end = plan.closed_at or now
            moment = plan.created_at + timedelta(days=rng.randint(0, max(0, (end - plan.created_at).days)))
            started = min(_at(moment, rng), now - timedelta(hours=1))
            over = started < now - timedelta(days=1)
            accesses.append(
                EmergencyAccess(
                    membership_id=members[plan_id],
                    part=rng.choice((Part.STORY, Part.ASSESSMENT, Part.NETWORK)),
                    reason="Acute zorgen om de veiligheid; de coördinator was niet bereikbaar.",
                    started_at=started,
                    ends_at=started + timedelta(hours=24),
                    ended_at=started + timedelta(hours=rng.randint(1, 24)) if over else None,
                )
            )
        bulk_create(accesses)
        return len(accesses)

    # Case conferences and breakthrough requests -----------------------------------------------

    def _conferences(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        conferences = []
        for plan in plans:
            if rng.random() >= CONFERENCE_SHARE:
                continue
            end = plan.closed_at or now
            life = (end - plan.created_at).days
            if life < 40:
                continue
            convened = _at(plan.created_at + timedelta(days=rng.randint(30, life)), rng)
            meets = _after(convened, rng.randint(7, 16), rng)
            conference = Conference(
                plan=plan,
                convened_by_id=plan.created_by_id,
                convened_at=convened,
                stuck=rng.choice(STUCK),
                meets_at=meets,
                place="Wijkcentrum",
                consent_parts=[Part.GOALS.value, Part.AGREEMENTS.value],
                consented_by_id=plan.owner_id,
                consented_at=convened + timedelta(days=1),
            )
            if rng.random() < 0.1:
                conference.status = Conference.Status.CANCELLED
                conference.cancel_reason = "Het is al opgelost."
            elif meets < now - timedelta(days=7):
                conference.status = Conference.Status.CLOSED
                conference.closed_at = meets + timedelta(days=7)
                conference.closed_by_id = plan.created_by_id
                conference.follow_up_on = (meets + timedelta(days=42)).date()
            else:
                conference.status = Conference.Status.PLANNED
            conferences.append(conference)
        bulk_create(conferences)
        # Breakthrough requests of conferences that met, all decided long enough ago.
        records, requests = [], []
        for conference in conferences:
            if conference.status != Conference.Status.CLOSED or rng.random() >= BREAKTHROUGH_SHARE:
                continue
            filed = _after(conference.meets_at, rng.randint(1, 3), rng)
            decided = _after(filed, rng.randint(3, 12), rng)
            if decided > now - timedelta(days=OFFICER_CLEAR_DAYS):
                continue
            obstacle, solution = rng.choice(OBSTACLES)
            cost_solution, cost_nothing = rng.randint(3, 40) * 100, rng.randint(20, 200) * 100
            status = rng.choices((BreakthroughRequest.Status.GRANTED, BreakthroughRequest.Status.REFUSED), (2, 1))[0]
            records.append(
                ObstacleRecord(
                    domain_id=rng.choice(self.domain_ids) if self.domain_ids else None,
                    wijk_id=conference.plan.wijk_id,
                    filed_month=timezone.localtime(filed).date().replace(day=1),
                    obstacle=obstacle,
                    solution=solution,
                    cost_solution=cost_solution,
                    cost_nothing=cost_nothing,
                    outcome=status,
                )
            )
            requests.append(
                BreakthroughRequest(
                    conference=conference,
                    plan=conference.plan,
                    obstacle=obstacle,
                    solution=solution,
                    cost_solution=cost_solution,
                    cost_nothing=cost_nothing,
                    filed_by_id=conference.convened_by_id,
                    filed_at=filed,
                    decide_by=(filed + timedelta(days=14)).date(),
                    status=status,
                    decided_by_id=self.officer_id,
                    decided_at=decided,
                    decision_note="Toegekend voor deze situatie." if status == "granted" else "Past niet in de regels.",
                )
            )
        bulk_create(records)
        for record, request in zip(records, requests, strict=True):
            request.anonymous_copy = record
        bulk_create(requests)
        tags = [
            ObstacleRecord.themes.through(obstaclerecord_id=record.pk, theme_id=theme.pk)
            for record in records
            for theme in rng.sample(self.themes, rng.choice((1, 1, 2)))
        ]
        bulk_create(tags)
        return len(conferences) + len(records) + len(requests) + len(tags)

    # Consults -----------------------------------------------------------------------------

    def _consults(self, plans: list[Plan], rng: random.Random, now: datetime) -> int:
        if not self.services or not self.domain_ids:
            return 0
        organisations = sorted({organisation_id for _service, organisation_id in self.services})
        asker_organisations = dict(
            User.objects.filter(pk__in={p.created_by_id for p in plans}).values_list("pk", "organisation_id")
        )
        consults = []
        for plan in plans:
            about_plan = rng.random() < CONSULT_SHARE
            if not about_plan and rng.random() >= ANONYMOUS_CONSULT_SHARE:
                continue
            end = plan.closed_at or now
            asked = _at(plan.created_at + timedelta(days=rng.randint(0, max(0, (end - plan.created_at).days))), rng)
            answered = _after(asked, rng.randint(1, 7), rng)
            if answered > now:
                continue
            consults.append(
                Consult(
                    asked_by_id=plan.created_by_id,
                    from_organisation_id=asker_organisations[plan.created_by_id],
                    to_organisation_id=rng.choice(organisations),
                    domain_id=rng.choice(self.domain_ids),
                    question="Hoe pakken jullie dit meestal aan?",
                    plan=plan if about_plan else None,
                    part=Part.GOALS if about_plan else "",
                    consented_by_id=plan.owner_id if about_plan else None,
                    consented_at=asked if about_plan else None,
                    answer="Zo doen wij het meestal: eerst rust, dan een overzicht.",
                    answered_at=answered,
                    status=Consult.Status.ANSWERED,
                    asked_at=asked,
                    closed_at=answered,
                )
            )
        bulk_create(consults)
        return len(consults)


def add_history(plans=None, *, random_seed: int = 2024, batch_size: int = 1000) -> int:
    """The history of these plans (ids or plans; all synthetic plans when None), in
    batches; returns the number of rows written. `seed(history=True)` does this per batch
    as it goes; this is for plans seeded without it (run it once)."""
    from django.db import transaction

    rng = random.Random(random_seed)
    around = Surroundings.load(town())
    queryset = (
        Plan.objects.filter(owner__email__endswith=f"@{EMAIL_DOMAIN}")
        if plans is None
        else Plan.objects.filter(pk__in=[getattr(p, "pk", p) for p in plans])
    )
    ids = list(queryset.order_by("id").values_list("id", flat=True))
    rows = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            rows += around.add(list(Plan.objects.filter(pk__in=ids[start : start + batch_size])), rng)
    return rows
