"""The figures are right: every measure computed a second way and compared.

A generated world (plans open, closed and still at the intake, stories confirmed and not,
goals with and without a life domain, agreements light and heavy and cancelled, around a
plan's 90th day, evaluations with scores, self-sufficiency measurements by the resident and
by professionals, drafts among them, emergency accesses, referrals answered and closed, case
conferences, breakthrough requests, consults, buddy matches, questions at the hubs, early
signals of households with several signals, anonymised breakthrough requests with themes),
with many moments on a quarter's first instant, a microsecond before it, and across the
change to summer time, is counted by `compute.cube` (the measures' SQL) and by the naive route
below: plain Python over the ORM, one object after another, following each measure's
definition in docs/indicators.md and its help text. Both must agree on every cell: every
quarter, every wijk and "no wijk", every node (life domain, theme, outcome, pair, "all").

The naive route does not look at the SQL: where they disagree, the SQL is wrong (or the
definition is, and then the docs and the help text are changed with it).
"""

from __future__ import annotations

import os
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import Organisation, User
from samenplan.buddies.models import Match
from samenplan.conferences.models import BreakthroughRequest, Conference, Consult, ObstacleRecord, Theme
from samenplan.early_signals.models import Signal, SignalEvent
from samenplan.hubs.models import Question
from samenplan.insights.compute import Quarter, cube, quarters
from samenplan.insights.measures import BY_CODE, MEASURES
from samenplan.insights.suppression import ALL, UNKNOWN_AREA, Stats
from samenplan.measuring.models import Answer, Instrument, LifeDomain, Measurement
from samenplan.plans.models import Agreement, Evaluation, GoalScore, Plan, Priority, StoryVersion
from samenplan.referrals.models import Referral, ReferralEvent
from samenplan.sharing.models import EmergencyAccess, Membership
from samenplan.testing.factories import (
    AgreementFactory,
    BuddyRequestFactory,
    GoalFactory,
    OrganisationFactory,
    PlanFactory,
    QuestionFactory,
    ServiceFactory,
    SignalFactory,
    UserFactory,
    VolunteerFactory,
    WijkFactory,
)

EXAMPLES = {"dev": 2, "ci": 4, "ci-postgresql": 2}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]
TZ = ZoneInfo(django_settings.TIME_ZONE)
# Four quarters: 2024 Q3 to 2025 Q2 (the change to summer time on 30 March 2025 inside).
PERIODS = quarters(date(2025, 6, 15), count=4)
FIRST = datetime(2024, 5, 1, tzinfo=TZ)
LAST = datetime(2025, 7, 25, tzinfo=TZ)
SELF_SUFFICIENCY = "zelfredzaamheid"


# The world ----------------------------------------------------------------------------------------


