"""A stateful proof of referrals: people *act* through the pages.

A state machine takes alice's plan (the base test case's people, each part holding a
marker) and lets everyone try every referral action through the real forms: propose one to
a service of one of two organisations, consent with generated parts, stop or withdraw it,
let the receiver keep reading, accept, reject, start, finish. Who tries is generated too:
the resident, the coordinator, a family member who may add agreements, a professional who
may only read them, a member who sees nothing, the professionals of both organisations and
a stranger. The test keeps its own model of what should have happened and after every step
checks:

- each referral's state in the database is the model's (a refused action changed nothing,
  an allowed one did what it said);
- each receiving professional holds exactly the grants the model says: the consented parts
  of the referrals they took on while those run (or, extended, after), nothing else;
- every professional of both organisations opens every referral's page: a 404 for another
  organisation and before consent, and otherwise the question and each part's marker show
  exactly while the referral is open and the part consented.

At the end of each example the receiving professionals walk the plan's part pages: a marker
shows only as the model's grants say.

What should happen is computed here from the generated steps, never by asking the policy.
"""

import itertools
import os
import uuid
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Agreement, Goal, StoryVersion, Strength
from samenplan.referrals.models import Referral
from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import OrganisationFactory, ServiceFactory, UserFactory

EXAMPLES = {"dev": 4, "ci": 15, "ci-postgresql": 6}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]
STEPS = 14

# The parts that carry a marker (and a page to find it on), and every part one may consent to.
MARKED = {Part.STORY: "story/", Part.GOALS: "goals/", Part.AGREEMENTS: "agreements/", Part.STRENGTHS: "strengths/"}
CONSENTABLE = [part.value for part in Part if part != Part.CONVERSATIONS]
OPEN = {"requested", "accepted", "in_progress"}
TAKEN_ON = {"accepted", "in_progress"}
CLOSED = {"rejected", "completed", "cancelled", "failed"}

# Who may propose: whoever may add agreements (the resident, the coordinator, carol).
PROPOSERS = {"owner", "coord", "carol"}
PLAN_PEOPLE = ["owner", "coord", "carol", "dave", "erin"]
RECEIVERS = {"a1": 0, "a2": 0, "b1": 1}  # professional -> receiving organisation (0 or 1)
ACTORS = [*PLAN_PEOPLE, *RECEIVERS, "stranger"]
anyone = st.sampled_from(["owner"] * 3 + ["coord"] * 2 + ACTORS)
# Consenting and withdrawing are the resident's: she tries most, everyone else too.
mostly_the_resident = st.sampled_from(["owner"] * 5 + ["coord"] * 2 + ["carol", "dave"] + ACTORS)
# Who answers a new referral: someone of its own team most often (chosen in the rule), or anyone.
a_receiver = st.sampled_from(["team"] * 4 + ["a1", "a2", "b1", "coord", "owner", "stranger"])
# Who answers a referral taken on: its assignee most often (chosen in the rule), or anyone.
the_assignee_or_anyone = st.sampled_from(["assignee"] * 4 + ["a1", "a2", "b1", "coord", "stranger"])
counter = itertools.count(1)


@dataclass
class Sent:
    """One referral as the test expects it to be."""

    pk: int
    organisation: int
    proposer: str
    question: str
    state: str = "awaiting_consent"
    parts: set[str] = field(default_factory=set)
    assignee: str | None = None
    extended: bool = False

    def grants_for(self, actor: str) -> set[str]:
        """The parts this referral keeps open to its assignee as a plan member."""
        if self.assignee != actor:
            return set()
        if self.state in TAKEN_ON or (self.extended and self.state in CLOSED):
            return set(self.parts)
        return set()


