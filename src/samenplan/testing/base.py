"""The base test case and its personas, shared by every app's tests.

- alice owns the plan (a resident);
- bob coordinates it (social team; sees and adds to every part, as agreed at the intake);
- carol is alice's sister (network member; may view goals and add agreements);
- dave is a debt counsellor in the plan (may view the story, goals and agreements);
- erin is in the plan but has been granted nothing yet;
- charlie is a professional who is not in the plan (a stranger: must see nothing);
- ann is a policy analyst and pam a platform admin (never see plan content);
- wendy works for Woonbedrijf, a partner that reports payment arrears (early signals);
- brit is the municipality's breakthrough officer (sees breakthrough requests, never a plan);
- petra coordinates the municipality's programme (its goals, actions and the mystery guests'
  findings; never a plan).

Bob and charlie work in the wijk team of Helmstad-West: they see the questions and early
signals of that wijk, outside any plan; dave's organisation and everyone else do not.
"""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.conferences.models import Conference, Consult
from samenplan.conversations.models import Message, Thread
from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Plan, StoryVersion
from samenplan.referrals.models import Referral
from samenplan.sharing.models import EmergencyAccess, Invitation, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.services import grants_decide, membership_create
from samenplan.testing.factories import (
    AgreementFactory,
    BreakthroughFactory,
    ConferenceFactory,
    ConsultFactory,
    EvaluationFactory,
    GoalFactory,
    OrganisationFactory,
    ParticipantFactory,
    QuestionFactory,
    ReferralFactory,
    ServiceFactory,
    SignalFactory,
    UserFactory,
    WijkFactory,
)