class World:
    """Writes a random world into the database (factories and plain creates)."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.wijken = [WijkFactory(name=f"Fig {n}", code=f"fig-{n}") for n in range(3)]
        self.pro = UserFactory(role=User.Role.PROFESSIONAL)
        self.org = OrganisationFactory()
        self.other_org = OrganisationFactory()
        self.service = ServiceFactory(organisation=self.org)
        self.domains = list(LifeDomain.objects.all())
        self.instruments = {i.code: i for i in Instrument.objects.prefetch_related("items")}
        self.partner = OrganisationFactory(kind=Organisation.Kind.HOUSING, delivers_signals=True)
        self.themes = [Theme.objects.create(name=f"Fig theme {n}") for n in range(3)]
        self.volunteer = VolunteerFactory(organisation=self.org, wijk=self.wijken[0])

    # Moments: anywhere in the period, or right on (or just before) a quarter's first instant.
    def moment(self, after: datetime | None = None) -> datetime:
        rnd = self.rnd
        low = after or FIRST
        if rnd.random() < 0.35:
            edges = [q.starts for q in [*PERIODS, PERIODS[-1].next] if q.starts > low]
            if edges:
                edge = rnd.choice(edges).astimezone(TZ)
                return edge + rnd.choice([timedelta(0), -timedelta(microseconds=1), timedelta(microseconds=1)])
        span = max((LAST - low).total_seconds(), 1)
        return (low + timedelta(seconds=rnd.uniform(0, span))).astimezone(TZ)

    def maybe(self, p: float = 0.5) -> bool:
        return self.rnd.random() < p

    def build(self, plans: int = 24, others: int = 12):
        self.edges()
        for _ in range(plans):
            self.plan()
        for _ in range(others):
            self.question()
        households = [(f"57{n:02d}AB", f"Straat {n}", self.rnd.choice(self.wijken)) for n in range(5)]
        for _ in range(others):
            self.signal(self.rnd.choice(households))
        for _ in range(others // 2):
            self.obstacle()
        for _ in range(3):
            self.consult(None)

    def edges(self):
        """What chance alone meets too seldom: moments right on a quarter's first instant."""
        second, third = PERIODS[1].starts, PERIODS[2].starts
        tick = timedelta(microseconds=1)
        # Plans closed on the first instant of a quarter (open in it) and just before it (not).
        for closed in (second, second - tick):
            self.plan(created=second - timedelta(days=30), closed=closed)
        # Plans started on the first instant of a quarter and just before it.
        for created in (third, third - tick):
            self.plan(created=created)
        # A plan whose story was confirmed on the first instant of the next quarter (not in
        # this one); measurements at one moment, told apart by their order.
        plan = self.plan(created=second - timedelta(days=3), bare=True)
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ACTIVE, closed_at=None)
        StoryVersion.objects.create(
            plan=plan, number=9, text="x", written_by=plan.owner, written_at=second - tick, confirmed_at=third
        )
        for perspective in ("resident", "professional"):
            for value in (1, 5, 3):
                self.measurement(plan, SELF_SUFFICIENCY, perspective, second - timedelta(days=1), value)
        for moment in (third, third - tick):
            QuestionFactory(wijk=self.wijken[0], created_at=moment)
            QuestionFactory(
                wijk=self.wijken[1], created_at=moment - timedelta(days=2), closed_at=moment, outcome="advice"
            )

    def plan(self, created: datetime | None = None, closed: datetime | None = None, bare: bool = False) -> Plan:
        rnd = self.rnd
        created = created or self.moment()
        if closed:
            status = Plan.Status.CLOSED
        else:
            status = rnd.choice([Plan.Status.ACTIVE, Plan.Status.ACTIVE, Plan.Status.CLOSED, Plan.Status.INTAKE])
            closed = self.moment(created) if status == Plan.Status.CLOSED else None
        plan = PlanFactory(wijk=rnd.choice(self.wijken), status=status, created_at=created, closed_at=closed)
        if bare:
            return plan
        owner = plan.owner

        when = created
        for number in range(1, rnd.randint(0, 3) + 1):
            when = self.moment(when)
            confirmed = self.moment(when) if self.maybe(0.6) else None
            StoryVersion.objects.create(
                plan=plan, number=number, text="x", written_by=owner, written_at=when, confirmed_at=confirmed
            )
        for rank, domain in enumerate(rnd.sample(self.domains, rnd.choice([0, 0, 1, 2])), start=1):
            Priority.objects.create(plan=plan, domain=domain, rank=rank)

        goals = []
        for _ in range(rnd.randint(0, 3)):
            by_owner = self.maybe(0.6)
            goals.append(
                GoalFactory(
                    plan=plan,
                    domain=rnd.choice(self.domains) if self.maybe(0.8) else None,
                    created_by=owner if by_owner else self.pro,
                    on_behalf=not by_owner and self.maybe(0.3),
                    created_at=self.moment(created),
                )
            )
        for _ in range(rnd.randint(0, 4)):
            if self.maybe(0.3):
                # Around the plan's 90th day.
                made = created + timedelta(days=90) + rnd.choice([-1, 0, 1]) * timedelta(seconds=rnd.randint(0, 5))
            else:
                made = self.moment(created)
            AgreementFactory(
                plan=plan,
                goal=rnd.choice(goals) if goals and self.maybe(0.8) else None,
                support=rnd.choice(list(Agreement.Support)),
                who_kind=rnd.choice(list(Agreement.Who)),
                status=rnd.choice(list(Agreement.Status)),
                created_at=made,
            )
        for _ in range(rnd.randint(0, 2)):
            held = self.moment(created) if self.maybe(0.7) else None
            evaluation = Evaluation.objects.create(
                plan=plan,
                scheduled_for=(held or created).date(),
                held_at=held,
                held_by=self.pro if held else None,
                created_by=self.pro,
            )
            for goal in goals:
                if self.maybe(0.8):
                    GoalScore.objects.create(evaluation=evaluation, goal=goal, score=rnd.randint(-2, 2))

        drafts = set()
        for _ in range(rnd.randint(0, 5)):
            code = SELF_SUFFICIENCY if self.maybe(0.85) else "gezondheidsweb"
            perspective = rnd.choice(list(Measurement.Perspective))
            draft = (code, perspective) not in drafts and self.maybe(0.15)
            if draft:
                drafts.add((code, perspective))
            # Two measurements at one moment now and then: the id decides which came first.
            recorded = self.moment(created) if self.maybe(0.75) else created
            self.measurement(plan, code, perspective, recorded, draft=draft)

        if self.maybe(0.4):
            membership = Membership.objects.create(
                plan=plan, user=self.pro, role="professional", relation="professional", added_by=owner
            )
            for _ in range(rnd.randint(1, 2)):
                started = self.moment(created)
                EmergencyAccess.objects.create(
                    membership=membership, part="story", reason="r" * 30, started_at=started, ends_at=started
                )
        for _ in range(rnd.choice([0, 0, 1, 2])):
            self.referral(plan)
        if self.maybe(0.35):
            self.conference(plan)
        if self.maybe(0.3):
            self.consult(plan)
        if self.maybe(0.3):
            self.buddy(plan)
        return plan

    def measurement(self, plan, code, perspective, recorded, value=None, draft=False):
        rnd = self.rnd
        instrument = self.instruments[code]
        measurement = Measurement.objects.create(
            plan=plan,
            instrument=instrument,
            perspective=perspective,
            recorded_by=plan.owner if perspective == "resident" else self.pro,
            recorded_at=recorded,
            is_draft=draft,
        )
        items = list(instrument.items.all())
        Answer.objects.bulk_create(
            Answer(
                measurement=measurement,
                item=item,
                value=rnd.choice([instrument.min_value, instrument.max_value, *instrument.values])
                if value is None
                else value,
            )
            for item in (rnd.sample(items, rnd.randint(0, len(items))) if value is None else items)
        )

    def referral(self, plan: Plan):
        rnd = self.rnd
        proposed = self.moment(plan.created_at)
        consented = self.moment(proposed) if self.maybe(0.8) else None
        referral = Referral.objects.create(
            plan=plan,
            service=self.service,
            organisation=self.org,
            question="q",
            proposed_by=plan.owner,
            proposed_at=proposed,
            consented_at=consented,
            consented_by=plan.owner if consented else None,
            status=Referral.Status.REQUESTED if consented else Referral.Status.AWAITING_CONSENT,
        )
        if consented is None:
            return
        ReferralEvent.objects.create(referral=referral, status=Referral.Status.REQUESTED, at=consented)
        if self.maybe(0.8):
            answer = rnd.choice([Referral.Status.ACCEPTED, Referral.Status.REJECTED])
            answered = self.moment(consented)
            ReferralEvent.objects.create(referral=referral, status=answer, at=answered)
            if answer == Referral.Status.ACCEPTED and self.maybe(0.6):
                closed = self.moment(answered)
                ReferralEvent.objects.create(referral=referral, status=Referral.Status.COMPLETED, at=closed)
                Referral.objects.filter(pk=referral.pk).update(
                    status=Referral.Status.COMPLETED,
                    closed_at=closed,
                    outcome=rnd.choice(list(Referral.Outcome)),
                )
            elif answer == Referral.Status.REJECTED:
                Referral.objects.filter(pk=referral.pk).update(status=answer, closed_at=answered)

    def conference(self, plan: Plan):
        rnd = self.rnd
        conference = Conference.objects.create(
            plan=plan,
            convened_by=self.pro,
            stuck="s",
            meets_at=self.moment(plan.created_at),
            place="p",
            status=rnd.choice(list(Conference.Status)),
        )
        for _ in range(rnd.randint(0, 2)):
            filed = self.moment(plan.created_at)
            status = rnd.choice(list(BreakthroughRequest.Status))
            BreakthroughRequest.objects.create(
                conference=conference,
                plan=plan,
                obstacle="o",
                solution="s",
                cost_solution=1,
                cost_nothing=2,
                filed_by=self.pro,
                filed_at=filed,
                decide_by=filed.date(),
                status=status,
                decided_at=None if status == BreakthroughRequest.Status.SUBMITTED else self.moment(filed),
            )

    def buddy(self, plan: Plan):
        """A buddy request (its wijk now and then not the plan's) with a few matches: only
        proposed, declined, started, started and ended."""
        request = BuddyRequestFactory(plan=plan, wijk=self.rnd.choice(self.wijken))
        for _ in range(self.rnd.randint(1, 2)):
            proposed = self.moment(plan.created_at)
            accepted = self.moment(proposed) if self.maybe(0.7) else None
            started = accepted.date() if accepted else None
            Match.objects.create(
                request=request,
                volunteer=self.volunteer,
                proposed_by=self.pro,
                proposed_at=proposed,
                accepted_at=accepted,
                declined_at=None if accepted or self.maybe(0.5) else self.moment(proposed),
                started_on=started,
                ended_on=started + timedelta(days=self.rnd.randint(0, 200)) if started and self.maybe(0.4) else None,
            )

    def consult(self, plan: Plan | None):
        Consult.objects.create(
            asked_by=self.pro,
            from_organisation=self.org,
            to_organisation=self.other_org,
            domain=self.rnd.choice(self.domains),
            question="q",
            plan=plan,
            status=self.rnd.choice(list(Consult.Status)),
            asked_at=self.moment(plan.created_at if plan else None),
        )

    def question(self):
        created = self.moment()
        contact = self.moment(created) if self.maybe(0.7) else None
        closed = self.moment(contact or created) if self.maybe(0.5) else None
        QuestionFactory(
            wijk=self.rnd.choice(self.wijken),
            created_at=created,
            first_contact_at=contact,
            closed_at=closed,
            status=Question.Status.CLOSED if closed else Question.Status.NEW,
            outcome=self.rnd.choice(list(Question.Outcome)) if closed and self.maybe(0.9) else "",
        )

    def signal(self, household):
        postcode, street, wijk = household
        created = self.moment()
        contact = self.moment(created) if self.maybe(0.4) else None
        closed = self.moment(created) if self.maybe(0.5) else None
        signal = SignalFactory(
            partner=self.partner,
            postcode=postcode,
            street=street,
            wijk=wijk,
            created_at=created,
            first_contact_at=contact,
            closed_at=closed,
            status=Signal.Status.CLOSED if closed else Signal.Status.NEW,
            outcome=self.rnd.choice(list(Signal.Outcome)) if closed and self.maybe(0.9) else "",
        )
        for _ in range(self.rnd.randint(0, 2)):
            SignalEvent.objects.create(
                signal=signal,
                kind=SignalEvent.Kind.ATTEMPT,
                reached=self.rnd.choice([True, False, None]),
                at=self.moment(created),
            )

    def obstacle(self):
        day = self.moment().date().replace(day=1)
        record = ObstacleRecord.objects.create(
            wijk=self.rnd.choice([*self.wijken, None]),
            filed_month=day,
            obstacle="o",
            solution="s",
            cost_solution=1,
            cost_nothing=2,
        )
        record.themes.set(self.rnd.sample(self.themes, self.rnd.randint(0, 2)))


