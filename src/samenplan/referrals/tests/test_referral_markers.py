"""Property test of referrals, through every page of the app.

A generated plan (a marker in every part, generated members as in
`sharing/tests/test_markers.py`) gets generated referrals: to one of two organisations,
with generated consents (parts, an end date in the past or not), each taken to a generated
state through the services (waiting for consent, sent, accepted, helping, finished, not
accepted, stopped before or after acceptance, failed), some extended by the resident, and
the plan sometimes closed afterwards. Then the owner, every member, the professionals of
both organisations (each referral's assignee and a colleague who took none) and a stranger
walk every plan page, the team queue and every referral's page, and we check: a marker
shows only to those the generated consents allow, never to the other organisation, and no
longer once the referral closes (unless the resident extended it); the owner sees every
marker.

What is allowed is computed here from the generated data, never by asking the policy.
"""

import os
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenplan.accounts.models import Organisation, User
from samenplan.plans.models import Plan
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.sharing import policy
from samenplan.sharing.parts import Part
from samenplan.sharing.tests.test_markers import MarkerWorldMixin, World, member_specs
from samenplan.testing.factories import OrganisationFactory, ServiceFactory, UserFactory

# Parts a resident can consent to (conversations stay between their participants).
CONSENTABLE = [part.value for part in Part if part != Part.CONVERSATIONS]
# The states a generated referral is taken to, in the order of the services called.
STATES = [
    "awaiting_consent",
    "requested",
    "rejected",
    "cancelled_before",
    "accepted",
    "in_progress",
    "completed",
    "failed",
    "cancelled_after",
]
ACCEPTED_EVER = {"accepted", "in_progress", "completed", "failed", "cancelled_after"}
OPEN_NOW = {"requested", "accepted", "in_progress"}

# Each example walks every page as up to ten people: fewer examples than the plain marker walk.
EXAMPLES = {"dev": 6, "ci": 15, "ci-postgresql": 6}[os.environ.get("HYPOTHESIS_PROFILE", "dev")]


@dataclass
class ReferralSpec:
    to_second: bool  # to the second organisation instead of the first
    parts: list[str]
    until_days: int | None  # None: until the referral closes; negative: already over
    state: str
    extended: bool
    referral: Referral | None = None
    assignee: User | None = None
    question_marker: str = ""

    @property
    def consent_holds(self) -> bool:
        return self.until_days is None or self.until_days >= 0

    def shows_through_queue(self, part: str, plan_closed: bool) -> bool:
        """The referral's page shows this part to every professional of its organisation."""
        return self.state in OPEN_NOW and part in self.parts and self.consent_holds and not plan_closed

    def shows_through_membership(self, part: str) -> bool:
        """The assignee is a plan member with the consented parts until it closes (or longer, extended)."""
        stays = self.state in OPEN_NOW or self.extended
        return self.state in ACCEPTED_EVER and stays and part in self.parts and self.consent_holds


referral_specs = st.builds(
    ReferralSpec,
    to_second=st.booleans(),
    parts=st.lists(st.sampled_from(CONSENTABLE), unique=True, max_size=4),
    until_days=st.one_of(st.none(), st.none(), st.sampled_from([-1, 2])),
    state=st.sampled_from(STATES),
    extended=st.booleans(),
)