PASSWORD = "password-for-tests"


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.wijk = WijkFactory(name="Helmstad-West", code="west")
        cls.social_team = OrganisationFactory(
            name="Sociaal Team West", kind=Organisation.Kind.SOCIAL_TEAM, starts_plans=True
        )
        cls.social_team.wijken.add(cls.wijk)
        cls.debt_team = OrganisationFactory(name="Schuldhulp", kind=Organisation.Kind.DEBT)
        cls.woonbedrijf = OrganisationFactory(name="Woonbedrijf", kind=Organisation.Kind.HOUSING, delivers_signals=True)

        # Fixed names: pages escape them, so a generated "van 't Riet" would make a test
        # that looks for a name on a page pass or fail by chance.
        cls.alice = UserFactory(username="alice", first_name="Alice", last_name="Aarts")
        cls.bob = UserFactory(
            username="bob",
            first_name="Bob",
            last_name="Bakker",
            role=User.Role.PROFESSIONAL,
            organisation=cls.social_team,
        )
        cls.carol = UserFactory(username="carol", first_name="Carol", last_name="Claes", role=User.Role.NETWORK)
        cls.dave = UserFactory(
            username="dave",
            first_name="Dave",
            last_name="Dekker",
            role=User.Role.PROFESSIONAL,
            organisation=cls.debt_team,
        )
        cls.erin = UserFactory(username="erin", first_name="Erin", last_name="Evers", role=User.Role.NETWORK)
        cls.charlie = UserFactory(
            username="charlie",
            first_name="Charlie",
            last_name="Claassen",
            role=User.Role.PROFESSIONAL,
            organisation=cls.social_team,
        )
        cls.ann = UserFactory(username="ann", first_name="Ann", last_name="Aalders", role=User.Role.ANALYST)
        cls.pam = UserFactory(
            username="pam", first_name="Pam", last_name="Peters", role=User.Role.PLATFORM_ADMIN, is_staff=True
        )

        cls.wendy = UserFactory(
            username="wendy",
            first_name="Wendy",
            last_name="Willems",
            role=User.Role.SIGNAL_PARTNER,
            organisation=cls.woonbedrijf,
        )

        cls.brit = UserFactory(
            username="brit", first_name="Brit", last_name="Bosman", role=User.Role.BREAKTHROUGH_OFFICER
        )
        cls.petra = UserFactory(
            username="petra", first_name="Petra", last_name="Peeters", role=User.Role.PROGRAMME_COORDINATOR
        )

        cls.plan = Plan.objects.create(owner=cls.alice, wijk=cls.wijk, status=Plan.Status.ACTIVE, created_by=cls.bob)
        StoryVersion.objects.create(plan=cls.plan, number=1, text="Alice's story, first version.", written_by=cls.bob)
        cls.bob_membership = cls.add_member(cls.bob, Membership.Role.COORDINATOR, dict.fromkeys(Part, Level.CONTRIBUTE))
        cls.carol_membership = cls.add_member(
            cls.carol, Membership.Role.NETWORK, {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE}
        )
        cls.dave_membership = cls.add_member(
            cls.dave,
            Membership.Role.PROFESSIONAL,
            {Part.STORY: Level.VIEW, Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.VIEW},
        )
        cls.erin_membership = cls.add_member(cls.erin, Membership.Role.NETWORK, {})

    @classmethod
    def add_member(cls, user, role, levels, plan=None):
        plan = plan or cls.plan
        professional = user is not None and user.role == User.Role.PROFESSIONAL
        relation = Membership.Relation.PROFESSIONAL if professional else Membership.Relation.FAMILY
        name = "" if user else "Someone without an account"
        membership = membership_create(
            plan=plan, user=user, role=role, relation=relation, added_by=plan.owner, name=name
        )
        if levels:
            grants_decide(
                plan=plan,
                decided_by=plan.owner,
                context=SharingDecision.Context.SETTINGS,
                decisions={membership: {part: (level, None) for part, level in levels.items()}},
            )
        return membership

    def url_values(self) -> dict:
        """One object of every kind in alice's plan, to fill in every URL of the app."""
        goal = GoalFactory(plan=self.plan)
        thread = Thread.objects.create(plan=self.plan, subject="s", created_by=self.alice)
        thread.participants.set([self.alice, self.bob])
        Message.objects.create(thread=thread, author=self.alice, text="hello")
        contact = self.add_member(None, Membership.Role.NETWORK, {})
        invitation = Invitation.objects.create(
            plan=self.plan,
            membership=contact,
            email="contact@example.org",
            invited_by=self.alice,
            nonce="n",
            expires_at=timezone.now() + timedelta(days=1),
        )
        emergency = EmergencyAccess.objects.create(
            membership=self.dave_membership, part="strengths", reason="r" * 30, ends_at=timezone.now()
        )
        return {
            "plan_id": self.plan.pk,
            "goal_id": goal.pk,
            "agreement_id": AgreementFactory(plan=self.plan, goal=goal).pk,
            "evaluation_id": EvaluationFactory(plan=self.plan).pk,
            "code": "zelfredzaamheid",
            "membership_id": self.carol_membership.pk,
            "invitation_id": invitation.pk,
            "emergency_id": emergency.pk,
            "thread_id": thread.pk,
            "contact_id": contact.pk,
            "referral_id": self.referral_sent().pk,
            "wijk_code": self.wijk.code,
            "question_id": QuestionFactory(wijk=self.wijk, text="Alice's neighbour asks about rent.").pk,
            "signal_id": self.signal_offered().pk,
            **self.conference_values(),
        }

    @classmethod
    def conference_planned(cls):
        """A case conference about alice's plan, convened by bob; alice agreed and lets the
        table see her story; dave takes part."""
        conference = ConferenceFactory(
            plan=cls.plan,
            convened_by=cls.bob,
            status=Conference.Status.PLANNED,
            consent_parts=[Part.STORY],
            consented_by=cls.alice,
            consented_at=timezone.now(),
        )
        ParticipantFactory(
            conference=conference,
            user=cls.dave,
            organisation=cls.debt_team,
            proposed_by=cls.bob,
            approved_at=timezone.now(),
        )
        return conference

    @classmethod
    def conference_values(cls) -> dict:
        conference = cls.conference_planned()
        consult = ConsultFactory(
            asked_by=cls.bob,
            from_organisation=cls.social_team,
            to_organisation=cls.debt_team,
            domain=cls.plan_domain(),
            plan=cls.plan,
            part=Part.STORY,
            consented_by=cls.alice,
            consented_at=timezone.now(),
            status=Consult.Status.OPEN,
        )
        breakthrough = BreakthroughFactory(conference=conference, plan=cls.plan, filed_by=cls.bob)
        return {"conference_id": conference.pk, "consult_id": consult.pk, "breakthrough_id": breakthrough.pk}

    @staticmethod
    def plan_domain():
        return LifeDomain.objects.order_by("order").first()

    @classmethod
    def signal_offered(cls):
        """Woonbedrijf's rent-arrears signal about alice, handled by bob and offered to her
        plan: waiting for her yes or no."""
        return SignalFactory(
            partner=cls.woonbedrijf,
            wijk=cls.wijk,
            name="Alice Aarts",
            owner=cls.bob,
            claimed_at=timezone.now(),
            offered_plan=cls.plan,
            offered_at=timezone.now(),
        )

    @classmethod
    def referral_sent(cls):
        """A referral of alice's plan to a service of Schuldhulp (dave's organisation),
        proposed by bob and consented by alice to the story only."""
        service = ServiceFactory(organisation=cls.debt_team, name="Schuldhulpverlening")
        return ReferralFactory(
            plan=cls.plan,
            service=service,
            proposed_by=cls.bob,
            question="Alice wants help with her debts.",
            status=Referral.Status.REQUESTED,
            consent_parts=[Part.STORY],
            consented_by=cls.alice,
            consented_at=timezone.now(),
            respond_by=timezone.localdate() + timedelta(days=7),
        )

    def login(self, user):
        self.client.force_login(user)

    def assert_not_found_for(self, users, url, method="get", data=None):
        """Missing and forbidden look the same: a 404 for each of these users."""
        for user in users:
            self.client.force_login(user)
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, 404, f"{user.username} got {response.status_code} for {url}")
        self.client.logout()

    @property
    def outsiders(self):
        """Logged-in people with no business in alice's plan."""
        return [self.charlie, self.ann, self.pam, self.wendy, self.brit, self.petra]