class ReferralMachine(RuleBasedStateMachine):
    case: "ReferralActionsTestCase"
    tally: dict = {}

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        case = self.case
        self.plan = case.plan
        self.users = dict(case.people)
        self.clients = {}
        for actor, user in self.users.items():
            self.clients[actor] = Client()
            self.clients[actor].force_login(user)
        self.sent: list[Sent] = []
        self.markers: dict[str, str] = {}
        tag = f"RM{next(counter)}x"
        for part in MARKED:
            self.markers[part] = f"{tag}{part}"
        StoryVersion.objects.create(plan=self.plan, number=2, text=self.markers[Part.STORY], written_by=case.alice)
        Goal.objects.create(plan=self.plan, text=self.markers[Part.GOALS], created_by=case.alice)
        Agreement.objects.create(
            plan=self.plan,
            what=self.markers[Part.AGREEMENTS],
            who_kind="resident",
            support="light",
            created_by=case.alice,
        )
        Strength.objects.create(plan=self.plan, kind="self", text=self.markers[Part.STRENGTHS], rank=1)
        self.tag = tag

    def teardown(self):
        try:
            self.walk_the_plan()
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- talking to the app -------------------------------------------------------------

    def post(self, actor: str, url: str, data: dict, *, allowed: bool, refused_with=(404,)) -> None:
        """POST as `actor`: allowed, it works (a redirect and an audit entry of a change by
        them); otherwise the answer is a refusal and nothing changes (checked by the invariants)."""
        before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = self.clients[actor].post(url, data)
        what = f"{actor} POST {url} {data}"
        name = data.get("action", "propose")
        kind = "done" if allowed else "refused"
        ReferralMachine.tally[(name, kind)] = ReferralMachine.tally.get((name, kind), 0) + 1
        if allowed:
            assert response.status_code == 302, f"{what}: expected it to work, got {response.status_code}"
            entries = AuditEntry.objects.filter(id__gt=before, actor_id=self.users[actor].pk, outcome="permitted")
            assert entries.exclude(action__in=["view", "list"]).exists(), f"{what}: no audit entry of the change"
        else:
            assert response.status_code in refused_with, f"{what}: expected a refusal, got {response.status_code}"

    def pick(self, number: int, prefer: set[str]) -> Sent:
        """A referral, most often one in a state where the action can work (so the machine
        gets past the first steps), sometimes any (so the refusals are tried too)."""
        fitting = [sent for sent in self.sent if sent.state in prefer]
        pool = fitting if fitting and number % 4 else self.sent
        return pool[number % len(pool)]

    def plan_url(self, sent: Sent) -> str:
        return f"/plans/{self.plan.pk}/referrals/{sent.pk}/"

    def inbox_url(self, sent: Sent) -> str:
        return f"/referrals/inbox/{sent.pk}/"

    def version(self, sent: Sent) -> int:
        return Referral.objects.get(pk=sent.pk).version

    def colleague(self, sent: Sent, number: int) -> str:
        team = [actor for actor, organisation in RECEIVERS.items() if organisation == sent.organisation]
        return team[number % len(team)]

    def staff_of(self, actor: str, sent: Sent) -> bool:
        return RECEIVERS.get(actor) == sent.organisation

    # --- the start: referrals already on their way -------------------------------------------

    @initialize(
        first=st.lists(
            st.tuples(st.booleans(), st.booleans(), st.sets(st.sampled_from(CONSENTABLE), max_size=4)),
            min_size=1,
            max_size=2,
        )
    )
    def start_with_referrals(self, first):
        """The coordinator proposes one or two referrals; the resident consents to the first
        (and perhaps the second), so the machine starts with something to answer."""
        for number, (second, consented, parts) in enumerate(first):
            self.propose("coord", second)
            if consented or number == 0:
                self.consent("owner", len(self.sent) - 1, parts)

    # --- the plan's side ------------------------------------------------------------------

    @precondition(lambda self: len(self.sent) < 3)
    @rule(actor=anyone, second=st.booleans())
    def propose(self, actor, second):
        question = f"{self.tag}question{next(counter)}"
        service = self.case.services[second]
        before = set(Referral.objects.filter(plan=self.plan).values_list("pk", flat=True))
        self.post(
            actor,
            f"/plans/{self.plan.pk}/referrals/new/?service={service.pk}",
            {"question": question, "submit_token": str(uuid.uuid4())},
            allowed=actor in PROPOSERS,
        )
        new = set(Referral.objects.filter(plan=self.plan).values_list("pk", flat=True)) - before
        if actor in PROPOSERS:
            assert len(new) == 1, f"{actor} proposed, {len(new)} referrals made"
            self.sent.append(Sent(pk=new.pop(), organisation=int(second), proposer=actor, question=question))
        else:
            assert not new, f"{actor} may not propose, yet a referral was made"

    @precondition(lambda self: self.sent)
    @rule(actor=mostly_the_resident, number=st.integers(0, 9), parts=st.sets(st.sampled_from(CONSENTABLE), max_size=4))
    def consent(self, actor, number, parts):
        sent = self.pick(number, {"awaiting_consent"})
        allowed = actor == "owner" and sent.state == "awaiting_consent"
        data = {"action": "consent", "version": self.version(sent), "parts": sorted(parts), "contact_channel": "email"}
        # The resident, too late (someone stopped it): the page says what changed.
        self.post(
            actor, self.plan_url(sent), data, allowed=allowed, refused_with=(200, 404) if actor == "owner" else (404,)
        )
        if allowed:
            sent.state, sent.parts = "requested", set(parts)

    @precondition(lambda self: self.sent)
    @rule(actor=mostly_the_resident, number=st.integers(0, 9))
    def cancel(self, actor, number):
        sent = self.pick(number, {"awaiting_consent", *OPEN})
        may = actor == "owner" or (actor == sent.proposer and actor in PROPOSERS)
        allowed = may and sent.state not in CLOSED
        seeing = actor in ("owner", "coord", "carol", "dave")
        self.post(
            actor,
            self.plan_url(sent),
            {"action": "cancel", "version": self.version(sent)},
            allowed=allowed,
            refused_with=(200, 404) if seeing else (404,),
        )
        if allowed:
            sent.state = "cancelled"
            if actor == "owner":
                sent.extended = False  # withdrawing ends the extension too

    @precondition(lambda self: self.sent)
    @rule(actor=mostly_the_resident, number=st.integers(0, 9))
    def extend(self, actor, number):
        sent = self.pick(number, OPEN)
        allowed = actor == "owner" and sent.state in OPEN and not sent.extended
        self.post(
            actor,
            self.plan_url(sent),
            {"action": "extend", "version": self.version(sent)},
            allowed=allowed,
            refused_with=(200, 404) if actor == "owner" else (404,),
        )
        if allowed:
            sent.extended = True

    # --- the receiving organisation ---------------------------------------------------------

    def answer(self, actor: str, sent: Sent, action: str, allowed: bool, **fields) -> None:
        data = {"action": action, f"{action}-version": self.version(sent)}
        data.update({f"{action}-{name}": value for name, value in fields.items()})
        # Their own team's referral, answered too late or by a colleague: the page says so.
        in_queue = self.staff_of(actor, sent) and sent.state != "awaiting_consent"
        self.post(actor, self.inbox_url(sent), data, allowed=allowed, refused_with=(200, 404) if in_queue else (404,))

    @precondition(lambda self: self.sent)
    @rule(actor=a_receiver, number=st.integers(0, 9))
    def accept(self, actor, number):
        sent = self.pick(number, {"requested"})
        actor = self.colleague(sent, number) if actor == "team" else actor
        allowed = self.staff_of(actor, sent) and sent.state == "requested"
        self.answer(actor, sent, "accept", allowed)
        if allowed:
            sent.state, sent.assignee = "accepted", actor

    @precondition(lambda self: self.sent)
    @rule(actor=a_receiver, number=st.integers(0, 9))
    def reject(self, actor, number):
        sent = self.pick(number, {"requested"})
        actor = self.colleague(sent, number) if actor == "team" else actor
        allowed = self.staff_of(actor, sent) and sent.state == "requested"
        self.answer(actor, sent, "reject", allowed, reason="Past niet bij ons aanbod.")
        if allowed:
            sent.state = "rejected"

    @precondition(lambda self: self.sent)
    @rule(actor=the_assignee_or_anyone, number=st.integers(0, 9))
    def start(self, actor, number):
        sent = self.pick(number, {"accepted"})
        actor = sent.assignee or "a1" if actor == "assignee" else actor
        allowed = sent.assignee == actor and sent.state == "accepted"
        self.answer(actor, sent, "start", allowed)
        if allowed:
            sent.state = "in_progress"

    @precondition(lambda self: self.sent)
    @rule(actor=the_assignee_or_anyone, number=st.integers(0, 9), fail=st.booleans())
    def finish(self, actor, number, fail):
        sent = self.pick(number, TAKEN_ON)
        actor = sent.assignee or "a1" if actor == "assignee" else actor
        allowed = sent.assignee == actor and sent.state in TAKEN_ON
        if fail:
            self.answer(actor, sent, "fail", allowed, reason="Geen contact gekregen.")
        else:
            self.answer(actor, sent, "complete", allowed, outcome="helped", note="")
        if allowed:
            sent.state = "failed" if fail else "completed"

    # --- what must hold after every step -------------------------------------------------

    @invariant()
    def every_referral_is_as_the_model_says(self):
        for sent in self.sent:
            referral = Referral.objects.get(pk=sent.pk)
            assert referral.status == sent.state, f"referral {sent.pk}: {referral.status}, expected {sent.state}"
            assert set(referral.consent_parts) == sent.parts, f"referral {sent.pk}: consent {referral.consent_parts}"
            assert referral.extended == sent.extended, f"referral {sent.pk}: extended {referral.extended}"
            expected_assignee = self.users[sent.assignee].pk if sent.assignee else None
            assert referral.assigned_to_id == expected_assignee, (
                f"referral {sent.pk}: assigned {referral.assigned_to_id}"
            )

    @invariant()
    def receivers_hold_exactly_the_consented_grants(self):
        for actor in RECEIVERS:
            expected = set().union(*(sent.grants_for(actor) for sent in self.sent))
            membership = Membership.objects.filter(
                plan=self.plan, user=self.users[actor], ended_at__isnull=True
            ).first()
            held = dict(Grant.objects.filter(membership=membership).values_list("part", "level")) if membership else {}
            assert set(held) == expected, f"{actor} holds {sorted(held)}, expected {sorted(expected)}"
            assert all(level == Level.VIEW for level in held.values()), f"{actor} may change: {held}"

    @invariant()
    def each_referral_page_shows_what_is_consented_while_it_runs(self):
        for sent in self.sent:
            for actor in RECEIVERS:
                response = self.clients[actor].get(self.inbox_url(sent))
                if not self.staff_of(actor, sent) or sent.state == "awaiting_consent":
                    assert response.status_code == 404, f"{actor} opens referral {sent.pk} ({sent.state})"
                    continue
                assert response.status_code == 200, f"{actor} cannot open referral {sent.pk}"
                html = response.content.decode()
                running = sent.state in OPEN
                assert (sent.question in html) == running, f"{actor}: question of {sent.pk} ({sent.state})"
                for part, marker in self.markers.items():
                    shown = marker in html
                    assert shown == (running and part in sent.parts), f"{actor}: {part} of {sent.pk} shown={shown}"

    # --- at the end ----------------------------------------------------------------------------

    def walk_the_plan(self):
        for actor in [*RECEIVERS, "stranger"]:
            expected = set().union(*(sent.grants_for(actor) for sent in self.sent))
            for part, path in MARKED.items():
                response = self.clients[actor].get(f"/plans/{self.plan.pk}/{path}")
                shown = response.status_code == 200 and self.markers[part] in response.content.decode()
                assert shown == (part in expected), f"{actor} on {path}: shown={shown}, granted {sorted(expected)}"


