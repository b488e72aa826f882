from datetime import date, timedelta

import time_machine
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference, Decision, Participant
from samenplan.notifications.models import Notification
from samenplan.plans.models import Agreement, Plan
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, GoalFactory, ParticipantFactory, UserFactory

TODAY = date(2026, 5, 3)


@time_machine.travel(timezone.make_aware(timezone.datetime(2026, 5, 3, 14, 30)))
class DecisionTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.url = f"/overleg/{self.conference.pk}/besluit/"
        self.page = f"/overleg/{self.conference.pk}/"

    def decide(self, who, what="Call the landlord about a payment plan", due=TODAY + timedelta(days=14), **extra):
        self.login(self.bob)
        return self.client.post(self.url, {"what": what, "who": who, "due_date": due.isoformat(), **extra})

    def test_the_form_offers_the_resident_her_network_the_professionals_at_the_table_and_the_coordinator(self):
        self.add_member(None, Membership.Role.NETWORK, {})
        GoalFactory(plan=self.plan, text="A home without arrears")
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Besluit toevoegen")
        self.assertContains(response, "Alice zelf")
        self.assertContains(response, "Carol Claes (Andere familie)")
        self.assertContains(response, "Someone without an account")
        self.assertContains(response, "Dave Dekker (Schuldhulp)")
        self.assertContains(response, "Ikzelf (Bob Bakker, regisseur)")
        self.assertContains(response, "Bij doel")
        self.assertContains(response, "A home without arrears")

    def test_a_coordinator_without_the_network_and_goals_parts_sees_only_who_sits_at_the_table(self):
        self.bob_membership.grants.filter(part__in=["network", "goals"]).delete()
        GoalFactory(plan=self.plan, text="A home without arrears")
        ParticipantFactory(
            conference=self.conference,
            kind=Participant.Kind.NETWORK,
            user=self.carol,
            membership=self.carol_membership,
            proposed_by=self.alice,
            approved_at=timezone.now(),
        )
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Carol Claes")
        self.assertNotContains(response, "Erin Evers")
        self.assertNotContains(response, "Bij doel")
        self.assertNotContains(response, "A home without arrears")

    def test_a_decision_for_the_resident_becomes_one_agreement_she_reads_in_plain_words(self):
        response = self.decide("resident")
        self.assertRedirects(response, self.page)
        agreement = Agreement.objects.get(plan=self.plan)
        self.assertEqual(
            (agreement.who_kind, agreement.support, agreement.assignee, agreement.created_by, agreement.due_date),
            (Agreement.Who.RESIDENT, Agreement.Support.LIGHT, None, self.bob, TODAY + timedelta(days=14)),
        )
        self.assertEqual(Decision.objects.get().agreement, agreement)
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertContains(response, "Wat we hebben afgesproken")
        self.assertContains(response, "<dd>Jij</dd>", html=False)
        self.assertContains(response, "17 mei 2026")
        self.assertNotContains(response, "Besluit toevoegen")
        response = self.client.get(f"/plans/{self.plan.pk}/agreements/")
        self.assertContains(response, 'id="agreement-', count=1)
        self.assertContains(response, "Call the landlord about a payment plan")

    def test_others_read_the_name_of_who_does_it(self):
        self.decide(f"member-{self.carol_membership.pk}", what="Carol goes along to the landlord")
        agreement = Agreement.objects.get(plan=self.plan)
        self.assertEqual(
            (agreement.who_kind, agreement.assignee, agreement.who_name), ("network", self.carol, "Carol Claes")
        )
        self.login(self.dave)
        response = self.client.get(self.page)
        self.assertContains(response, "<dd>Carol Claes</dd>", html=False)

    def test_a_decision_for_a_professional_outside_the_plan_makes_them_a_member_without_grants(self):
        ParticipantFactory(
            conference=self.conference,
            user=self.charlie,
            organisation=self.social_team,
            proposed_by=self.bob,
            approved_at=timezone.now(),
        )
        other = AgreementFactory(plan=self.plan, what="Somebody else's agreement")
        participant = Participant.objects.get(user=self.charlie)
        self.decide(f"participant-{participant.pk}", what="Charlie applies for the rent allowance")
        agreement = Agreement.objects.get(plan=self.plan, assignee=self.charlie)
        self.assertEqual((agreement.who_kind, agreement.support), (Agreement.Who.PROFESSIONAL, Agreement.Support.HEAVY))
        membership = Membership.objects.get(plan=self.plan, user=self.charlie, ended_at__isnull=True)
        self.assertEqual(
            (membership.role, membership.organisation, membership.grants.count()),
            (Membership.Role.PROFESSIONAL, self.social_team, 0),
        )
        self.assertTrue(Notification.objects.filter(user=self.charlie, kind=Notification.Kind.AGREEMENT).exists())
        self.login(self.charlie)
        response = self.client.get(f"/plans/{self.plan.pk}/agreements/")
        self.assertContains(response, "Mijn afspraken")
        self.assertContains(response, "Charlie applies for the rent allowance")
        self.assertNotContains(response, other.what)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/story/").status_code, 404)
        self.assertContains(self.client.get("/caseload/"), "Alice Aarts")

    def test_a_decision_for_the_coordinator_is_theirs(self):
        self.decide("coordinator")
        agreement = Agreement.objects.get(plan=self.plan)
        self.assertEqual((agreement.assignee, agreement.who_kind), (self.bob, Agreement.Who.PROFESSIONAL))
        self.assertFalse(Notification.objects.filter(user=self.bob, kind=Notification.Kind.AGREEMENT).exists())

    def test_the_decision_can_be_for_a_goal(self):
        goal = GoalFactory(plan=self.plan, text="A home without arrears")
        self.decide("resident", goal=goal.pk)
        self.assertEqual(Agreement.objects.get(plan=self.plan).goal, goal)

    def test_it_is_audited_with_the_agreements_part(self):
        self.decide("resident")
        entry = AuditEntry.objects.filter(actor_id=self.bob.pk, action=AuditEntry.Action.CREATE).get()
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertIn(",agreements,", entry.parts)

    def test_the_resident_is_told_once_while_she_has_not_looked(self):
        self.decide("resident")
        self.decide("coordinator", what="Bob calls the benefits office")
        told = Notification.objects.filter(user=self.alice, kind=Notification.Kind.CONFERENCE_DECISIONS)
        self.assertEqual([n.url for n in told], [self.page])
        told.update(read_at=timezone.now())
        self.decide("resident", what="Alice brings the letters")
        self.assertEqual(told.count(), 2)

    def test_bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed(self):
        response = self.decide("", what="Keep this text", due=TODAY - timedelta(days=1))
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Kies wie het doet.")
        self.assertContains(response, "Deze datum is al voorbij.")
        self.assertContains(response, 'value="Keep this text"')
        response = self.decide("resident", what="")
        self.assertContains(response, "Schrijf op wat er gaat gebeuren.")
        response = self.decide("member-999999")
        self.assertContains(response, "Kies wie het doet.")
        self.assertFalse(Agreement.objects.filter(plan=self.plan).exists())

    def test_only_the_coordinator_decides(self):
        data = {"what": "x", "who": "resident", "due_date": (TODAY + timedelta(days=3)).isoformat()}
        users = [self.alice, self.carol, self.dave, self.erin, *self.outsiders]
        self.assert_not_found_for(users, self.url)
        self.assert_not_found_for(users, self.url, method="post", data=data)
        self.assertFalse(Agreement.objects.filter(plan=self.plan).exists())
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.page), self.url)

    def test_after_close_nobody_decides(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        self.assert_not_found_for([self.bob], self.url)
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.PLANNED)
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.bob], self.url)
        data = {"what": "x", "who": "resident", "due_date": (TODAY + timedelta(days=3)).isoformat()}
        self.assert_not_found_for([self.bob], self.url, method="post", data=data)
        self.assertFalse(Agreement.objects.filter(plan=self.plan).exists())

    def test_an_overdue_decision_says_so_on_the_conference_page(self):
        self.decide("resident")
        Agreement.objects.filter(plan=self.plan).update(due_date=TODAY - timedelta(days=1))
        self.login(self.alice)
        self.assertContains(self.client.get(self.page), "Over de datum")


