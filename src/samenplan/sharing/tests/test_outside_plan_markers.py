"""Property test of questions at a hub and early signals, through every page that can show them.

Generated questions (in one of two wijken, new, taken on or closed) and generated signals
(from one of two partners, in one of two wijken, in every outreach state, some offered to a
resident's plan or joined to it) get a unique marker in every text a person could read:
the question, the asker's name, a contact note; the signal's name, street and an outreach
note; the partner's own reference. Then three wijk teams (one per wijk and one serving both),
a professional of another organisation who serves the wijk but is no wijk team, both
partners' staff, a partner's colleague at an organisation that does not deliver signals, a
policy analyst, the resident and a member of her plan walk every page these can reach, and
we check:

- a question or signal shows only to the wijk teams of its wijk (and a signal, once offered
  or joined, to the resident whose plan it was offered to; never to her network);
- a partner never sees a name, address or note, and sees no other partner's references;
- every wijk team member of the wijk does see what is theirs to handle (the walk is not empty).

What is allowed is computed here from the generated data, never by asking the policy.
"""

import itertools
import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import Organisation, User
from samenplan.early_signals.models import Signal, SignalEvent
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.plans.models import Plan, StoryVersion
from samenplan.sharing.models import Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.services import grants_decide, membership_create
from samenplan.testing.factories import OrganisationFactory, UserFactory, WijkFactory
from samenplan.testing.urlwalk import app_routes, fill, parameters

EXAMPLES = {"dev": 5, "ci": 12, "ci-postgresql": 5}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]
counter = itertools.count()

QUESTION_STATES = ["new", "claimed", *Question.Outcome.values]
SIGNAL_STATES = ["new", "outreach", "offered", "joined", *Signal.Outcome.values]
# The pages a generated case can reach: every route of the hubs and signals, the plan's
# signal pages, and the pages that list a person's work.
REACHABLE_PREFIXES = ("wijkteam/", "signalen/", "wijkpunten/")
VALUE_NAMES = {"question_id", "signal_id", "plan_id", "wijk_code"}


@dataclass
class QuestionSpec:
    wijk: int  # 0 or 1
    state: str
    handler: int  # which of the wijk's team members took it on


@dataclass
class SignalSpec:
    partner: int  # 0 or 1
    wijk: int
    state: str
    handler: int


question_specs = st.builds(
    QuestionSpec,
    wijk=st.integers(0, 1),
    state=st.sampled_from(QUESTION_STATES),
    handler=st.integers(0, 1),
)
signal_specs = st.builds(
    SignalSpec,
    partner=st.integers(0, 1),
    wijk=st.integers(0, 1),
    state=st.sampled_from(SIGNAL_STATES),
    handler=st.integers(0, 1),
)


def reachable_routes() -> list[str]:
    routes = []
    for route in app_routes():
        names = set(parameters(route))
        if not names <= VALUE_NAMES:
            continue
        if route.startswith(REACHABLE_PREFIXES) or "signalen" in route:
            routes.append(route)
    # "Mijn gegevens": everything held about the person walking.
    routes += ["plans/<int:plan_id>/", "caseload/", "notifications/", "", "mijn-gegevens/"]
    return routes