@pytest.mark.heavy
class ReferralActionsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        first = OrganisationFactory(name="Budgetbureau", kind=Organisation.Kind.DEBT)
        second = OrganisationFactory(name="GGZ Inloop", kind=Organisation.Kind.MENTAL_HEALTH)
        cls.services = [ServiceFactory(organisation=first), ServiceFactory(organisation=second)]
        cls.people = {
            "owner": cls.alice,
            "coord": cls.bob,
            "carol": cls.carol,
            "dave": cls.dave,
            "erin": cls.erin,
            "a1": UserFactory(username="a1", role=User.Role.PROFESSIONAL, organisation=first),
            "a2": UserFactory(username="a2", role=User.Role.PROFESSIONAL, organisation=first),
            "b1": UserFactory(username="b1", role=User.Role.PROFESSIONAL, organisation=second),
            "stranger": cls.charlie,
        }

    def test_whatever_people_do_a_referral_shows_only_what_the_resident_consented_to(self):
        ReferralMachine.case = self
        ReferralMachine.tally = {}
        run_state_machine_as_test(
            ReferralMachine,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
            ),
        )
        done = {name for (name, outcome) in ReferralMachine.tally if outcome == "done"}
        self.assertGreaterEqual(len(done), min(4, EXAMPLES), sorted(ReferralMachine.tally.items()))