@time_machine.travel(timezone.make_aware(timezone.datetime(2026, 5, 3, 14, 30)))
class ResponseTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.url = f"/overleg/{self.conference.pk}/reactie/"
        self.page = f"/overleg/{self.conference.pk}/"
        agreement = AgreementFactory(plan=self.plan, what="Alice brings the letters", due_date=TODAY)
        Decision.objects.create(conference=self.conference, agreement=agreement, created_by=self.bob)

    def test_the_resident_sees_the_two_buttons(self):
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertContains(response, "Klopt dit?")
        self.assertContains(response, "Ja, dit klopt")
        self.assertContains(response, "Ik wil iets zeggen")
        self.login(self.bob)
        self.assertNotContains(self.client.get(self.page), "Ja, dit klopt")

    def test_she_confirms_and_the_coordinator_reads_it(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"confirm": "1", "comment": ""})
        self.assertRedirects(response, self.page)
        conference = Conference.objects.get(pk=self.conference.pk)
        self.assertIsNotNone(conference.outcome_confirmed_at)
        self.assertEqual((conference.outcome_responded_by, conference.outcome_on_behalf), (self.alice, False))
        self.assertContains(self.client.get(self.page), "Je hebt op 3 mei gezegd dat het klopt.")
        entry = AuditEntry.objects.filter(actor_id=self.alice.pk, action=AuditEntry.Action.UPDATE).get()
        self.assertEqual(entry.plan_id, self.plan.pk)
        self.assertTrue(Notification.objects.filter(user=self.bob, kind=Notification.Kind.CONFERENCE_CHANGED).exists())
        for user in (self.bob, self.dave):
            self.login(user)
            self.assertContains(self.client.get(self.page), "Alice heeft gezegd: dit klopt.")

    def test_she_comments_and_answering_again_replaces_the_answer(self):
        self.login(self.alice)
        self.client.post(self.url, {"confirm": "1"})
        response = self.client.post(self.url, {"say": "1", "comment": "I cannot go on Tuesdays."})
        self.assertRedirects(response, self.page)
        conference = Conference.objects.get(pk=self.conference.pk)
        self.assertIsNone(conference.outcome_confirmed_at)
        self.assertEqual(conference.outcome_comment, "I cannot go on Tuesdays.")
        response = self.client.get(self.page)
        self.assertContains(response, "Je hebt op 3 mei gezegd:")
        self.assertNotContains(response, "gezegd dat het klopt")
        self.login(self.bob)
        response = self.client.get(self.page)
        self.assertContains(response, "Alice heeft gezegd:")
        self.assertContains(response, "I cannot go on Tuesdays.")

    def test_wanting_to_say_something_needs_a_comment(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"say": "1", "comment": "  "})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Schrijf wat je wilt zeggen.")
        self.assertIsNone(Conference.objects.get(pk=self.conference.pk).outcome_responded_at)
        long = "x" * 2001
        response = self.client.post(self.url, {"say": "1", "comment": long})
        self.assertContains(response, f"{long}</textarea>")

    def test_a_get_goes_back_to_the_conference_page(self):
        for user in (self.alice, self.bob, self.dave):
            self.login(user)
            self.assertRedirects(self.client.get(self.url), self.page)

    def test_only_the_resident_side_answers(self):
        users = [self.bob, self.dave, self.carol, self.erin, *self.outsiders]
        self.assert_not_found_for(users, self.url, method="post", data={"confirm": "1"})
        self.assert_not_found_for([self.carol, self.erin, *self.outsiders], self.url)
        self.assertIsNone(Conference.objects.get(pk=self.conference.pk).outcome_responded_at)

    def test_she_can_still_answer_after_the_conference_closed_but_not_once_the_plan_is_closed(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.CLOSED)
        self.login(self.alice)
        self.assertRedirects(self.client.post(self.url, {"confirm": "1"}), self.page)
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.alice], self.url, method="post", data={"confirm": "1"})

    def test_a_full_representative_answers_on_her_behalf(self):
        mentor = UserFactory(username="mia", first_name="Mia", last_name="Mentor", role="network")
        self.add_member(mentor, Membership.Role.REPRESENTATIVE, {})
        self.login(mentor)
        self.assertRedirects(self.client.post(self.url, {"confirm": "1"}), self.page)
        conference = Conference.objects.get(pk=self.conference.pk)
        self.assertEqual((conference.outcome_responded_by, conference.outcome_on_behalf), (mentor, True))
        self.login(self.alice)
        self.assertContains(self.client.get(self.page), "Mia Mentor heeft op 3 mei namens jou gezegd dat het klopt.")
        self.login(self.bob)
        self.assertContains(self.client.get(self.page), "door Mia Mentor namens Alice")