# The naive route ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One thing counted: its quarter, wijk, person, node (and the node's theme), value."""

    quarter: str
    wijk: int | None
    person: object
    node: str
    theme: str | None
    value: float


def within(moment: datetime | None, quarter: Quarter) -> bool:
    return moment is not None and quarter.starts <= moment < quarter.ends


def is_open(plan: Plan, quarter: Quarter) -> bool:
    """Open at some moment of the quarter, and past the intake."""
    return (
        plan.status != Plan.Status.INTAKE
        and plan.created_at < quarter.ends
        and (plan.closed_at is None or plan.closed_at >= quarter.starts)
    )


def days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def theme_of(domain: LifeDomain | None) -> str | None:
    return None if domain is None else f"theme:{domain.theme}"


class Naive:
    def __init__(self, periods: list[Quarter]):
        self.periods = periods
        self.plans = list(
            Plan.objects.prefetch_related(
                "story_versions",
                "priorities",
                "goals__domain",
                "agreements__goal__domain",
                "measurements__answers__item__domain",
                "measurements__instrument",
            )
        )

    def open_plans(self):
        for quarter in self.periods:
            for plan in self.plans:
                if is_open(plan, quarter):
                    yield quarter, plan

    def row(self, quarter, plan, value, node=ALL, theme=None):
        return Row(quarter.key, plan.wijk_id, plan.pk, node, theme, value)

    # The four indicators.

    def eigen_verhaal(self):
        for quarter, plan in self.open_plans():
            written = [s for s in plan.story_versions.all() if s.written_at < quarter.ends]
            latest = max(written, key=lambda s: s.number, default=None)
            confirmed = latest is not None and latest.confirmed_at is not None and latest.confirmed_at < quarter.ends
            yield self.row(quarter, plan, int(confirmed))

    def eigen_regie(self):
        for quarter, plan in self.open_plans():
            ranked = bool(plan.priorities.all())
            assessed = any(
                m.perspective == "resident" and not m.is_draft and m.recorded_at < quarter.ends
                for m in plan.measurements.all()
            )
            own_goal = any(
                g.created_at < quarter.ends and (g.created_by_id == plan.owner_id or g.on_behalf)
                for g in plan.goals.all()
            )
            yield self.row(quarter, plan, int(ranked and assessed and own_goal))

    def agreements(self, quarter, plan):
        return [
            a for a in plan.agreements.all() if a.created_at < quarter.ends and a.status != Agreement.Status.CANCELLED
        ]

    def eigen_kracht(self):
        for quarter, plan in self.open_plans():
            for agreement in self.agreements(quarter, plan):
                domain = agreement.goal.domain if agreement.goal else None
                node = domain.code if domain else "none"
                yield self.row(quarter, plan, int(agreement.support == "light"), node, theme_of(domain))

    def made_in(self, quarter, plan):
        return [a for a in self.agreements(quarter, plan) if a.created_at >= quarter.starts]

    def eigen_kracht_start(self):
        for quarter, plan in self.open_plans():
            for agreement in self.made_in(quarter, plan):
                if days(plan.created_at, agreement.created_at) < 90:
                    yield self.row(quarter, plan, int(agreement.support == "light"))

    def eigen_kracht_later(self):
        for quarter, plan in self.open_plans():
            for agreement in self.made_in(quarter, plan):
                if days(plan.created_at, agreement.created_at) >= 90:
                    yield self.row(quarter, plan, int(agreement.support == "light"))

    def resultaten_doelen(self):
        for score in GoalScore.objects.select_related("evaluation__plan", "goal__domain"):
            for quarter in self.periods:
                if within(score.evaluation.held_at, quarter):
                    plan, domain = score.evaluation.plan, score.goal.domain
                    yield self.row(quarter, plan, score.score, domain.code if domain else "none", theme_of(domain))

    def change(self, perspective):
        for quarter, plan in self.open_plans():
            by_domain = defaultdict(list)
            for m in sorted(plan.measurements.all(), key=lambda m: (m.recorded_at, m.pk)):
                if (
                    m.instrument.code != SELF_SUFFICIENCY
                    or m.perspective != perspective
                    or m.is_draft
                    or m.recorded_at >= quarter.ends
                ):
                    continue
                for answer in m.answers.all():
                    if answer.item.domain is not None:
                        by_domain[answer.item.domain].append(answer.value)
            for domain, values in by_domain.items():
                if len(values) >= 2:
                    yield self.row(quarter, plan, values[-1] - values[0], domain.code, theme_of(domain))

    def resultaten_zelfredzaamheid(self):
        return self.change("resident")

    def resultaten_zelfredzaamheid_professional(self):
        return self.change("professional")

    # Reach and crisis.

    def plannen_open(self):
        for quarter, plan in self.open_plans():
            yield self.row(quarter, plan, 1)

    def plannen_gestart(self):
        for quarter in self.periods:
            for plan in self.plans:
                if within(plan.created_at, quarter):
                    yield self.row(quarter, plan, 1)

    def gestart_in_crisis(self):
        for quarter in self.periods:
            for plan in self.plans:
                if not within(plan.created_at, quarter):
                    continue
                measured = sorted(
                    (m for m in plan.measurements.all() if m.instrument.code == SELF_SUFFICIENCY and not m.is_draft),
                    key=lambda m: (m.recorded_at, m.pk),
                )
                if measured:
                    first = measured[0]
                    crisis = any(a.value == first.instrument.min_value for a in first.answers.all())
                    yield self.row(quarter, plan, int(crisis))

    def noodtoegang(self):
        for access in EmergencyAccess.objects.select_related("membership__plan"):
            for quarter in self.periods:
                if within(access.started_at, quarter):
                    yield self.row(quarter, access.membership.plan, 1)

    # Referrals.

    def verwijzingen(self):
        for referral in Referral.objects.select_related("plan"):
            for quarter in self.periods:
                if within(referral.consented_at, quarter):
                    yield self.row(quarter, referral.plan, 1)

    def answers(self):
        """(referral, when it was first answered, accepted) of every answered referral."""
        for referral in Referral.objects.select_related("plan").prefetch_related("events"):
            answers = [e for e in referral.events.all() if e.status in ("accepted", "rejected")]
            if answers:
                first = min(e.at for e in answers)
                yield referral, first, any(e.status == "accepted" for e in answers)

    def verwijzingen_geaccepteerd(self):
        for referral, answered, accepted in self.answers():
            for quarter in self.periods:
                if within(answered, quarter):
                    yield self.row(quarter, referral.plan, int(accepted))

    def verwijzingen_dagen(self):
        for referral, answered, accepted in self.answers():
            for quarter in self.periods:
                if accepted and referral.consented_at and within(answered, quarter):
                    yield self.row(quarter, referral.plan, days(referral.consented_at, answered))

    def verwijzingen_uitkomst(self):
        for referral in Referral.objects.select_related("plan"):
            for quarter in self.periods:
                if referral.outcome and within(referral.closed_at, quarter):
                    yield self.row(quarter, referral.plan, 1, referral.outcome)

    # Hubs and early signals.

    def vragen(self):
        for question in Question.objects.all():
            for quarter in self.periods:
                if within(question.created_at, quarter):
                    yield Row(quarter.key, question.wijk_id, question.pk, ALL, None, 1)

    def vragen_dagen(self):
        for question in Question.objects.all():
            for quarter in self.periods:
                if within(question.created_at, quarter) and question.first_contact_at:
                    value = days(question.created_at, question.first_contact_at)
                    yield Row(quarter.key, question.wijk_id, question.pk, ALL, None, value)

    def vragen_uitkomst(self):
        for question in Question.objects.all():
            for quarter in self.periods:
                if question.outcome and within(question.closed_at, quarter):
                    yield Row(quarter.key, question.wijk_id, question.pk, question.outcome, None, 1)

    def signalen(self):
        for signal in Signal.objects.all():
            for quarter in self.periods:
                if within(signal.created_at, quarter):
                    yield Row(quarter.key, signal.wijk_id, signal.household, ALL, None, 1)

    def signalen_bereikt(self):
        for signal in Signal.objects.prefetch_related("events"):
            reached = signal.first_contact_at is not None or any(e.reached for e in signal.events.all())
            for quarter in self.periods:
                if within(signal.created_at, quarter):
                    yield Row(quarter.key, signal.wijk_id, signal.household, ALL, None, int(reached))

    def signalen_uitkomst(self):
        for signal in Signal.objects.all():
            for quarter in self.periods:
                if signal.outcome and within(signal.closed_at, quarter):
                    yield Row(quarter.key, signal.wijk_id, signal.household, signal.outcome, None, 1)

    # Case conferences, breakthroughs, consults.

    def casusoverleggen(self):
        for conference in Conference.objects.select_related("plan"):
            for quarter in self.periods:
                if conference.status in ("planned", "closed") and within(conference.meets_at, quarter):
                    yield self.row(quarter, conference.plan, 1)

    def doorbraken(self):
        for request in BreakthroughRequest.objects.select_related("plan"):
            for quarter in self.periods:
                if within(request.filed_at, quarter):
                    yield self.row(quarter, request.plan, 1)

    def doorbraken_toegekend(self):
        for request in BreakthroughRequest.objects.select_related("plan"):
            for quarter in self.periods:
                if within(request.decided_at, quarter):
                    yield self.row(quarter, request.plan, int(request.status == "granted"))

    def consulten(self):
        for consult in Consult.objects.select_related("plan", "domain"):
            for quarter in self.periods:
                if consult.status != "awaiting_consent" and within(consult.asked_at, quarter):
                    wijk = consult.plan.wijk_id if consult.plan else None
                    yield Row(quarter.key, wijk, consult.pk, consult.domain.code, theme_of(consult.domain), 1)

    def samen_voorkomend(self):
        for quarter, plan in self.open_plans():
            measured = sorted(
                (
                    m
                    for m in plan.measurements.all()
                    if m.instrument.code == SELF_SUFFICIENCY and m.perspective == "resident" and not m.is_draft
                ),
                key=lambda m: (m.recorded_at, m.pk),
            )
            if not measured or measured[0].recorded_at >= quarter.ends:
                continue
            first = measured[0]
            middle = (first.instrument.min_value + first.instrument.max_value) / 2
            problems = sorted(
                a.item.domain.code for a in first.answers.all() if a.item.domain is not None and a.value < middle
            )
            for i, one in enumerate(problems):
                for other in problems[i + 1 :]:
                    if one < other:
                        yield self.row(quarter, plan, 1, f"{one}+{other}")

    def doorbraak_themas(self):
        for record in ObstacleRecord.objects.prefetch_related("themes"):
            for quarter in self.periods:
                if quarter.first_day <= record.filed_month < quarter.next.first_day:
                    for theme in record.themes.all():
                        yield Row(quarter.key, record.wijk_id, record.pk, theme.name, None, 1)

    # The buddy network.

    def buddy_koppelingen(self):
        for match in Match.objects.select_related("request__plan"):
            for quarter in self.periods:
                if match.started_on and quarter.first_day <= match.started_on < quarter.next.first_day:
                    yield self.row(quarter, match.request.plan, 1)

    def cube(self, code: str) -> dict:
        """The rows added up: per quarter, wijk and node, and for all wijken; the people are
        the distinct persons (all wijken: distinct over the wijken too)."""
        measure = BY_CODE[code]
        people, units, value = defaultdict(set), defaultdict(int), defaultdict(float)
        for row in getattr(self, code)():
            nodes = [row.node]
            if measure.nodes == "none":
                nodes = [ALL]
            elif measure.nodes == "domain":
                nodes += [row.theme] if row.theme else []
                nodes.append(ALL)
            elif measure.nodes == "outcome":
                nodes.append(ALL)
            area = UNKNOWN_AREA if row.wijk is None else str(row.wijk)
            for node in nodes:
                for where in (area, ALL):
                    key = (row.quarter, where, node)
                    people[key].add(row.person)
                    units[key] += 1
                    value[key] += row.value
        return {key: Stats(len(who), units[key], value[key]) for key, who in people.items()}


