"""Property test of case conferences and consults, through every page of the app.

A generated plan (a marker in every part, generated members as in
`sharing/tests/test_markers.py`, one of them its coordinator) gets one or two case
conferences, each with a generated consent (parts of the plan), a generated state
(waiting for the resident, agreed, closed, called off) and generated participants: a
professional of another organisation who is not in the plan, a professional in the plan
and a network member with an account, each invited or not and approved or not. Each
conference has a marker in what is stuck, on its agenda and in its minutes. The plan gets
up to two consults of the other organisation about one part of it, in a generated state,
and maybe an anonymous consult with a marker question; the plan is sometimes closed
afterwards. Then the owner, every member, the coordinator, the other organisation's
professional, an uninvited colleague of theirs, a stranger, an analyst and the
breakthrough officer walk every plan page, every conference and consult page and their
lists, and we check: a part marker shows to someone besides the owner only through their
own grants, an agreed conference they were approved to join (the consented parts, while
the plan is open) or an open consult to their organisation about that part; a
conference's own markers only to the resident side, the coordinator and (while agreed,
on an open plan) approved participants; an anonymous question only to who asked it and
the organisation asked. What is allowed does show, and every conference page read is
audited with the plan and the parts it showed.

States are built directly with the ORM (the services are tested on their own). What is
allowed is computed here from the generated data, never by asking the policy.
"""

import os
import re
from dataclasses import dataclass, replace

import pytest
from django.utils import timezone
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import AgendaItem, Conference, Consult, MinutesVersion, Participant
from samenplan.plans.models import Plan, StoryVersion
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.tests.test_markers import MarkerWorldMixin, MemberSpec, World, member_specs
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    ConferenceFactory,
    ConsultFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)

# Parts a resident can let a conference or a consult see (conversations stay between
# their participants).
CONSENTABLE = [part.value for part in Part if part != Part.CONVERSATIONS]
CONFERENCE_STATES = [status.value for status in Conference.Status]
CONSULT_STATES = [status.value for status in Consult.Status]
# An anonymous consult needs no consent: it is open at once.
ANONYMOUS_STATES = [Consult.Status.OPEN.value, Consult.Status.ANSWERED.value, Consult.Status.CANCELLED.value]

# Each example walks every page as up to twelve people: few examples.
EXAMPLES = {"dev": 5, "ci": 8, "ci-postgresql": 4}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]

# An invited person: None (not invited), False (proposed, not approved), True (approved).
invitations = st.sampled_from([None, False, True])


@dataclass
class ConferenceSpec:
    consent: list[str]
    state: str
    outsider: bool | None  # the other organisation's professional
    member: bool | None  # the professional in the plan
    network: bool | None  # the network member (True: the resident chose them)
    conference: Conference | None = None
    markers: tuple[str, ...] = ()

    def approved(self, role: str) -> bool:
        return getattr(self, role) is True

    def at_the_table(self, plan_closed: bool) -> bool:
        """Agreed and the plan still open: the table sees the consented parts."""
        return self.state == Conference.Status.PLANNED and not plan_closed


@dataclass
class ConsultSpec:
    part: str
    state: str
    by_coordinator: bool  # else asked by the professional in the plan
    consented: bool  # only matters once stopped: stopped before or after consent
    consult: Consult | None = None

    @property
    def is_consented(self) -> bool:
        if self.state == Consult.Status.AWAITING_CONSENT:
            return False
        return self.consented or self.state != Consult.Status.CANCELLED

    def shows(self, plan_closed: bool) -> bool:
        """The receiving organisation sees the part: open, consented, the plan open."""
        return self.state == Consult.Status.OPEN and self.is_consented and not plan_closed


@dataclass
class AnonymousSpec:
    state: str
    by_coordinator: bool
    consult: Consult | None = None
    marker: str = ""


