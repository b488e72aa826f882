"""Anonymous consults: asking one without personal data, the lists, answering, stopping,
and the counts for insights."""

import uuid
from datetime import date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Consult
from samenplan.conferences.selectors.consults import anonymous_consult_counts
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ConsultFactory, ServiceFactory, UserFactory

CLEAN = "Kan iemand in de schuldsanering nog huurtoeslag krijgen?"


class AnonymousConsultTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.domain = cls.plan_domain()
        cls.dora = UserFactory(
            username="dora",
            first_name="Dora",
            last_name="Dijk",
            role=User.Role.PROFESSIONAL,
            organisation=cls.debt_team,
        )
        ServiceFactory(organisation=cls.debt_team, name="Schuldhulpverlening")

    def ask(self, question=CLEAN, **extra):
        data = {
            "to_organisation": self.debt_team.pk,
            "domain": self.domain.pk,
            "question": question,
            "submit_token": str(uuid.uuid4()),
            **extra,
        }
        return self.client.post("/consult/nieuw/", data)

    def consult(self, **fields):
        values = {
            "asked_by": self.bob,
            "from_organisation": self.social_team,
            "to_organisation": self.debt_team,
            "domain": self.domain,
        }
        return ConsultFactory(**(values | fields))

    def fresh(self, consult):
        return Consult.objects.get(pk=consult.pk)

    # Who may ask ---------------------------------------------------------------------

    def test_it_is_only_for_professionals_of_an_organisation(self):
        for url in ("/consult/", "/consult/nieuw/"):
            self.assert_not_found_for([self.alice, self.carol, self.ann, self.pam, self.wendy, self.brit], url)
            self.assert_not_found_for([self.alice, self.ann, self.brit], url, method="post", data={"question": CLEAN})
        self.assertFalse(Consult.objects.exists())

    def test_the_form_offers_other_organisations_but_not_my_own_nor_a_signal_partner(self):
        self.login(self.bob)
        response = self.client.get("/consult/nieuw/")
        self.assertContains(response, "Vraag een andere organisatie, anoniem")
        self.assertContains(response, f'<option value="{self.debt_team.pk}">Schuldhulp</option>', html=True)
        self.assertContains(response, 'label="Op de sociale kaart"')
        self.assertNotContains(response, ">Sociaal Team West</option>")
        self.assertNotContains(response, "Woonbedrijf")
        self.assertNotContains(response, "Alice")

    # Personal data is refused ----------------------------------------------------------

    def test_a_question_with_personal_data_is_refused_with_what_was_found_and_the_text_kept(self):
        self.login(self.bob)
        cases = {
            "Alice heeft een vraag over huurtoeslag.": "“Alice”",
            "Iemand uit 5701 AB wil weten of dat kan.": "“5701 AB”",
            "Bel me even op 06 12345678 als je tijd hebt.": "“06 12345678”",
            "Mail het antwoord naar iemand@example.org graag.": "“iemand@example.org”",
            "Sinds 12-03-2024 is er geen inkomen meer.": "“12-03-2024”",
            "Dave vroeg of Carol mee mag naar het gesprek.": "“Dave”, “Carol”",
        }
        for question, found in cases.items():
            response = self.ask(question)
            self.assertEqual(response.status_code, 200, question)
            self.assertContains(response, "Er klopt nog iets niet")
            self.assertContains(response, f"Er staat persoonlijke informatie in je vraag: {found}.")
            self.assertContains(response, "Een anonieme vraag bevat geen namen, adressen, datums of nummers.")
            self.assertContains(response, question)
        self.assertFalse(Consult.objects.exists())
        self.assertFalse(Notification.objects.filter(kind=Notification.Kind.CONSULT_RECEIVED).exists())

    def test_a_name_from_a_plan_the_asker_is_not_in_is_not_a_finding(self):
        # Charlie is in no plan: "Alice" means nothing to his question (the patterns still apply).
        self.login(self.charlie)
        response = self.ask("Mijn buurvrouw Alice vraagt naar huurtoeslag.")
        self.assertEqual(response.status_code, 302)

    def test_a_missing_field_says_what_to_do_and_keeps_the_rest(self):
        self.login(self.bob)
        response = self.client.post("/consult/nieuw/", {"question": CLEAN, "submit_token": str(uuid.uuid4())})
        self.assertContains(response, "Kies de organisatie die je iets wilt vragen.")
        self.assertContains(response, "Kies het levensgebied waar je vraag over gaat.")
        self.assertContains(response, CLEAN)
        response = self.ask(to_organisation=self.social_team.pk)
        self.assertContains(response, "Kies een van de organisaties uit de lijst.")
        self.assertFalse(Consult.objects.exists())

    # A clean question goes through -----------------------------------------------------

    def test_a_clean_question_is_sent_at_once_and_the_organisation_asked_is_told(self):
        self.login(self.bob)
        response = self.ask()
        consult = Consult.objects.get()
        self.assertRedirects(response, f"/consult/{consult.pk}/", fetch_redirect_response=False)
        self.assertEqual(consult.status, Consult.Status.OPEN)
        self.assertIsNone(consult.plan)
        self.assertEqual(
            (consult.asked_by, consult.from_organisation, consult.to_organisation),
            (self.bob, self.social_team, self.debt_team),
        )
        told = Notification.objects.filter(kind=Notification.Kind.CONSULT_RECEIVED)
        self.assertEqual({n.user for n in told}, {self.dave, self.dora})
        self.assertEqual({n.url for n in told}, {f"/consult/{consult.pk}/"})
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).latest("id")
        self.assertEqual(entry.actor_id, self.bob.pk)
        self.assertEqual(entry.records, f",consult:{consult.pk},")
        self.assertIsNone(entry.plan_id)
        page = self.client.get(response.url)
        self.assertContains(page, "Je vraag is verstuurd naar Schuldhulp.")
        self.assertContains(page, CLEAN)

    def test_submitting_the_same_form_twice_makes_one_consult(self):
        self.login(self.bob)
        token = str(uuid.uuid4())
        self.ask(submit_token=token)
        self.ask(submit_token=token)
        self.assertEqual(Consult.objects.count(), 1)
        self.assertEqual(Notification.objects.filter(kind=Notification.Kind.CONSULT_RECEIVED).count(), 2)

    # The consult's page ----------------------------------------------------------------

    def test_only_who_asked_and_the_organisation_asked_open_it(self):
        consult = self.consult()
        url = f"/consult/{consult.pk}/"
        others = [self.alice, self.carol, self.erin, self.charlie, self.ann, self.pam, self.wendy, self.brit]
        self.assert_not_found_for(others, url)
        self.assert_not_found_for(others, url, method="post", data={"action": "answer", "answer": "x", "version": 1})
        self.assert_not_found_for(others, url, method="post", data={"action": "cancel", "version": 1})
        self.assertEqual(self.fresh(consult).status, Consult.Status.OPEN)
        for user in (self.bob, self.dave, self.dora):
            self.login(user)
            self.assertContains(self.client.get(url), consult.question)
        self.assertEqual(AuditEntry.objects.filter(records=f",consult:{consult.pk},", outcome="denied").count(), 24)
        self.assertEqual(self.client.get("/consult/987654/").status_code, 404)

    def test_the_organisation_asked_answers_and_the_asker_is_told(self):
        consult = self.consult()
        self.login(self.dave)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertContains(page, "Verstuur het antwoord")
        self.assertNotContains(page, "Stop de vraag")
        response = self.client.post(
            f"/consult/{consult.pk}/", {"action": "answer", "answer": "Ja, dat kan meestal.", "version": 1}
        )
        self.assertRedirects(response, f"/consult/{consult.pk}/")
        consult = self.fresh(consult)
        self.assertEqual(consult.status, Consult.Status.ANSWERED)
        self.assertEqual((consult.answer, consult.answered_by), ("Ja, dat kan meestal.", self.dave))
        self.assertIsNotNone(consult.closed_at)
        told = Notification.objects.get(kind=Notification.Kind.CONSULT_ANSWERED)
        self.assertEqual((told.user, told.url), (self.bob, f"/consult/{consult.pk}/"))
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest("id")
        self.assertEqual((entry.actor_id, entry.records), (self.dave.pk, f",consult:{consult.pk},"))
        self.login(self.bob)
        page = self.client.get(f"/consult/{consult.pk}/")
        self.assertContains(page, "Ja, dat kan meestal.")
        self.assertContains(page, "Beantwoord door Dave Dekker")

    def test_an_empty_answer_is_refused_plainly(self):
        consult = self.consult()
        self.login(self.dave)
        response = self.client.post(f"/consult/{consult.pk}/", {"action": "answer", "answer": "", "version": 1})
        self.assertContains(response, "Schrijf je antwoord op.")
        self.assertEqual(self.fresh(consult).status, Consult.Status.OPEN)

    def test_two_colleagues_answering_at_once_the_second_keeps_their_text(self):
        consult = self.consult()
        self.login(self.dave)
        self.client.post(f"/consult/{consult.pk}/", {"action": "answer", "answer": "Dave's antwoord.", "version": 1})
        self.login(self.dora)
        response = self.client.post(
            f"/consult/{consult.pk}/", {"action": "answer", "answer": "Dora's eigen antwoord.", "version": 1}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft deze vraag net beantwoord")
        self.assertContains(response, "Dora&#x27;s eigen antwoord.")
        self.assertEqual(self.fresh(consult).answer, "Dave's antwoord.")
        self.assertNotContains(response, "Verstuur het antwoord")

    def test_who_asked_stops_it_and_then_nobody_answers(self):
        consult = self.consult()
        self.login(self.bob)
        self.assertContains(self.client.get(f"/consult/{consult.pk}/"), "Stop de vraag")
        response = self.client.post(f"/consult/{consult.pk}/", {"action": "cancel", "version": 1})
        self.assertRedirects(response, f"/consult/{consult.pk}/")
        self.assertEqual(self.fresh(consult).status, Consult.Status.CANCELLED)
        self.login(self.dave)
        response = self.client.post(f"/consult/{consult.pk}/", {"action": "answer", "answer": "Te laat.", "version": 2})
        self.assertContains(response, "deze vraag staat nu op “Gestopt”")
        self.assertEqual(self.fresh(consult).answer, "")

    def test_the_receiver_cannot_stop_it_and_the_asker_cannot_answer_it(self):
        consult = self.consult()
        self.login(self.dave)
        self.assertEqual(
            self.client.post(f"/consult/{consult.pk}/", {"action": "cancel", "version": 1}).status_code, 404
        )
        self.login(self.bob)
        response = self.client.post(f"/consult/{consult.pk}/", {"action": "answer", "answer": "x", "version": 1})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.fresh(consult).status, Consult.Status.OPEN)

    # The lists -------------------------------------------------------------------------

    def test_the_list_shows_what_i_asked_and_what_reached_my_organisation(self):
        mine = self.consult()
        received = self.consult(asked_by=self.dave, from_organisation=self.debt_team, to_organisation=self.social_team)
        self.consult(asked_by=self.dave, from_organisation=self.debt_team, to_organisation=self.woonbedrijf)
        old = self.consult(
            asked_by=self.dave,
            from_organisation=self.debt_team,
            to_organisation=self.social_team,
            status=Consult.Status.ANSWERED,
            answered_at=timezone.now() - timezone.timedelta(days=120),
            closed_at=timezone.now() - timezone.timedelta(days=120),
        )
        self.login(self.bob)
        response = self.client.get("/consult/")
        self.assertContains(response, "Vragen aan andere organisaties")
        self.assertContains(response, "Nieuwe vraag")
        self.assertContains(response, f'href="/consult/{mine.pk}/"')
        self.assertContains(response, f'href="/consult/{received.pk}/"')
        self.assertNotContains(response, f'href="/consult/{old.pk}/"')
        self.assertNotContains(response, "Woonbedrijf")
        self.assertNotContains(response, mine.question)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(entry.records, f",consult:{mine.pk},consult:{received.pk},")

    def test_the_list_reads_the_same_number_of_queries_for_2_and_10_consults(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/consult/").status_code, 200)
            # The audit writer's own hash-chain checkpoint comes now and then: not the page's.
            return len([q for q in queries.captured_queries if "audit_auditcheckpoint" not in q["sql"]])

        def add(n):
            for i in range(n):
                self.consult(domain=LifeDomain.objects.order_by("order")[i % 3])
                self.consult(asked_by=self.dave, from_organisation=self.debt_team, to_organisation=self.social_team)
                self.consult(
                    asked_by=self.dave,
                    from_organisation=self.debt_team,
                    to_organisation=self.social_team,
                    status=Consult.Status.ANSWERED,
                    answered_at=timezone.now(),
                    answered_by=self.dave,
                )

        self.login(self.bob)
        self.client.get("/consult/")
        add(2)
        small = count()
        add(8)
        self.assertEqual(count(), small)

    # Counts for insights ---------------------------------------------------------------

    def test_anonymous_consults_are_counted_per_life_domain_and_month(self):
        money, housing = LifeDomain.objects.order_by("order")[:2]
        march = timezone.make_aware(datetime(2025, 3, 10, 12))
        april = timezone.make_aware(datetime(2025, 4, 2, 9))
        for asked_at, domain in ((march, money), (march, money), (march, housing), (april, money)):
            self.consult(asked_at=asked_at, domain=domain)
        # About a plan: not anonymous, not counted. Outside the period: not counted.
        self.consult(asked_at=march, domain=money, plan=self.plan, part="story", status=Consult.Status.AWAITING_CONSENT)
        self.consult(asked_at=timezone.make_aware(datetime(2025, 5, 1, 9)), domain=money)
        counts = anonymous_consult_counts(since=date(2025, 3, 1), until=date(2025, 5, 1))
        self.assertEqual(
            sorted(counts, key=lambda row: (row["month"], row["domain"])),
            sorted(
                [
                    {"domain": money.code, "month": date(2025, 3, 1), "count": 2},
                    {"domain": housing.code, "month": date(2025, 3, 1), "count": 1},
                    {"domain": money.code, "month": date(2025, 4, 1), "count": 1},
                ],
                key=lambda row: (row["month"], row["domain"]),
            ),
        )
