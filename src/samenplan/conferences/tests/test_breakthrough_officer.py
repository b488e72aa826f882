"""The breakthrough officer: the list of requests, one request, and the decision."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import BreakthroughRequest, ObstacleRecord
from samenplan.lib.queries import statements
from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import BreakthroughFactory, UserFactory


class OfficerTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = cls.conference_planned()
        today = timezone.localdate()
        cls.record = ObstacleRecord.objects.create(
            filed_month=today.replace(day=1),
            obstacle="[naam] cannot get a rent allowance.",
            solution="Pay the rent.",
            cost_solution=1700,
            cost_nothing=14000,
        )
        cls.request = BreakthroughFactory(
            conference=cls.conference,
            plan=cls.plan,
            filed_by=cls.bob,
            obstacle="The budget for urgent housing is spent for this year.\nAlice Aarts gets no shelter.",
            cost_note="Shelter costs about 140 euro a night.",
            resident_words="I just want to stay in my home.",
            decide_by=today + timedelta(days=14),
            anonymous_copy=cls.record,
        )

    def request_url(self, request=None):
        return f"/doorbraak/{(request or self.request).pk}/"

    def decide(self, action, note, *, user=None, version=None):
        self.login(user or self.brit)
        version = version or BreakthroughRequest.objects.get(pk=self.request.pk).version
        return self.client.post(
            self.request_url(), {"action": action, f"{action}-note": note, f"{action}-version": version}
        )


class QueueTestCase(OfficerTestCase):
    def test_nobody_but_the_officer_sees_the_list(self):
        others = [self.alice, self.bob, self.carol, self.dave, self.erin, self.charlie, self.ann, self.pam, self.wendy]
        self.assert_not_found_for(others, "/doorbraak/")
        self.login(self.brit)
        self.assertEqual(self.client.get("/doorbraak/").status_code, 200)

    def test_a_blocked_officer_gets_nothing(self):
        self.brit.is_active = False
        self.brit.save()
        self.client.force_login(self.brit)
        self.assertNotEqual(self.client.get("/doorbraak/").status_code, 200)

    def test_it_lists_waiting_requests_by_their_last_day_with_no_name(self):
        today = timezone.localdate()
        late = BreakthroughFactory(
            conference=self.conference, plan=self.plan, filed_by=self.bob, decide_by=today - timedelta(days=1)
        )
        soon = BreakthroughFactory(conference=self.conference, plan=self.plan, filed_by=self.bob, decide_by=today)
        self.login(self.brit)
        response = self.client.get("/doorbraak/")
        content = response.content.decode()
        positions = [content.index(f'href="/doorbraak/{r.pk}/"') for r in (late, soon, self.request)]
        self.assertEqual(positions, sorted(positions))
        self.assertContains(response, f"Verzoek {self.request.pk}")
        self.assertContains(response, "Helmstad-West")
        # The list quotes the anonymous copy: no name in it.
        self.assertContains(response, "[naam] cannot get a rent allowance.")
        self.assertNotContains(response, "Alice")
        self.assertContains(response, "€&nbsp;1.700")
        self.assertContains(response, "€&nbsp;14.000")
        self.assertContains(response, "Te laat", count=1)
        self.assertContains(response, "1 verzoek is over de laatste dag voor een besluit heen.")
        self.assertContains(response, "nog 10 werkdagen")
        self.assertNotContains(response, "Alice")
        self.assertNotContains(response, "Aarts")
        self.assertNotContains(response, "I just want to stay")

    def test_decided_requests_of_the_last_90_days_follow(self):
        decided = BreakthroughFactory(
            conference=self.conference,
            plan=self.plan,
            filed_by=self.bob,
            status=BreakthroughRequest.Status.GRANTED,
            decided_by=self.brit,
            decided_at=timezone.now() - timedelta(days=10),
            decision_note="Two months of rent.",
        )
        old = BreakthroughFactory(
            conference=self.conference,
            plan=self.plan,
            filed_by=self.bob,
            status=BreakthroughRequest.Status.REFUSED,
            decided_by=self.brit,
            decided_at=timezone.now() - timedelta(days=91),
        )
        self.login(self.brit)
        response = self.client.get("/doorbraak/")
        self.assertContains(response, "Besloten in de laatste 90 dagen (1)")
        self.assertContains(response, f'href="/doorbraak/{decided.pk}/"')
        self.assertContains(response, "Toegekend")
        self.assertNotContains(response, f'href="/doorbraak/{old.pk}/"')
        entry = AuditEntry.objects.filter(actor_id=self.brit.pk).latest("id")
        self.assertEqual(
            set(entry.records.strip(",").split(",")), {f"breakthrough:{self.request.pk}", f"breakthrough:{decided.pk}"}
        )
        self.assertIsNone(entry.plan_id)

    def queries(self):
        self.login(self.brit)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get("/doorbraak/").status_code, 200)
        return len(statements(queries))

    def test_the_list_takes_the_same_number_of_queries_however_long(self):
        def grow(n):
            for _ in range(n):
                BreakthroughFactory(conference=self.conference, plan=self.plan, filed_by=self.bob)
                BreakthroughFactory(
                    conference=self.conference,
                    plan=self.plan,
                    filed_by=self.bob,
                    status=BreakthroughRequest.Status.REFUSED,
                    decided_by=self.brit,
                    decided_at=timezone.now(),
                )

        grow(1)
        self.queries()  # the audit chain reads its checkpoint once per process
        few = self.queries()
        grow(9)
        self.assertEqual(self.queries(), few)


class RequestPageTestCase(OfficerTestCase):
    def test_nobody_but_the_officer_opens_a_request(self):
        others = [self.alice, self.bob, self.carol, self.dave, self.erin, self.charlie, self.ann, self.pam, self.wendy]
        self.assert_not_found_for(others, self.request_url())
        self.assert_not_found_for(
            others, self.request_url(), method="post", data={"action": "grant", "grant-note": "x"}
        )
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, BreakthroughRequest.Status.SUBMITTED)
        denied = AuditEntry.objects.filter(actor_id=self.bob.pk, outcome=AuditEntry.Outcome.DENIED).first()
        self.assertIn(f",breakthrough:{self.request.pk},", denied.records)

    def test_an_unknown_request_is_not_found(self):
        self.assert_not_found_for([self.brit], "/doorbraak/987654/")

    def test_the_officer_never_opens_the_plan_or_the_conference(self):
        for url in (
            f"/plans/{self.plan.pk}/",
            f"/plans/{self.plan.pk}/story/",
            f"/plans/{self.plan.pk}/overleg/",
            f"/overleg/{self.conference.pk}/",
            f"/overleg/{self.conference.pk}/doorbraak/",
        ):
            self.assert_not_found_for([self.brit], url)

    def test_it_shows_everything_in_the_request(self):
        self.login(self.brit)
        response = self.client.get(self.request_url())
        self.assertContains(response, f"Doorbraakverzoek {self.request.pk}")
        self.assertContains(response, "Wacht op een besluit")
        self.assertContains(response, "The budget for urgent housing is spent for this year.<br>Alice Aarts")
        self.assertContains(response, "Pay two months of rent from the breakthrough budget.")
        self.assertContains(response, "€&nbsp;1.700")
        self.assertContains(response, "€&nbsp;14.000")
        self.assertContains(response, "de oplossing bespaart € 12.300")
        self.assertContains(response, "Shelter costs about 140 euro a night.")
        self.assertContains(response, "In de eigen woorden van Alice")
        self.assertContains(response, "I just want to stay in my home.")
        self.assertContains(response, "Alice, Helmstad-West")
        self.assertContains(response, "Bob Bakker, Sociaal Team West")
        self.assertContains(response, self.conference.meets_at.strftime("%Y"))
        self.assertContains(response, "Beslis uiterlijk")
        self.assertContains(response, "Verzoek toekennen")
        self.assertContains(response, "Verzoek afwijzen")
        entry = AuditEntry.objects.filter(actor_id=self.brit.pk).latest("id")
        self.assertEqual(entry.records, f",breakthrough:{self.request.pk},")
        self.assertEqual(entry.plan_id, self.plan.pk)

    def test_a_solution_dearer_than_doing_nothing_says_so(self):
        BreakthroughRequest.objects.filter(pk=self.request.pk).update(cost_solution=20000)
        self.login(self.brit)
        self.assertContains(self.client.get(self.request_url()), "de oplossing kost € 6.000 meer")

    def test_a_request_past_its_last_day_is_marked_overdue(self):
        BreakthroughRequest.objects.filter(pk=self.request.pk).update(
            decide_by=timezone.localdate() - timedelta(days=2)
        )
        self.login(self.brit)
        response = self.client.get(self.request_url())
        self.assertContains(response, "Te laat: het besluit moest er uiterlijk")


class DecisionTestCase(OfficerTestCase):
    def test_granting_needs_what_is_granted(self):
        response = self.decide("grant", "  ")
        self.assertContains(response, "Schrijf op wat je toekent.")
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, BreakthroughRequest.Status.SUBMITTED)

    def test_a_refusal_needs_a_reason(self):
        response = self.decide("refuse", "")
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Schrijf op waarom het verzoek wordt afgewezen.")
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, BreakthroughRequest.Status.SUBMITTED)
        self.assertEqual(self.request.decided_by, None)

    def test_granting_decides_tells_the_plan_and_is_audited(self):
        response = self.decide("grant", "Two months of rent from the breakthrough budget.")
        self.assertRedirects(response, self.request_url(), fetch_redirect_response=False)
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, BreakthroughRequest.Status.GRANTED)
        self.assertEqual((self.request.decided_by, self.request.version), (self.brit, 2))
        self.assertEqual(self.request.decision_note, "Two months of rent from the breakthrough budget.")
        self.record.refresh_from_db()
        self.assertEqual(self.record.outcome, "granted")
        for user in (self.alice, self.bob):
            notification = Notification.objects.get(user=user)
            self.assertEqual(notification.kind, Notification.Kind.BREAKTHROUGH_DECIDED)
            self.assertEqual(notification.url, f"/overleg/{self.conference.pk}/")
        self.assertFalse(Notification.objects.filter(user__in=[self.dave, self.carol, self.brit]).exists())
        entry = AuditEntry.objects.filter(actor_id=self.brit.pk, action=AuditEntry.Action.UPDATE).get()
        self.assertIn(f",breakthrough:{self.request.pk},", entry.records)
        response = self.client.get(self.request_url())
        self.assertContains(response, "Het besluit is opgeslagen. De coördinator en Alice krijgen bericht.")
        self.assertContains(response, "Toegekend door Brit Bosman op")
        self.assertNotContains(response, "Verzoek toekennen")

    def test_the_resident_reads_the_refusal_and_its_reason_on_the_conference_page(self):
        self.decide("refuse", "The rules leave no room for rent from this budget.")
        self.request.refresh_from_db()
        self.assertEqual(self.request.status, BreakthroughRequest.Status.REFUSED)
        self.record.refresh_from_db()
        self.assertEqual(self.record.outcome, "refused")
        self.login(self.alice)
        response = self.client.get(f"/overleg/{self.conference.pk}/")
        self.assertContains(response, "Afgewezen")
        self.assertContains(response, "De gemeente heeft het verzoek afgewezen:")
        self.assertContains(response, "The rules leave no room for rent from this budget.")

    def test_a_second_officer_deciding_at_once_is_told_and_keeps_the_text(self):
        otto = UserFactory(username="otto", first_name="Otto", last_name="Olsen", role=self.brit.role)
        version = self.request.version
        self.decide("grant", "Two months of rent.", user=otto, version=version)
        response = self.decide("refuse", "MARKER-MY-REASON", version=version)
        self.assertContains(response, "Iemand anders heeft al besloten")
        self.assertContains(response, "Intussen heeft Otto Olsen over dit verzoek besloten: “Toegekend”.")
        self.assertContains(response, "MARKER-MY-REASON")
        self.request.refresh_from_db()
        self.assertEqual(
            (self.request.status, self.request.decided_by, self.request.decision_note),
            (BreakthroughRequest.Status.GRANTED, otto, "Two months of rent."),
        )

    def test_a_stale_page_after_the_decision_saves_nothing(self):
        self.decide("grant", "Two months of rent.")
        response = self.decide("grant", "MARKER-AGAIN", version=1)
        self.assertContains(response, "Iemand anders heeft al besloten")
        self.assertContains(response, "MARKER-AGAIN")
        self.request.refresh_from_db()
        self.assertEqual(self.request.decision_note, "Two months of rent.")