conference_specs = st.builds(
    ConferenceSpec,
    consent=st.lists(st.sampled_from(CONSENTABLE), unique=True, max_size=4),
    state=st.sampled_from(CONFERENCE_STATES),
    outsider=invitations,
    member=invitations,
    network=invitations,
)
consult_specs = st.builds(
    ConsultSpec,
    part=st.sampled_from(CONSENTABLE),
    state=st.sampled_from(CONSULT_STATES),
    by_coordinator=st.booleans(),
    consented=st.booleans(),
)
anonymous_specs = st.builds(AnonymousSpec, state=st.sampled_from(ANONYMOUS_STATES), by_coordinator=st.booleans())

# The coordinator is a professional in the plan with their own generated grants; never
# removed (a coordinator who left is just a member who left).
coordinator_specs = member_specs.map(lambda s: replace(s, professional=True, removed=False, represents=None))
professional_specs = member_specs.map(lambda s: replace(s, professional=True))
network_specs = member_specs.map(lambda s: replace(s, professional=False))


def table_allows(parts: set[str], kind: str) -> bool:
    """Does a view-only access to these parts (a conference table, a consult) show this
    kind of marker? One access per page, so parts from two sources never add up."""
    if kind == "assigned":
        return Part.AGREEMENTS in parts
    if kind == "evaluation-score":
        return Part.EVALUATIONS in parts and Part.GOALS in parts
    if kind == Part.CONVERSATIONS:
        return False
    return kind in parts


def granted(spec: MemberSpec, part: str) -> bool:
    """A grant that holds, or representing the resident in that part."""
    if spec.removed:
        return False
    if spec.represents is not None and (not spec.represents or part in spec.represents):
        return True
    holds = spec.until_days is None or spec.until_days >= 0
    return holds and spec.levels.get(part, Level.NONE) >= Level.VIEW


@dataclass
class Person:
    label: str
    user: User
    spec: MemberSpec | None = None  # their membership of the plan, if any
    is_owner: bool = False
    is_coordinator: bool = False

    @property
    def resident_side(self) -> bool:
        """The owner, or a representative for all parts still in the plan."""
        return self.is_owner or (self.spec is not None and not self.spec.removed and self.spec.represents == [])