@pytest.mark.heavy
class ReferralWorldTestCase(MarkerWorldMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.organisations = [
            OrganisationFactory(name="Receiving One", kind=Organisation.Kind.DEBT),
            OrganisationFactory(name="Receiving Two", kind=Organisation.Kind.MENTAL_HEALTH),
        ]
        cls.receiving_services = [ServiceFactory(organisation=organisation) for organisation in cls.organisations]
        # Three professionals per organisation take referrals on (one per referral, so
        # memberships do not overlap: that case has its own test); one never does.
        cls.staff = {
            org.pk: [UserFactory(role=User.Role.PROFESSIONAL, organisation=org) for _ in range(3)]
            for org in cls.organisations
        }
        cls.colleagues = [UserFactory(role=User.Role.PROFESSIONAL, organisation=org) for org in cls.organisations]

    def refer(self, world: World, number: int, spec: ReferralSpec) -> None:
        today = timezone.localdate()
        plan = world.plan
        organisation = self.organisations[spec.to_second]
        tag = re.match(r"MK\d+x", next(iter(world.markers))).group()
        spec.question_marker = f"{tag}question{number}"
        world.markers[spec.question_marker] = "question"
        owner = policy.access_for(self.owner, plan)
        referral = services.referral_propose(
            access=owner, service=self.receiving_services[spec.to_second], question=spec.question_marker
        )
        spec.referral = referral
        spec.assignee = self.staff[organisation.pk][number]
        if spec.state == "awaiting_consent":
            return
        services.referral_consent(
            referral_access=policy.plan_referral(owner, referral.pk),
            version=referral.version,
            parts=spec.parts,
            until=None if spec.until_days is None else today + timedelta(days=spec.until_days),
            contact_channel=Referral.Channel.EMAIL,
            no_phone=False,
        )

        def received():
            return policy.received_referral(spec.assignee, referral.pk)

        def version():
            return Referral.objects.get(pk=referral.pk).version

        if spec.state == "rejected":
            services.referral_reject(referral_access=received(), version=version(), reason="Not for us")
        elif spec.state == "cancelled_before":
            services.referral_cancel(referral_access=policy.plan_referral(owner, referral.pk), version=version())
        elif spec.state in ACCEPTED_EVER:
            services.referral_accept(referral_access=received(), version=version())
            if spec.extended:
                services.referral_extend(referral_access=policy.plan_referral(owner, referral.pk))
            if spec.state in ("in_progress", "completed"):
                services.referral_start(referral_access=received(), version=version())
            if spec.state == "completed":
                services.referral_complete(referral_access=received(), version=version(), outcome="helped")
            elif spec.state == "failed":
                services.referral_fail(referral_access=received(), version=version(), reason="No contact")
            elif spec.state == "cancelled_after":
                services.referral_cancel(referral_access=policy.plan_referral(owner, referral.pk), version=version())
        # The resident withdrawing her consent ends an extension too: the receiver keeps nothing.
        if not (spec.state in ACCEPTED_EVER and spec.extended) or spec.state == "cancelled_after":
            spec.extended = False

    def receiver_allowed(self, world, referrals, user, marker, plan_closed) -> bool:
        """May this professional of a receiving organisation see this marker?"""
        part = world.markers[marker]

        def sees(part: str) -> bool:
            return any(
                (spec.referral.organisation_id == user.organisation_id and spec.shows_through_queue(part, plan_closed))
                or (spec.assignee == user and spec.shows_through_membership(part))
                for spec in referrals
            )

        if part == "question":
            own = next(spec for spec in referrals if spec.question_marker == marker)
            in_queue = own.referral.organisation_id == user.organisation_id and own.state in OPEN_NOW
            as_member = any(
                spec.assignee == user and spec.shows_through_membership(Part.AGREEMENTS) for spec in referrals
            )
            return in_queue or as_member
        if part == "assigned":
            return sees(Part.AGREEMENTS)
        if part == "evaluation-score":
            return sees(Part.EVALUATIONS) and sees(Part.GOALS)
        if part == Part.CONVERSATIONS:
            return False
        return sees(part)

    @settings(max_examples=EXAMPLES)
    @given(
        specs=st.lists(member_specs, max_size=2),
        referrals=st.lists(referral_specs, min_size=1, max_size=3),
        closed=st.booleans(),
    )
    def test_a_referral_shows_only_what_the_resident_consented_to_and_only_while_open(self, specs, referrals, closed):
        world = self.build(specs, closed=False)
        for number, spec in enumerate(referrals):
            self.refer(world, number, spec)
        if closed:
            Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.CLOSED)
        referral_ids = [spec.referral.pk for spec in referrals]
        world.values["referral_id"] = referral_ids
        queue_urls = ["/referrals/inbox/"] + [f"/referrals/inbox/{pk}/" for pk in referral_ids]

        owner_pages = self.walk(world, self.owner)
        for marker, part in world.markers.items():
            self.assertIn(marker, owner_pages, f"the owner does not see {part}")

        for spec in specs:
            pages = self.walk(world, spec.user)
            for marker, part in world.markers.items():
                if marker in pages:
                    allowed = spec.sees(Part.AGREEMENTS) if part == "question" else world.allowed(spec, marker)
                    self.assertTrue(allowed, f"{part} leaked to member {spec}")

        receivers = {spec.assignee for spec in referrals} | set(self.colleagues) | {self.stranger}
        for user in receivers:
            pages = self.walk(world, user) + self.walk_urls(user, queue_urls)
            for marker, part in world.markers.items():
                if marker in pages:
                    self.assertTrue(
                        self.receiver_allowed(world, referrals, user, marker, closed),
                        f"{part} leaked to {user.organisation} ({referrals})",
                    )
            # What the consent allows does show (the proof would be empty otherwise).
            for spec in referrals:
                for part in spec.parts:
                    through_queue = spec.referral.organisation_id == user.organisation_id and spec.shows_through_queue(
                        part, closed
                    )
                    if through_queue or (spec.assignee == user and spec.shows_through_membership(part)):
                        marker = next(m for m, p in world.markers.items() if p == part)
                        self.assertIn(marker, pages, f"{user} does not see consented {part} ({spec})")

    def walk_urls(self, user, urls) -> str:
        self.client.force_login(user)
        seen = []
        for url in urls:
            response = self.client.get(url)
            if response.status_code == 200:
                seen.append(response.content.decode())
        return "\n".join(seen)