@pytest.mark.heavy
class OutsidePlanMarkerTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.wijken = [WijkFactory(name="Markerwijk A", code="mk-a"), WijkFactory(name="Markerwijk B", code="mk-b")]
        # One team per wijk, and one that serves both.
        team_a = OrganisationFactory(name="Team A", starts_plans=True)
        team_b = OrganisationFactory(name="Team B", starts_plans=True)
        team_ab = OrganisationFactory(name="Team AB", starts_plans=True)
        team_a.wijken.set([cls.wijken[0]])
        team_b.wijken.set([cls.wijken[1]])
        team_ab.wijken.set(cls.wijken)
        # Serves wijk A but starts no plans: not a wijk team.
        other = OrganisationFactory(name="Schuldhulp A", kind=Organisation.Kind.DEBT)
        other.wijken.set([cls.wijken[0]])

        def pro(name, organisation):
            return UserFactory(username=name, role=User.Role.PROFESSIONAL, organisation=organisation)

        cls.team_a = [pro("team-a1", team_a), pro("team-a2", team_a)]
        cls.team_b = [pro("team-b1", team_b), pro("team-b2", team_b)]
        cls.team_ab = pro("team-ab", team_ab)
        cls.other_pro = pro("other-pro", other)
        cls.partners = [
            OrganisationFactory(name="Woningen", kind=Organisation.Kind.HOUSING, delivers_signals=True),
            OrganisationFactory(name="Energie", kind=Organisation.Kind.ENERGY, delivers_signals=True),
        ]
        cls.partner_staff = [
            UserFactory(username=f"partner-{n}", role=User.Role.SIGNAL_PARTNER, organisation=partner)
            for n, partner in enumerate(cls.partners)
        ]
        not_delivering = OrganisationFactory(name="Water zonder afspraak", kind=Organisation.Kind.WATER)
        cls.not_partner = UserFactory(
            username="not-partner", role=User.Role.SIGNAL_PARTNER, organisation=not_delivering
        )
        cls.analyst = UserFactory(username="analyst", role=User.Role.ANALYST)
        # The resident of wijk A, whose coordinator is team-a1; her sister sees every part.
        cls.resident = UserFactory(username="resident", first_name="Rosa", last_name="Ruis")
        cls.plan = Plan.objects.create(
            owner=cls.resident, wijk=cls.wijken[0], status=Plan.Status.ACTIVE, created_by=cls.team_a[0]
        )
        StoryVersion.objects.create(plan=cls.plan, number=1, text="Rosa's story.", written_by=cls.team_a[0])
        cls.sister = UserFactory(username="sister", role=User.Role.NETWORK)
        for user, role in ((cls.team_a[0], Membership.Role.COORDINATOR), (cls.sister, Membership.Role.NETWORK)):
            membership = membership_create(
                plan=cls.plan, user=user, role=role, relation=Membership.Relation.FAMILY, added_by=cls.resident
            )
            grants_decide(
                plan=cls.plan,
                decided_by=cls.resident,
                context=SharingDecision.Context.SETTINGS,
                decisions={membership: dict.fromkeys(Part, (Level.CONTRIBUTE, None))},
            )

    def team_of(self, wijk: int) -> list[User]:
        return [*(self.team_a if wijk == 0 else self.team_b), self.team_ab]

    def handler(self, wijk: int, number: int) -> User:
        return self.team_of(wijk)[number]

    # Building ---------------------------------------------------------------------------

    def make_question(self, spec: QuestionSpec, tag: str) -> dict[str, str]:
        now = timezone.now()
        markers = {f"{tag}text": "content", f"{tag}name": "content", f"{tag}note": "content"}
        question = Question.objects.create(
            wijk=self.wijken[spec.wijk],
            text=f"Question {tag}text",
            name=f"{tag}name",
            channel=Question.Channel.PHONE,
            phone="0600000000",
            consent_at=now,
            created_at=now - timedelta(days=2),
        )
        if spec.state != "new":
            handler = self.handler(spec.wijk, spec.handler)
            question.owner, question.claimed_at, question.status = handler, now, Question.Status.CLAIMED
            QuestionEvent.objects.create(
                question=question, kind=QuestionEvent.Kind.ATTEMPT, reached=True, note=f"{tag}note", by=handler
            )
            question.first_contact_at = now
        if spec.state in Question.Outcome.values:
            question.status, question.outcome, question.closed_at = Question.Status.CLOSED, spec.state, now
        question.save()
        self.values["question_id"].append(question.pk)
        self.questions.append((spec, markers))
        return markers

    def make_signal(self, spec: SignalSpec, tag: str) -> dict[str, str]:
        now = timezone.now()
        markers = {f"{tag}name": "content", f"{tag}street": "content", f"{tag}note": "content", f"{tag}ref": "ref"}
        signal = Signal(
            partner=self.partners[spec.partner],
            partner_reference=f"{tag}ref",
            name=f"{tag}name",
            street=f"{tag}street 1",
            postcode="5701AB",
            kind=Signal.Kind.RENT,
            amount="700.00",
            months_in_arrears=2,
            last_reminder_on=timezone.localdate() - timedelta(days=5),
            collection_steps_confirmed=True,
            wijk=self.wijken[spec.wijk],
            household=f"5701AB|{tag}",
            created_at=now - timedelta(days=3),
        )
        offers = spec.state in ("offered", "joined")
        # Only a member of the resident's plan offers to it: the coordinator, in wijk A.
        handler = self.team_a[0] if offers else self.handler(spec.wijk, spec.handler)
        if offers:
            signal.wijk = self.wijken[0]
            spec.wijk = 0
        if spec.state != "new":
            signal.owner, signal.claimed_at, signal.status = handler, now, Signal.Status.OUTREACH
            signal.first_contact_at = now
        if offers:
            signal.offered_plan, signal.offered_at = self.plan, now
        if spec.state == "joined":
            signal.plan, signal.joined_at = self.plan, now
        if spec.state in Signal.Outcome.values:
            signal.status, signal.outcome, signal.closed_at = Signal.Status.CLOSED, spec.state, now
        signal.save()
        if spec.state != "new":
            SignalEvent.objects.create(
                signal=signal, kind=SignalEvent.Kind.ATTEMPT, channel=SignalEvent.Channel.LETTER, note=f"{tag}note"
            )
        self.values["signal_id"].append(signal.pk)
        self.signals.append((spec, markers))
        return markers

    # Walking ----------------------------------------------------------------------------

    def urls(self):
        for route in reachable_routes():
            names = parameters(route)
            for combination in itertools.product(*(self.values[name] for name in names)):
                url = fill(route, dict(zip(names, combination, strict=True)))
                if url is not None:
                    yield url
                    if not names and route.startswith("wijkteam/") and not route.endswith("nieuw/"):
                        # The queues' filters: what I took on, and what nobody took on.
                        yield url + "?show=mine"
                        yield url + "?show=free"
        # The intake opened from a question shows it, pre-filled, to whoever may start a plan from it.
        for question_id in self.values["question_id"]:
            yield f"/intake/?question={question_id}"

    def walk(self, user: User) -> str:
        self.client.force_login(user)
        pages = []
        for url in self.urls():
            response = self.client.get(url)
            if response.status_code == 200:
                pages.append(response.content.decode())
        return "\n".join(pages)

    # Expectations -----------------------------------------------------------------------

    def may_see(self, user: User, spec, kind: str) -> bool:
        """May this user read a marker of this kind planted in this question or signal?"""
        if user in self.team_of(spec.wijk):
            return True
        if isinstance(spec, SignalSpec):
            if kind == "ref" and user == self.partner_staff[spec.partner]:
                return True
            if user == self.resident and spec.state in ("offered", "joined"):
                return True
        return False

    @settings(max_examples=EXAMPLES)
    @given(
        questions=st.lists(question_specs, max_size=4),
        signals=st.lists(signal_specs, min_size=1, max_size=4),
    )
    def test_questions_and_signals_show_only_to_the_wijk_team_of_their_wijk(self, questions, signals):
        self.values = {"question_id": [], "signal_id": [], "plan_id": [self.plan.pk], "wijk_code": ["mk-a", "mk-b"]}
        self.questions, self.signals = [], []
        for spec in questions:
            self.make_question(spec, f"MQ{next(counter)}x")
        for spec in signals:
            self.make_signal(spec, f"MS{next(counter)}x")
        everyone = [
            *self.team_a,
            *self.team_b,
            self.team_ab,
            self.other_pro,
            *self.partner_staff,
            self.not_partner,
            self.analyst,
            self.resident,
            self.sister,
        ]
        for user in everyone:
            pages = self.walk(user)
            for spec, markers in self.questions + self.signals:
                for marker, kind in markers.items():
                    allowed = self.may_see(user, spec, kind)
                    if marker in pages:
                        self.assertTrue(allowed, f"{marker} ({spec}) leaked to {user.username}")
                    elif allowed and kind == "content" and user in self.team_of(spec.wijk) and "note" not in marker:
                        # The walk is not empty: the team sees what it handles.
                        self.fail(f"{user.username} of the wijk team does not see {marker} ({spec})")