@pytest.mark.heavy
class ConferenceWorldTestCase(MarkerWorldMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = OrganisationFactory(name="Home Team", kind=Organisation.Kind.SOCIAL_TEAM, starts_plans=True)
        cls.other = OrganisationFactory(name="Other Org", kind=Organisation.Kind.DEBT)
        cls.outsider = UserFactory(role=User.Role.PROFESSIONAL, organisation=cls.other, first_name="Outsider")
        cls.colleague = UserFactory(role=User.Role.PROFESSIONAL, organisation=cls.other, first_name="Colleague")
        cls.analyst = UserFactory(role=User.Role.ANALYST)
        cls.officer = UserFactory(role=User.Role.BREAKTHROUGH_OFFICER)

    # Building.

    def tag(self, world: World) -> str:
        return re.match(r"MK\d+x", next(iter(world.markers))).group()

    def convene(self, world: World, number: int, spec: ConferenceSpec, coordinator, pro, net) -> None:
        now = timezone.now()
        tag = self.tag(world)
        stuck, agenda, minutes = (f"{tag}{kind}{number}" for kind in ("stuck", "agenda", "minutes"))
        for marker in (stuck, agenda, minutes):
            world.markers[marker] = "conference"
        spec.markers = (stuck, agenda, minutes)
        consented = spec.state in (Conference.Status.PLANNED, Conference.Status.CLOSED)
        conference = ConferenceFactory(
            plan=world.plan,
            convened_by=coordinator.user,
            stuck=stuck,
            status=spec.state,
            # Proposed with parts in mind, but nothing leaves the plan before she agrees.
            consent_parts=spec.consent,
            consented_by=self.owner if consented else None,
            consented_at=now if consented else None,
            closed_at=now if spec.state == Conference.Status.CLOSED else None,
            closed_by=coordinator.user if spec.state == Conference.Status.CLOSED else None,
            cancel_reason="Not now" if spec.state == Conference.Status.CANCELLED else "",
        )
        spec.conference = conference
        AgendaItem.objects.create(conference=conference, text=agenda, added_by=coordinator.user)
        MinutesVersion.objects.create(conference=conference, number=1, text=minutes, written_by=coordinator.user)
        invited = [
            (spec.outsider, self.outsider, Participant.Kind.PROFESSIONAL, None, self.other),
            (spec.member, pro.user, Participant.Kind.PROFESSIONAL, None, None),
            (spec.network, net.user, Participant.Kind.NETWORK, net.membership, None),
        ]
        for approved, user, kind, membership, organisation in invited:
            if approved is not None:
                ParticipantFactory(
                    conference=conference,
                    kind=kind,
                    user=user,
                    membership=membership,
                    organisation=organisation,
                    proposed_by=coordinator.user,
                    approved_at=now if approved else None,
                )

    def ask(self, world: World, spec: ConsultSpec, asker: User) -> None:
        consented = spec.is_consented
        done = spec.state in (Consult.Status.ANSWERED, Consult.Status.CANCELLED)
        spec.consult = ConsultFactory(
            asked_by=asker,
            from_organisation=self.home,
            to_organisation=self.other,
            domain=self.domain,
            question="Can the debt counsellor help with this?",
            plan=world.plan,
            part=spec.part,
            consented_by=self.owner if consented else None,
            consented_at=timezone.now() if consented else None,
            status=spec.state,
            answer="Yes" if spec.state == Consult.Status.ANSWERED else "",
            answered_by=self.colleague if spec.state == Consult.Status.ANSWERED else None,
            answered_at=timezone.now() if spec.state == Consult.Status.ANSWERED else None,
            closed_at=timezone.now() if done else None,
        )

    def ask_anonymously(self, world: World, spec: AnonymousSpec, asker: User) -> None:
        spec.marker = f"{self.tag(world)}anonymous"
        world.markers[spec.marker] = "anonymous"
        answered = spec.state == Consult.Status.ANSWERED
        spec.consult = ConsultFactory(
            asked_by=asker,
            from_organisation=self.home,
            to_organisation=self.other,
            domain=self.domain,
            question=spec.marker,
            status=spec.state,
            answer="Yes" if answered else "",
            answered_by=self.colleague if answered else None,
            answered_at=timezone.now() if answered else None,
            closed_at=timezone.now() if spec.state != Consult.Status.OPEN else None,
        )

    # Walking.

    def fetch(self, user: User, urls) -> dict[str, str]:
        """The pages this user opens (url -> HTML); each conference page read is checked in
        the audit log as it happens."""
        self.client.force_login(user)
        pages = {}
        for url in urls:
            before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = self.client.get(url)
            if response.status_code == 200:
                pages[url] = response.content.decode()
                if url in self.conference_urls:
                    self.audited_reads.append((user, url, list(AuditEntry.objects.filter(id__gt=before))))
        return pages

    # Expectations (from the generated data only).

    def tables(self, person: Person, conferences, consults, plan_closed: bool) -> list[set[str]]:
        """The view-only accesses this person has besides their own: each agreed conference
        at whose table they sit, and each open consult to their organisation."""
        tables = []
        for spec in conferences:
            if spec.at_the_table(plan_closed) and self.sees_conference(person, spec, plan_closed):
                tables.append(set(spec.consent))
        for spec in consults:
            if person.user.organisation_id == self.other.pk and spec.shows(plan_closed):
                tables.append({spec.part})
        return tables

    def participant(self, person: Person, spec: ConferenceSpec) -> bool:
        return (
            (person.user == self.outsider and spec.approved("outsider"))
            or (person.label == "professional" and spec.approved("member"))
            or (person.label == "network" and spec.approved("network"))
        )

    def sees_conference(self, person: Person, spec: ConferenceSpec, plan_closed: bool) -> bool:
        if person.resident_side or person.is_coordinator:
            return True
        return self.participant(person, spec) and spec.at_the_table(plan_closed)

    def allowed(self, world, person, marker, conferences, consults, anonymous, plan_closed) -> bool:
        kind = world.markers[marker]
        if kind == "anonymous":
            return person.user == anonymous.consult.asked_by or (
                person.user.organisation_id == self.other.pk and person.user.role == User.Role.PROFESSIONAL
            )
        if kind == "conference":
            spec = next(spec for spec in conferences if marker in spec.markers)
            return self.sees_conference(person, spec, plan_closed)
        if person.is_owner:
            return True
        if person.spec is not None and world.allowed(person.spec, marker):
            return True
        return any(table_allows(parts, kind) for parts in self.tables(person, conferences, consults, plan_closed))

    @settings(max_examples=EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(
        coordinator=coordinator_specs,
        professional=professional_specs,
        network=network_specs,
        others=st.lists(member_specs, max_size=2),
        conferences=st.lists(conference_specs, min_size=1, max_size=2),
        consults=st.lists(consult_specs, max_size=2),
        anonymous=st.one_of(st.none(), anonymous_specs),
        closed=st.booleans(),
    )
    def test_a_conference_shows_the_consented_parts_only_to_its_table_and_only_while_agreed(
        self, coordinator, professional, network, others, conferences, consults, anonymous, closed
    ):
        world = self.build([coordinator, professional, network, *others], closed=False)
        Membership.objects.filter(pk=coordinator.membership.pk).update(role=Membership.Role.COORDINATOR)
        for number, spec in enumerate(conferences):
            self.convene(world, number, spec, coordinator, professional, network)
        for spec in consults:
            self.ask(world, spec, coordinator.user if spec.by_coordinator else professional.user)
        if anonymous is not None:
            self.ask_anonymously(world, anonymous, coordinator.user if anonymous.by_coordinator else professional.user)
        if closed:
            Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.CLOSED)
        every_consult = [spec.consult for spec in consults] + ([anonymous.consult] if anonymous else [])
        world.values["consult_id"] = [spec.consult.pk for spec in consults]
        self.conference_urls = [f"/overleg/{spec.conference.pk}/" for spec in conferences]
        consult_urls = [f"/consult/{consult.pk}/" for consult in every_consult]
        extra_urls = [*self.conference_urls, "/overleg/", *consult_urls, "/consult/"]
        self.audited_reads = []

        people = [
            Person("owner", self.owner, is_owner=True),
            Person("coordinator", coordinator.user, coordinator, is_coordinator=True),
            Person("professional", professional.user, professional),
            Person("network", network.user, network),
            *(Person(f"member {n}", spec.user, spec) for n, spec in enumerate(others)),
            Person("outsider", self.outsider),
            Person("colleague", self.colleague),
            Person("stranger", self.stranger),
            Person("analyst", self.analyst),
            Person("officer", self.officer),
        ]
        for person in people:
            pages = self.fetch(person.user, [*self.urls(world), *extra_urls])
            everything = "\n".join(pages.values())
            for marker, kind in world.markers.items():
                allowed = self.allowed(world, person, marker, conferences, consults, anonymous, closed)
                if marker in everything:
                    where = [url for url, html in pages.items() if marker in html]
                    self.assertTrue(allowed, f"{kind} {marker} leaked to the {person.label} on {where}")
                elif person.is_owner and kind not in ("anonymous", "conference"):
                    self.fail(f"the owner does not see {kind}")
            self.assert_shows_what_is_allowed(world, person, pages, conferences, consults, anonymous, closed)

        self.assert_conference_reads_audited(world, conferences, closed)

    def assert_shows_what_is_allowed(self, world, person, pages, conferences, consults, anonymous, closed):
        """The proof would be empty if nothing showed: what is allowed does show."""
        everything = "\n".join(pages.values())
        main = {part: next(m for m, p in world.markers.items() if p == part) for part in CONSENTABLE}
        # Their own grants, on the plan's pages (emergency access has its own tests).
        if person.spec is not None:
            for part in CONSENTABLE:
                if granted(person.spec, part):
                    self.assertTrue(main[part] in everything, f"the {person.label} does not see granted {part}")
        for spec in conferences:
            page = pages.get(f"/overleg/{spec.conference.pk}/", "")
            if self.sees_conference(person, spec, closed):
                for marker in spec.markers:
                    self.assertTrue(marker in page, f"the {person.label} does not see {marker} ({spec})")
                if spec.at_the_table(closed):
                    for part in spec.consent:
                        self.assertTrue(
                            main[part] in page, f"the {person.label} does not see consented {part} ({spec})"
                        )
        for spec in consults:
            page = pages.get(f"/consult/{spec.consult.pk}/", "")
            if person.user.organisation_id == self.other.pk and spec.shows(closed):
                self.assertTrue(
                    main[spec.part] in page, f"the {person.label} does not see consulted {spec.part} ({spec})"
                )
        if anonymous is not None and self.allowed(
            world, person, anonymous.marker, conferences, consults, anonymous, closed
        ):
            page = pages.get(f"/consult/{anonymous.consult.pk}/", "")
            self.assertTrue(anonymous.marker in page, f"the {person.label} does not see the anonymous question")

    def assert_conference_reads_audited(self, world, conferences, closed):
        """Every conference page read left one entry naming the plan, the conference and
        exactly the parts the table showed."""
        by_url = {f"/overleg/{spec.conference.pk}/": spec for spec in conferences}
        for user, url, entries in self.audited_reads:
            spec = by_url[url]
            reads = [
                entry
                for entry in entries
                if entry.actor_id == user.pk
                and entry.outcome == AuditEntry.Outcome.PERMITTED
                and f",conference:{spec.conference.pk}," in (entry.records or "")
            ]
            self.assertEqual(len(reads), 1, f"{user} read {url}: {entries}")
            self.assertEqual(reads[0].plan_id, world.plan.pk)
            shown = set(spec.consent) if spec.at_the_table(closed) else set()
            self.assertEqual(set(reads[0].part_list), shown, f"{user} read {url} ({spec})")


class ClosingTestCase(BaseTestCase):
    def test_a_closed_conference_hides_everything_from_a_participant_on_the_very_next_request(self):
        conference = self.conference_planned()
        StoryVersion.objects.create(plan=self.plan, number=2, text="MKclosingstory", written_by=self.alice)
        Conference.objects.filter(pk=conference.pk).update(stuck="MKclosingstuck")
        outsider = UserFactory(role=User.Role.PROFESSIONAL, organisation=OrganisationFactory(name="GGZ"))
        ParticipantFactory(
            conference=conference,
            user=outsider,
            organisation=outsider.organisation,
            proposed_by=self.bob,
            approved_at=timezone.now(),
        )
        url = f"/overleg/{conference.pk}/"
        self.login(outsider)
        response = self.client.get(url)
        self.assertContains(response, "MKclosingstuck")
        self.assertContains(response, "MKclosingstory")

        Conference.objects.filter(pk=conference.pk).update(
            status=Conference.Status.CLOSED, closed_at=timezone.now(), closed_by=self.bob, version=2
        )

        response = self.client.get(url)
        self.assertEqual(response.status_code, 404)
        for page in (url, "/overleg/", f"/plans/{self.plan.pk}/", f"/plans/{self.plan.pk}/story/"):
            response = self.client.get(page)
            self.assertNotContains(response, "MKclosing", status_code=response.status_code, msg_prefix=page)
        # The refused attempt is in the log too.
        denied = AuditEntry.objects.filter(actor_id=outsider.pk, outcome=AuditEntry.Outcome.DENIED).first()
        self.assertIsNotNone(denied)
        self.assertIn(f",conference:{conference.pk},", denied.records)
