"""The wijk team's outreach on early signals: the queue by household, claiming, attempts,
closing with an outcome code, offering a signal to the resident's plan."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.notifications.models import Notification
from samenplan.sharing import policy
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    OrganisationFactory,
    ServiceFactory,
    SignalFactory,
    UserFactory,
    WijkFactory,
)

from ..models import Signal, SignalEvent
from ..services import outreach as services

QUEUE = "/wijkteam/signalen/"


class OutreachTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.energiebedrijf = OrganisationFactory(
            name="Stroomgoed", kind=Organisation.Kind.ENERGY, delivers_signals=True
        )

    def make_signal(self, *, street="Kerkstraat 1", postcode="5701AB", days_ago=0, **fields):
        fields.setdefault("partner", self.woonbedrijf)
        fields.setdefault("wijk", self.wijk)
        return SignalFactory(
            street=street,
            postcode=postcode,
            created_at=timezone.now() - timedelta(days=days_ago),
            **fields,
        )

    def url(self, signal):
        return f"/wijkteam/signalen/{signal.pk}/"

    def post(self, signal, action, **data):
        signal.refresh_from_db()
        payload = {"action": action}
        payload |= {f"{action}-{key}": value for key, value in data.items()}
        if action == "close":
            payload.setdefault("close-version", signal.version)
        return self.client.post(self.url(signal), payload)

    def claim_as(self, user, signal):
        self.login(user)
        response = self.post(signal, "claim")
        self.assertEqual(response.status_code, 302)
        signal.refresh_from_db()
        return signal

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()


class QueueTests(OutreachTestCase):
    def test_it_shows_the_open_signals_of_my_wijk_grouped_by_household_oldest_first(self):
        self.make_signal(name="Nora Nieuw", street="Laan 9", postcode="5701CD", days_ago=1, amount="120.00")
        old_rent = self.make_signal(name="Otto Oud", days_ago=6, amount="900.00")
        old_energy = self.make_signal(
            name="Otto Oud", partner=self.energiebedrijf, kind=Signal.Kind.ENERGY, days_ago=2, amount="310.50"
        )
        self.login(self.bob)
        response = self.client.get(QUEUE)
        self.assertEqual(response.status_code, 200)
        households = response.context["queue"].households
        self.assertEqual([h.names for h in households], [["Otto Oud"], ["Nora Nieuw"]])
        self.assertEqual([row.signal for row in households[0].rows], [old_rent, old_energy])
        content = response.content.decode()
        # One block per address, its signals together, the oldest household first.
        self.assertLess(content.index("Kerkstraat 1"), content.index("Laan 9"))
        self.assertLess(content.index("Stroomgoed"), content.index("Laan 9"))
        self.assertContains(response, "€&nbsp;900,00")
        self.assertContains(response, "6 dagen")
        self.assertContains(response, "Nog niemand")
        self.assertContains(response, "3 open signalen")

    def test_filters_keep_households_whole(self):
        mine = self.make_signal(name="Mijn Huis", days_ago=3)
        self.make_signal(name="Mijn Huis", partner=self.energiebedrijf, days_ago=2)
        taken = self.make_signal(name="Ander Huis", street="Plein 2", days_ago=1)
        Signal.objects.filter(pk=mine.pk).update(owner=self.bob)
        Signal.objects.filter(pk=taken.pk).update(owner=self.charlie)
        self.login(self.bob)
        shown = self.client.get(QUEUE, {"show": "mine"}).context["queue"]
        self.assertEqual([h.names for h in shown.households], [["Mijn Huis"]])
        self.assertEqual(len(shown.households[0].rows), 2)  # the untaken one of the same address too
        free = self.client.get(QUEUE, {"show": "free"}).context["queue"]
        self.assertEqual([h.names for h in free.households], [["Mijn Huis"]])
        everything = self.client.get(QUEUE, {"show": "all"}).context["queue"]
        self.assertEqual(len(everything.households), 2)
        self.login(self.charlie)
        self.assertContains(self.client.get(QUEUE, {"show": "mine"}), "Ander Huis")

    def test_recently_closed_signals_are_listed_apart(self):
        closed = self.make_signal(name="Klaar Persoon", days_ago=20)
        Signal.objects.filter(pk=closed.pk).update(
            status=Signal.Status.CLOSED,
            outcome=Signal.Outcome.QUICK_FIX,
            closed_at=timezone.now() - timedelta(days=2),
            owner=self.bob,
        )
        long_ago = self.make_signal(name="Lang Geleden", days_ago=90)
        Signal.objects.filter(pk=long_ago.pk).update(
            status=Signal.Status.CLOSED, outcome=Signal.Outcome.IN_CARE, closed_at=timezone.now() - timedelta(days=60)
        )
        self.login(self.bob)
        response = self.client.get(QUEUE)
        self.assertEqual(response.context["queue"].households, [])
        self.assertEqual(response.context["queue"].closed, [closed])
        self.assertContains(response, "Snel opgelost")
        self.assertNotContains(response, "Lang Geleden")

    def test_another_wijk_team_does_not_see_the_signal(self):
        oost = WijkFactory(name="Helmstad-Oost", code="oost")
        team_oost = OrganisationFactory(name="Sociaal Team Oost", starts_plans=True)
        team_oost.wijken.add(oost)
        olga = UserFactory(username="olga", role=User.Role.PROFESSIONAL, organisation=team_oost)
        signal = self.make_signal(name="West Bewoner")
        self.login(olga)
        response = self.client.get(QUEUE)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "West Bewoner")
        self.assert_not_found_for([olga], self.url(signal))
        self.assert_not_found_for([olga], self.url(signal), method="post", data={"action": "claim"})
        signal.refresh_from_db()
        self.assertIsNone(signal.owner_id)

    def test_people_outside_the_wijk_team_get_404(self):
        signal = self.make_signal()
        for url in (QUEUE, self.url(signal)):
            self.assert_not_found_for([self.dave, self.wendy, self.ann, self.alice, self.pam, self.carol], url)
        self.assert_not_found_for([self.dave, self.wendy], self.url(signal), method="post", data={"action": "claim"})
        signal.refresh_from_db()
        self.assertIsNone(signal.owner_id)

    def test_a_refused_signal_is_in_the_audit_log(self):
        signal = self.make_signal()
        self.login(self.dave)
        self.client.get(self.url(signal))
        entry = self.last_entry()
        self.assertEqual(entry.outcome, AuditEntry.Outcome.DENIED)
        self.assertEqual(entry.records, f",signal:{signal.pk},")

    def test_the_queue_is_audited_with_the_signals_shown(self):
        first = self.make_signal(days_ago=2)
        second = self.make_signal(street="Plein 2")
        other_wijk = self.make_signal(wijk=WijkFactory(code="elders"))
        self.login(self.bob)
        self.client.get(QUEUE)
        entry = self.last_entry()
        self.assertEqual(entry.actor_id, self.bob.pk)
        self.assertIn(f",signal:{first.pk},", entry.records)
        self.assertIn(f"signal:{second.pk},", entry.records)
        self.assertNotIn(f"signal:{other_wijk.pk},", entry.records)

    def count_queue_queries(self):
        self.login(self.bob)
        self.client.get(QUEUE)  # the audit log's first entry reads its checkpoint once
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(QUEUE)
        self.assertEqual(response.status_code, 200)
        return len(statements(queries))

    def test_the_queue_queries_do_not_grow_with_the_signals(self):
        def grow(n, start):
            for i in range(n):
                signal = self.make_signal(street=f"Straat {start + i}", days_ago=i % 5)
                self.make_signal(street=f"Straat {start + i}", partner=self.energiebedrijf)
                Signal.objects.filter(pk=signal.pk).update(owner=self.charlie if i % 2 else None)
                closed = self.make_signal(street=f"Dicht {start + i}")
                Signal.objects.filter(pk=closed.pk).update(
                    closed_at=timezone.now(), outcome=Signal.Outcome.ARRANGEMENT, owner=self.charlie
                )

        grow(1, 0)
        small = self.count_queue_queries()
        grow(10, 100)
        large = self.count_queue_queries()
        self.assertEqual(small, large)
        self.assertEqual(len(self.client.get(QUEUE).context["queue"].households), 11)


class ClaimTests(OutreachTestCase):
    def test_claiming_makes_me_the_owner_with_an_event_and_an_audit_entry(self):
        signal = self.make_signal()
        signal = self.claim_as(self.bob, signal)
        self.assertEqual(signal.owner, self.bob)
        self.assertIsNotNone(signal.claimed_at)
        self.assertEqual(list(signal.events.values_list("kind", "by")), [(SignalEvent.Kind.CLAIMED, self.bob.pk)])
        entry = self.last_entry()
        self.assertEqual((entry.action, entry.actor_id), (AuditEntry.Action.UPDATE, self.bob.pk))
        self.assertIn(f",signal:{signal.pk},", entry.records)
        response = self.client.get(self.url(signal))
        self.assertContains(response, "Jij hebt dit opgepakt.")

    def test_two_claiming_at_once_one_wins_and_the_other_is_told(self):
        signal = self.make_signal()
        # Charlie's page was drawn while nobody had it; bob claims first.
        charlie_access = policy.team_signal(self.charlie, signal.pk)
        services.signal_claim(access=policy.team_signal(self.bob, signal.pk))
        with self.assertRaises(services.SignalConflict):
            services.signal_claim(access=charlie_access)
        signal.refresh_from_db()
        self.assertEqual(signal.owner, self.bob)
        self.assertEqual(signal.events.count(), 1)

    def test_claiming_a_signal_taken_meanwhile_names_who_took_it(self):
        signal = self.make_signal()
        Signal.objects.filter(pk=signal.pk).update(owner=self.bob, claimed_at=timezone.now())
        self.login(self.charlie)
        response = self.client.post(self.url(signal), {"action": "claim"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft dit net opgepakt: Bob Bakker.")
        signal.refresh_from_db()
        self.assertEqual(signal.owner, self.bob)

    def test_a_colleague_who_does_not_own_it_cannot_act_on_it(self):
        signal = self.claim_as(self.bob, self.make_signal())
        self.login(self.charlie)
        response = self.client.get(self.url(signal))
        self.assertContains(response, "Opgepakt door Bob Bakker.")
        self.assertNotContains(response, 'value="attempt"')
        for action, data in (
            ("attempt", {"channel": "phone", "reached": "yes"}),
            ("close", {"outcome": "quick_fix"}),
            ("release", {}),
            ("offer", {"plan": self.plan.pk}),
            ("claim_household", {}),
        ):
            response = self.post(signal, action, **data)
            self.assertEqual(response.status_code, 404, action)
            entry = self.last_entry()
            self.assertEqual((entry.outcome, entry.actor_id), (AuditEntry.Outcome.DENIED, self.charlie.pk), action)
        signal.refresh_from_db()
        self.assertEqual((signal.owner, signal.status, signal.closed_at), (self.bob, Signal.Status.NEW, None))
        self.assertEqual(signal.events.count(), 1)

    def test_giving_it_back_lets_a_colleague_take_it_on(self):
        signal = self.claim_as(self.bob, self.make_signal())
        self.assertEqual(self.post(signal, "release").status_code, 302)
        signal.refresh_from_db()
        self.assertIsNone(signal.owner_id)
        signal = self.claim_as(self.charlie, signal)
        self.assertEqual(signal.owner, self.charlie)
        self.assertEqual(
            list(signal.events.values_list("kind", flat=True)),
            [SignalEvent.Kind.CLAIMED, SignalEvent.Kind.RELEASED, SignalEvent.Kind.CLAIMED],
        )

    def test_the_other_signals_of_the_household_can_be_claimed_too(self):
        signal = self.make_signal(name="Otto Oud", days_ago=2)
        energy = self.make_signal(name="Otto Oud", partner=self.energiebedrijf)
        taken = self.make_signal(name="Otto Oud", kind=Signal.Kind.WATER)
        elsewhere = self.make_signal(name="Otto Oud", wijk=WijkFactory(code="elders"))
        Signal.objects.filter(pk=taken.pk).update(owner=self.charlie)
        self.claim_as(self.bob, signal)
        response = self.client.get(self.url(signal))
        # Same address: shown on the page (not the one in another wijk).
        self.assertContains(response, "Stroomgoed")
        self.assertEqual({row.signal for row in response.context["detail"].household}, {energy, taken})
        self.assertContains(response, "Dit adres heeft nog 1 ander signaal")
        self.assertEqual(self.post(signal, "claim_household").status_code, 302)
        owners = dict(Signal.objects.values_list("pk", "owner"))
        self.assertEqual(owners[energy.pk], self.bob.pk)
        self.assertEqual(owners[taken.pk], self.charlie.pk)
        self.assertIsNone(owners[elsewhere.pk])
        self.assertIn(f"signal:{energy.pk},", self.last_entry().records)


class AttemptAndCloseTests(OutreachTestCase):
    def setUp(self):
        self.signal = self.claim_as(self.bob, self.make_signal())

    def test_an_attempt_is_recorded_and_the_first_reached_one_is_the_first_contact(self):
        response = self.post(self.signal, "attempt", channel="letter", reached="no", note="Brief gestuurd")
        self.assertEqual(response.status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Signal.Status.OUTREACH)
        self.assertIsNone(self.signal.first_contact_at)
        self.post(self.signal, "attempt", channel="phone", reached="yes")
        self.signal.refresh_from_db()
        first = self.signal.first_contact_at
        self.assertIsNotNone(first)
        self.post(self.signal, "attempt", channel="visit", reached="yes")
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.first_contact_at, first)
        attempts = self.signal.events.filter(kind=SignalEvent.Kind.ATTEMPT)
        self.assertEqual(
            list(attempts.values_list("channel", "reached", "note")),
            [("letter", False, "Brief gestuurd"), ("phone", True, ""), ("visit", True, "")],
        )
        response = self.client.get(self.url(self.signal))
        self.assertContains(response, "Brief gestuurd")
        self.assertContains(response, "Huisbezoek")

    def test_an_attempt_without_a_channel_is_refused_with_the_input_kept(self):
        response = self.post(self.signal, "attempt", reached="yes", note="Mijn notitie")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kies hoe je contact probeerde te krijgen.")
        self.assertContains(response, "Mijn notitie")
        self.assertContains(response, 'aria-describedby="')
        self.assertFalse(self.signal.events.filter(kind=SignalEvent.Kind.ATTEMPT).exists())

    def test_closing_with_an_outcome(self):
        response = self.post(self.signal, "close", outcome="arrangement", note="Regeling met Woonbedrijf")
        self.assertEqual(response.status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual(
            (self.signal.status, self.signal.outcome, self.signal.outcome_note),
            (Signal.Status.CLOSED, Signal.Outcome.ARRANGEMENT, "Regeling met Woonbedrijf"),
        )
        self.assertIsNotNone(self.signal.closed_at)
        self.assertTrue(self.signal.help_accepted)
        response = self.client.get(self.url(self.signal))
        self.assertContains(response, "Betalingsregeling")
        self.assertNotContains(response, 'value="close"')
        # Closed: nobody acts on it any more.
        self.assertEqual(self.post(self.signal, "attempt", channel="phone", reached="yes").status_code, 200)
        self.assertFalse(self.signal.events.filter(kind=SignalEvent.Kind.ATTEMPT).exists())

    def test_no_contact_needs_two_attempts(self):
        self.post(self.signal, "attempt", channel="letter", reached="no")
        response = self.post(self.signal, "close", outcome="no_contact")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "minstens 2 pogingen")
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.closed_at)
        self.post(self.signal, "attempt", channel="visit", reached="no")
        self.assertEqual(self.post(self.signal, "close", outcome="no_contact").status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.outcome, Signal.Outcome.NO_CONTACT)
        self.assertFalse(self.signal.help_accepted)

    def test_debt_help_needs_a_debt_service_from_the_social_map(self):
        budget = ServiceFactory(organisation=self.debt_team, name="Budgetcoaching")
        other = ServiceFactory(organisation=self.social_team, name="Koffie-ochtend")
        response = self.post(self.signal, "close", outcome="debt_help", note="Aangemeld")
        self.assertContains(response, "Kies de schuldhulp waar je naar hebt doorverwezen.")
        self.assertContains(response, "Aangemeld")
        self.assertContains(response, "Budgetcoaching")
        self.assertNotContains(response, "Koffie-ochtend")
        self.post(self.signal, "close", outcome="debt_help", service=other.pk)
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.closed_at)
        self.assertEqual(self.post(self.signal, "close", outcome="debt_help", service=budget.pk).status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual((self.signal.outcome, self.signal.service), (Signal.Outcome.DEBT_HELP, budget))

    def test_debt_help_for_a_signal_in_a_plan_links_to_proposing_the_referral_there(self):
        budget = ServiceFactory(organisation=self.debt_team, name="Budgetcoaching")
        Signal.objects.filter(pk=self.signal.pk).update(plan=self.plan, joined_at=timezone.now())
        self.post(self.signal, "close", outcome="debt_help", service=budget.pk)
        response = self.client.get(self.url(self.signal))
        self.assertContains(response, f'href="/plans/{self.plan.pk}/referrals/new/?service={budget.pk}"')

    def test_plan_started_needs_the_signal_offered_to_a_plan(self):
        response = self.post(self.signal, "close", outcome="plan")
        self.assertContains(response, "Voor “Plan gestart”")
        self.post(self.signal, "offer", plan=self.plan.pk)
        self.assertEqual(self.post(self.signal, "close", outcome="plan").status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.outcome, Signal.Outcome.PLAN)

    def test_closing_from_a_stale_page_saves_nothing(self):
        stale = self.signal.version
        self.post(self.signal, "attempt", channel="phone", reached="no")
        response = self.client.post(
            self.url(self.signal), {"action": "close", "close-outcome": "quick_fix", "close-version": stale}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is intussen iets veranderd.")
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.closed_at)

    def test_an_unknown_action_is_a_bad_request(self):
        self.assertEqual(self.client.post(self.url(self.signal), {"action": "delete"}).status_code, 400)


class OfferTests(OutreachTestCase):
    def setUp(self):
        self.signal = self.claim_as(self.bob, self.make_signal(name="Alice Aarts"))

    def test_the_owner_offers_it_to_a_plan_they_are_in_and_the_resident_is_told(self):
        response = self.client.get(self.url(self.signal))
        self.assertContains(response, "Alice Aarts (Helmstad-West)")
        self.assertEqual(self.post(self.signal, "offer", plan=self.plan.pk).status_code, 302)
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.offered_plan, self.plan)
        self.assertIsNone(self.signal.plan_id)
        self.assertTrue(self.signal.events.filter(kind=SignalEvent.Kind.OFFERED, by=self.bob).exists())
        notification = Notification.objects.get(user=self.alice)
        self.assertEqual(notification.kind, Notification.Kind.SIGNAL_OFFERED)
        self.assertEqual(notification.url, f"/plans/{self.plan.pk}/signalen/")
        entry = self.last_entry()
        self.assertEqual((entry.action, entry.plan_id), (AuditEntry.Action.UPDATE, self.plan.pk))
        self.assertIn(f",signal:{self.signal.pk},", entry.records)
        self.assertContains(self.client.get(self.url(self.signal)), "Wacht op antwoord")

    def test_a_plan_the_owner_is_not_in_cannot_be_chosen(self):
        self.signal = self.claim_as(self.charlie, self.make_signal(street="Plein 3"))
        response = self.post(self.signal, "offer", plan=self.plan.pk)
        self.assertEqual(response.status_code, 200)
        self.signal.refresh_from_db()
        self.assertIsNone(self.signal.offered_plan_id)
        self.assertFalse(Notification.objects.filter(user=self.alice).exists())