def compare(test, code: str, naive: dict, computed: dict):
    test.assertEqual(sorted(set(naive) - set(computed)), [], f"{code}: cells only the naive route has")
    test.assertEqual(sorted(set(computed) - set(naive)), [], f"{code}: cells only the SQL has")
    for key, stats in naive.items():
        got = computed[key]
        test.assertEqual((got.people, got.units), (stats.people, stats.units), f"{code} {key}")
        test.assertAlmostEqual(got.value, stats.value, places=5, msg=f"{code} {key}")


class FiguresRightTestCase(TestCase):
    def test_every_measure_has_a_naive_route(self):
        for measure in MEASURES:
            self.assertTrue(hasattr(Naive, measure.code), measure.code)

    @settings(max_examples=EXAMPLES)
    @given(seed=st.integers(0, 2**32 - 1))
    @example(seed=20250101)
    def test_every_measure_agrees_with_a_naive_count(self, seed):
        World(random.Random(seed)).build()
        naive = Naive(PERIODS)
        nonempty = 0
        for measure in MEASURES:
            expected = naive.cube(measure.code)
            compare(self, measure.code, expected, cube(measure, PERIODS))
            nonempty += bool(expected)
        # The world is not empty: most measures have something to count.
        self.assertGreater(nonempty, len(MEASURES) // 2)
