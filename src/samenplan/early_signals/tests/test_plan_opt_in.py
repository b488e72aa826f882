"""A signal joins a plan only when the resident says yes; then she sees which partner
signalled and when."""

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.plans.models import Plan
from samenplan.plans.tests.test_plan_page import MAX_QUERIES
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import PlanFactory, SignalFactory, UserFactory

from ..models import Signal, SignalEvent


class PlanOptInTestCase(BaseTestCase):
    def setUp(self):
        self.signal = self.signal_offered()
        Signal.objects.filter(pk=self.signal.pk).update(
            amount="850.00", months_in_arrears=3, created_at=datetime(2026, 11, 3, 12, tzinfo=UTC)
        )
        self.signal.refresh_from_db()
        self.url = f"/plans/{self.plan.pk}/signalen/"
        self.answer_url = f"{self.url}{self.signal.pk}/antwoord/"

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()


class OfferPageTests(PlanOptInTestCase):
    def test_the_resident_reads_the_offer_in_plain_words(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "Woonbedrijf heeft op 3 november 2026 aan de gemeente laten weten dat er een huurachterstand is "
            "van € 850,00, al 3 maanden.",
        )
        self.assertContains(response, "Bob Bakker van het wijkteam wil dit toevoegen aan jouw plan.")
        self.assertContains(response, "Wil je dat?")
        self.assertContains(response, "Ja, voeg het toe aan mijn plan")
        entry = self.last_entry()
        self.assertEqual((entry.actor_id, entry.plan_id), (self.alice.pk, self.plan.pk))
        self.assertEqual(entry.records, f",signal:{self.signal.pk},")

    def test_the_plan_overview_tells_the_resident_a_question_waits(self):
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/")
        self.assertContains(response, "Er wacht een vraag over een betalingsachterstand op jouw antwoord.")
        self.assertContains(response, f'href="{self.url}"')
        self.assertIn(f",signal:{self.signal.pk},", self.last_entry().records)

    def test_the_overview_block_costs_the_resident_one_query_and_others_none(self):
        def count(user):
            self.login(user)
            self.client.get(f"/plans/{self.plan.pk}/")
            with CaptureQueriesContext(connection) as queries:
                self.client.get(f"/plans/{self.plan.pk}/")
            return [q for q in statements(queries) if "early_signals_signal" in q]

        self.assertEqual(len(count(self.alice)), 1)
        # The plan page's query budget (plans/tests/test_plan_page.py) still holds.
        with CaptureQueriesContext(connection) as queries:
            self.client.get(f"/plans/{self.plan.pk}/")
        self.assertLessEqual(len(statements(queries)), MAX_QUERIES)
        self.assertEqual(count(self.bob), [])
        self.login(self.bob)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/"), "betalingsachterstand")

    def test_a_signal_given_back_after_the_offer_speaks_of_the_wijk_team(self):
        Signal.objects.filter(pk=self.signal.pk).update(owner=None)
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Het wijkteam wil dit toevoegen aan jouw plan.")

    def test_only_the_resident_sees_the_signal_pages(self):
        # carol (family in the plan), bob and dave (professionals in it), charlie (a stranger).
        for url, method, data in ((self.url, "get", None), (self.answer_url, "post", {"answer": "yes"})):
            self.assert_not_found_for(
                [self.carol, self.charlie, self.bob, self.dave, self.erin, self.wendy, self.ann], url, method, data
            )
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.plan_id)

    def test_a_refusal_is_in_the_audit_log(self):
        self.login(self.carol)
        self.client.get(self.url)
        entry = self.last_entry()
        self.assertEqual((entry.outcome, entry.actor_id, entry.plan_id), ("denied", self.carol.pk, self.plan.pk))

    def test_a_representative_for_all_parts_answers_for_the_resident(self):
        rita = UserFactory(username="rita", first_name="Rita", last_name="Ruis")
        self.add_member(rita, Membership.Role.REPRESENTATIVE, {})
        self.login(rita)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "wil dit toevoegen aan het plan van Alice")

    def test_a_signal_offered_to_another_plan_is_not_found(self):
        other_plan = PlanFactory(owner=UserFactory(username="otto"), wijk=self.wijk)
        other = SignalFactory(partner=self.woonbedrijf, wijk=self.wijk, offered_plan=other_plan)
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertNotContains(response, f"/signalen/{other.pk}/")
        self.assertEqual(self.client.post(f"{self.url}{other.pk}/", {"answer": "yes"}).status_code, 404)
        other.refresh_from_db()
        self.assertIsNone(other.plan_id)

    def test_the_answer_page_takes_only_a_post(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.answer_url).status_code, 405)


class AnswerTests(PlanOptInTestCase):
    def test_yes_adds_it_to_the_plan_and_she_sees_partner_and_date(self):
        self.login(self.alice)
        response = self.client.post(self.answer_url, {"answer": "yes"})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.plan, self.plan)
        self.assertIsNotNone(self.signal.joined_at)
        event = self.signal.events.get(kind=SignalEvent.Kind.JOINED)
        self.assertEqual(event.by, self.alice)
        entry = self.last_entry()
        self.assertEqual((entry.action, entry.actor_id, entry.plan_id), ("update", self.alice.pk, self.plan.pk))
        self.assertEqual(entry.records, f",signal:{self.signal.pk},")
        response = self.client.get(self.url)
        self.assertContains(response, "Er wacht niets op jouw antwoord.")
        self.assertContains(response, "Wie het aan de gemeente meldde")
        self.assertContains(response, "Woonbedrijf")
        self.assertContains(response, "3 november 2026")
        self.assertContains(response, "Huur: € 850,00")
        # The wijk team reads it in the signal's history.
        self.login(self.bob)
        self.assertContains(
            self.client.get(f"/wijkteam/signalen/{self.signal.pk}/"), "Door de inwoner aan het plan toegevoegd"
        )

    def test_no_adds_nothing_and_the_team_member_reads_it_in_the_history(self):
        self.login(self.alice)
        self.client.post(self.answer_url, {"answer": "no"})
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.plan_id)
        self.assertIsNone(self.signal.offered_plan_id)
        self.assertTrue(self.signal.events.filter(kind=SignalEvent.Kind.DECLINED, by=self.alice).exists())
        response = self.client.get(self.url)
        self.assertContains(response, "Geen signalen in het plan.")
        self.assertNotContains(response, "Woonbedrijf")
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/"), "betalingsachterstand")
        self.login(self.bob)
        self.assertContains(self.client.get(f"/wijkteam/signalen/{self.signal.pk}/"), "Niet toegevoegd door de inwoner")

    def test_answering_twice_changes_nothing_more(self):
        self.login(self.alice)
        self.client.post(self.answer_url, {"answer": "yes"})
        self.assertEqual(self.client.post(self.answer_url, {"answer": "no"}).status_code, 404)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.plan, self.plan)

    def test_an_answer_that_is_not_yes_or_no_changes_nothing(self):
        self.login(self.alice)
        response = self.client.post(self.answer_url, {"answer": "maybe"}, follow=True)
        self.assertContains(response, "Kies ja of nee.")
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.plan_id)
        self.assertEqual(self.signal.offered_plan, self.plan)

    def test_a_closed_plan_takes_no_answer(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED, closed_at=timezone.now())
        self.login(self.alice)
        self.assertEqual(self.client.post(self.answer_url, {"answer": "yes"}).status_code, 404)
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.plan_id)
