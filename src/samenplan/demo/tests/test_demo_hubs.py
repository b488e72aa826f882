from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from samenplan.accounts.models import Organisation, User, WijkPostcode
from samenplan.early_signals.models import Signal, SignalEvent
from samenplan.hubs.models import Hub, Question, QuestionEvent
from samenplan.sharing.policy import question_queue_filter, signal_queue_filter


def counts():
    return (
        WijkPostcode.objects.count(),
        Hub.objects.count(),
        Question.objects.count(),
        QuestionEvent.objects.count(),
        Signal.objects.count(),
        SignalEvent.objects.count(),
        Organisation.objects.count(),
    )


class DemoHubsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--json", stdout=StringIO())

    def test_building_twice_adds_nothing(self):
        before = counts()
        call_command("demo", "--json", stdout=StringIO())
        self.assertEqual(counts(), before)

    def test_every_wijk_has_a_hub_and_its_postcodes(self):
        self.assertEqual(Hub.objects.count(), 7)
        westwijzer = Hub.objects.select_related("wijk", "location").get(name="Westwijzer")
        self.assertEqual(westwijzer.wijk.code, "west")
        self.assertEqual(westwijzer.location.organisation.name, "Buurthuis De Westwijzer")
        hours = set(westwijzer.location.schedules.values_list("weekday", "opens_at__hour", "closes_at__hour"))
        self.assertIn((3, 13, 16), hours)
        self.assertEqual(
            sorted(WijkPostcode.objects.filter(wijk__code="west").values_list("postcode", flat=True)), ["5703", "5704"]
        )
        self.assertFalse(Hub.objects.filter(location__isnull=True).exists())

    def test_the_westwijzer_has_questions_in_every_state_and_outcome(self):
        west = Question.objects.filter(wijk__code="west")
        self.assertEqual(set(west.values_list("status", flat=True)), set(Question.Status.values))
        self.assertEqual(set(west.values_list("source", flat=True)), set(Question.Source.values))
        self.assertEqual(set(west.exclude(outcome="").values_list("outcome", flat=True)), set(Question.Outcome.values))
        started = west.get(outcome=Question.Outcome.PLAN)
        self.assertEqual((started.plan.owner.username, started.plan.wijk.code), ("anna", "west"))
        self.assertTrue(west.get(outcome=Question.Outcome.REFERRED).service)
        # Claimed ones have an owner on Sanne's team and at least one contact attempt.
        sanne = User.objects.get(username="sanne.wijkteam")
        for question in west.exclude(status=Question.Status.NEW):
            self.assertEqual(question.owner, sanne)
            self.assertTrue(question.events.filter(kind=QuestionEvent.Kind.ATTEMPT).exists(), question.reference)
        no_contact = west.get(outcome=Question.Outcome.NO_CONTACT)
        self.assertGreaterEqual(no_contact.events.filter(kind="attempt", reached=False).count(), 2)
        self.assertIsNone(no_contact.first_contact_at)
        self.assertEqual(
            set(Question.objects.filter(question_queue_filter(sanne)).values_list("wijk__code")), {("west",)}
        )

    def test_signals_in_every_state_and_outcome_from_both_partners(self):
        signals = Signal.objects.all()
        self.assertEqual(set(signals.values_list("status", flat=True)), set(Signal.Status.values))
        self.assertEqual(set(signals.exclude(outcome="").values_list("outcome", flat=True)), set(Signal.Outcome.values))
        self.assertEqual(
            set(signals.values_list("partner__name", flat=True)), {"Woonbedrijf Helmstad", "Energie Peelland"}
        )
        self.assertEqual(set(signals.values_list("kind", flat=True)), {Signal.Kind.RENT, Signal.Kind.ENERGY})
        self.assertTrue(all(r.startswith("DEMO-") for r in signals.values_list("partner_reference", flat=True)))
        self.assertTrue(Organisation.objects.get(name="Woonbedrijf Helmstad").delivers_signals)
        self.assertEqual(Organisation.objects.get(name="Energie Peelland").kind, Organisation.Kind.ENERGY)
        # One household reported by both partners.
        households = signals.values_list("household", "partner_id")
        by_household = {}
        for household, partner in households:
            by_household.setdefault(household, set()).add(partner)
        self.assertTrue(any(len(partners) == 2 for partners in by_household.values()))
        sanne = User.objects.get(username="sanne.wijkteam")
        self.assertEqual(signals.filter(signal_queue_filter(sanne)).count(), signals.count())

    def test_one_signal_waits_for_fatima_and_one_joined_annas_plan(self):
        waiting = Signal.objects.get(offered_plan__owner__username="fatima", plan__isnull=True)
        self.assertIsNone(waiting.closed_at)
        self.assertTrue(waiting.events.filter(kind=SignalEvent.Kind.OFFERED).exists())
        self.assertTrue(waiting.offered_plan.owner.notifications.filter(kind="signal_offered").exists())
        joined = Signal.objects.get(plan__owner__username="anna")
        self.assertIsNotNone(joined.joined_at)
        self.assertEqual(joined.events.filter(kind=SignalEvent.Kind.JOINED).get().by.username, "anna")

    def test_the_partner_account_logs_in_and_sees_no_names(self):
        partner = User.objects.get(username="woonbedrijf.signalen")
        self.assertEqual((partner.role, partner.organisation.name), (User.Role.SIGNAL_PARTNER, "Woonbedrijf Helmstad"))
        self.assertTrue(self.client.login(username="woonbedrijf.signalen", password="samenplan-demo"))
        response = self.client.get("/signalen/")
        self.assertEqual(response.status_code, 200)
        for signal in Signal.objects.all():
            self.assertNotContains(response, signal.name)
        self.assertEqual(self.client.get("/wijkteam/signalen/").status_code, 404)

    def test_the_partners_csv_adds_new_signals_to_the_demo(self):
        """Its references differ from the demo's, and its postcodes lie in the demo's wijken."""
        path = settings.BASE_DIR / "src" / "samenplan" / "demo" / "data" / "signalen-woonbedrijf.csv"
        rows = [line for line in path.read_text(encoding="utf-8-sig").splitlines()[1:] if line.strip()]
        before = Signal.objects.count()
        call_command("signals_import", "Woonbedrijf Helmstad", str(path), stdout=StringIO())
        self.assertEqual(Signal.objects.count(), before + len(rows))
