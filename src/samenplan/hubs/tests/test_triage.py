"""The wijk team's triage: the queue, one question, taking it on, contact attempts, closing."""

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.hubs.services import triage
from samenplan.measuring.models import LifeDomain
from samenplan.sharing import policy
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import QuestionFactory, ServiceFactory, WijkFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Wednesday.
TODAY = date(2026, 3, 4)
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=AMSTERDAM)


def at(day: int, month: int = 3, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=AMSTERDAM)


@time_machine.travel(NOW, tick=False)
class TriageTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.money = LifeDomain.objects.order_by("pk").first()
        cls.service = ServiceFactory(organisation=cls.debt_team, name="Budgetcafé", self_referral=True)

    def setUp(self):
        # Arrived on Monday: two working days ago, contact is due by Thursday.
        self.question = QuestionFactory(
            wijk=self.wijk,
            name="Sam Smit",
            text="Ik kan mijn huur deze maand niet betalen.",
            phone="0612345678",
            email="sam@example.org",
            created_at=at(2),
        )
        self.question.domains.add(self.money)

    def url(self, question=None):
        return f"/wijkteam/vragen/{(question or self.question).pk}/"

    def post(self, action, question=None, **data):
        question = question or self.question
        question.refresh_from_db()
        payload = {"action": action}
        if action != "attempt":
            payload[f"{action}-version"] = question.version
        payload |= {f"{action}-{key}": value for key, value in data.items()}
        return self.client.post(self.url(question), payload, follow=True)

    def claim(self, user=None, question=None):
        access = policy.team_question(user or self.bob, (question or self.question).pk)
        return triage.question_claim(access=access)

    def attempt(self, reached=False, user=None, question=None):
        access = policy.team_question(user or self.bob, (question or self.question).pk)
        return triage.question_attempt(access=access, channel=QuestionEvent.Channel.PHONE, reached=reached)

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()

    def fresh(self, question=None):
        return Question.objects.get(pk=(question or self.question).pk)


class QueueTests(TriageTestCase):
    def test_it_lists_open_questions_oldest_first_with_time_since_arrival(self):
        older = QuestionFactory(wijk=self.wijk, name="Noor Nijssen", created_at=at(26, 2))
        self.login(self.bob)
        response = self.client.get("/wijkteam/vragen/")
        self.assertContains(response, "Vragen voor het wijkteam")
        page = response.content.decode()
        self.assertLess(page.index("Noor Nijssen"), page.index("Sam Smit"))
        self.assertContains(response, "2 werkdagen")  # Monday to Wednesday
        self.assertContains(response, "4 werkdagen")  # last Thursday
        self.assertContains(response, self.money.label)
        self.assertContains(response, f'href="/wijkteam/vragen/{older.pk}/"')
        # The question itself is only on its own page.
        self.assertNotContains(response, "huur deze maand")

    def test_it_marks_questions_without_first_contact_in_time_as_overdue(self):
        QuestionFactory(wijk=self.wijk, name="Late Laan", created_at=at(25, 2))
        QuestionFactory(wijk=self.wijk, name="Reached Roos", created_at=at(25, 2), first_contact_at=at(26, 2))
        self.login(self.bob)
        response = self.client.get("/wijkteam/vragen/")
        self.assertContains(response, "1 vraag wacht al langer dan 3 werkdagen op een eerste contact.")
        self.assertContains(response, "inbox-table__overdue", count=1)
        self.assertContains(response, "contact gehad")

    def test_it_filters_mine_and_not_taken_on(self):
        mine = QuestionFactory(wijk=self.wijk, name="Mijn Vraag")
        self.claim(question=mine)
        theirs = QuestionFactory(wijk=self.wijk, name="Charlies Vraag")
        self.claim(self.charlie, question=theirs)
        self.login(self.bob)
        everything = self.client.get("/wijkteam/vragen/")
        for name in ("Sam Smit", "Mijn Vraag", "Charlies Vraag"):
            self.assertContains(everything, name)
        self.assertContains(everything, "Charlie Claassen")
        free = self.client.get("/wijkteam/vragen/?show=free")
        self.assertContains(free, "Sam Smit")
        self.assertNotContains(free, "Mijn Vraag")
        self.assertNotContains(free, "Charlies Vraag")
        only_mine = self.client.get("/wijkteam/vragen/?show=mine")
        self.assertContains(only_mine, "Mijn Vraag")
        self.assertNotContains(only_mine, "Sam Smit")
        self.assertNotContains(only_mine, "Charlies Vraag")

    def test_questions_of_other_wijken_are_not_in_the_queue(self):
        QuestionFactory(wijk=WijkFactory(name="Helmstad-Oost", code="oost"), name="Oost Vrager")
        self.login(self.bob)
        response = self.client.get("/wijkteam/vragen/")
        self.assertContains(response, "Sam Smit")
        self.assertNotContains(response, "Oost Vrager")

    def test_closed_questions_move_to_the_closed_list_with_their_outcome(self):
        self.claim()
        access = policy.team_question(self.bob, self.question.pk)
        triage.question_close(
            access=access, version=self.fresh().version, outcome=Question.Outcome.ADVICE, note="Bel de verhuurder."
        )
        self.login(self.bob)
        response = self.client.get("/wijkteam/vragen/")
        self.assertContains(response, "Open (0)")
        self.assertContains(response, "Afgesloten in de laatste 30 dagen (1)")
        self.assertContains(response, "Beantwoord met advies")

    def test_only_the_wijk_team_sees_the_queue(self):
        self.assert_not_found_for([self.dave, self.wendy, self.ann, self.alice, self.pam], "/wijkteam/vragen/")
        self.client.logout()
        response = self.client.get("/wijkteam/vragen/")
        self.assertEqual(response.status_code, 302)

    def test_the_list_is_audited_with_every_question_shown(self):
        other = QuestionFactory(wijk=self.wijk)
        self.login(self.charlie)
        self.client.get("/wijkteam/vragen/")
        entry = self.last_entry()
        self.assertEqual(entry.actor_id, self.charlie.pk)
        self.assertEqual(entry.records, f",question:{self.question.pk},question:{other.pk},")
        self.assertIsNone(entry.plan_id)

    def test_the_query_count_does_not_grow_with_the_queue(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/wijkteam/vragen/").status_code, 200)
            return len(queries)

        self.login(self.bob)
        self.client.get("/wijkteam/vragen/")  # warm up the session and caches
        small = count()
        for n in range(12):
            question = QuestionFactory(wijk=self.wijk, name=f"Vrager {n}")
            question.domains.add(self.money)
            if n % 3 == 0:
                self.claim(self.charlie if n % 2 else self.bob, question=question)
                self.attempt(user=self.charlie if n % 2 else self.bob, question=question)
            if n % 4 == 0 and n % 3 == 0:
                access = policy.team_question(self.charlie if n % 2 else self.bob, question.pk)
                triage.question_close(
                    access=access, version=self.fresh(question).version, outcome=Question.Outcome.BUDDY
                )
        self.assertEqual(count(), small)


class QuestionPageTests(TriageTestCase):
    def test_it_shows_the_question_how_to_reach_them_and_what_happened(self):
        self.claim()
        self.attempt(reached=False)
        self.login(self.charlie)
        response = self.client.get(self.url())
        self.assertContains(response, "Ik kan mijn huur deze maand niet betalen.")
        self.assertContains(response, "Sam Smit")
        self.assertContains(response, "0612345678")
        self.assertContains(response, "sam@example.org")
        self.assertContains(response, "Bel mij")
        self.assertContains(response, self.money.label)
        self.assertContains(response, "Opgepakt door Bob Bakker")
        self.assertContains(response, "Contactpoging: telefoon, geen contact · Bob Bakker")
        self.assertContains(response, "Neem uiterlijk donderdag 5 maart 2026 voor het eerst contact op.")
        # Not the owner: nothing to do here but read.
        self.assertNotContains(response, 'value="attempt"')
        self.assertNotContains(response, "Start een plan")

    def test_it_says_when_the_first_contact_is_overdue(self):
        late = QuestionFactory(wijk=self.wijk, created_at=at(25, 2))
        self.login(self.bob)
        response = self.client.get(self.url(late))
        self.assertContains(response, "Te laat: het eerste contact had uiterlijk maandag 2 maart 2026 moeten zijn.")

    def test_reading_it_is_audited(self):
        self.login(self.bob)
        self.client.get(self.url())
        entry = self.last_entry()
        self.assertEqual((entry.actor_id, entry.action), (self.bob.pk, AuditEntry.Action.VIEW))
        self.assertEqual(entry.records, f",question:{self.question.pk},")

    def test_strangers_get_404_and_the_attempt_is_logged(self):
        self.assert_not_found_for([self.dave, self.wendy, self.ann, self.alice, self.pam], self.url())
        self.assert_not_found_for([self.dave, self.wendy], self.url(), method="post", data={"action": "claim"})
        denied = AuditEntry.objects.filter(outcome=AuditEntry.Outcome.DENIED, actor_id=self.dave.pk).first()
        self.assertEqual(denied.records, f",question:{self.question.pk},")
        self.assertEqual(self.fresh().owner, None)

    def test_a_missing_question_is_a_404_too(self):
        self.login(self.bob)
        self.assertEqual(self.client.get("/wijkteam/vragen/999999/").status_code, 404)

    def test_an_unknown_action_is_a_bad_request(self):
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url(), {"action": "delete"}).status_code, 400)


class ClaimTests(TriageTestCase):
    def test_a_team_member_takes_it_on(self):
        self.login(self.bob)
        response = self.post("claim")
        self.assertContains(response, "Je hebt deze vraag opgepakt.")
        question = self.fresh()
        self.assertEqual((question.owner, question.status), (self.bob, Question.Status.CLAIMED))
        self.assertEqual(question.claimed_at, NOW)
        self.assertEqual(question.version, 2)
        event = question.events.get()
        self.assertEqual((event.kind, event.by), (QuestionEvent.Kind.CLAIMED, self.bob))
        entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
        self.assertEqual((entry.actor_id, entry.records), (self.bob.pk, f",question:{self.question.pk},"))

    def test_of_two_claiming_at_once_one_wins_and_the_other_is_told(self):
        # Both opened the question while nobody had it.
        bobs = policy.team_question(self.bob, self.question.pk)
        charlies = policy.team_question(self.charlie, self.question.pk)
        triage.question_claim(access=bobs)
        with self.assertRaises(triage.QuestionTaken) as taken:
            triage.question_claim(access=charlies)
        self.assertEqual(taken.exception.owner_name, "Bob Bakker")
        self.assertEqual(self.fresh().owner, self.bob)
        self.assertEqual(QuestionEvent.objects.filter(kind=QuestionEvent.Kind.CLAIMED).count(), 1)

    def test_the_second_is_told_on_the_page_who_took_it(self):
        stale = policy.team_question(self.charlie, self.question.pk)
        self.claim(self.bob)
        self.login(self.charlie)
        with mock.patch("samenplan.hubs.views.team.team_question", return_value=stale):
            response = self.client.post(self.url(), {"action": "claim", "claim-version": "1"})
        self.assertContains(response, "Iemand anders heeft deze vraag net opgepakt: Bob Bakker.")
        self.assertEqual(self.fresh().owner, self.bob)

    def test_claiming_a_question_a_colleague_has_is_refused(self):
        self.claim(self.bob)
        self.login(self.charlie)
        response = self.post("claim")
        self.assertContains(response, "Een collega heeft deze vraag intussen opgepakt (Bob Bakker).")
        self.assertEqual(self.fresh().owner, self.bob)


class OwnerActionTests(TriageTestCase):
    def test_only_the_owner_records_attempts_closes_or_gives_it_back(self):
        self.claim(self.bob)
        before = self.fresh().version
        self.login(self.charlie)
        for action, data in (
            ("attempt", {"channel": "phone", "reached": "yes"}),
            ("close", {"outcome": "buddy"}),
            ("release", {}),
        ):
            response = self.post(action, **data)
            self.assertContains(response, "Een collega heeft deze vraag intussen opgepakt (Bob Bakker).")
        question = self.fresh()
        self.assertEqual((question.owner, question.version, question.closed_at), (self.bob, before, None))
        self.assertFalse(question.events.filter(kind=QuestionEvent.Kind.ATTEMPT).exists())

    def test_nobody_acts_on_a_question_nobody_took_on(self):
        self.login(self.bob)
        response = self.post("attempt", channel="phone", reached="yes")
        self.assertContains(response, "Pak de vraag eerst op. Er is niets opgeslagen.")
        self.assertFalse(QuestionEvent.objects.exists())

    def test_the_first_reached_attempt_is_the_first_contact(self):
        self.claim()
        self.login(self.bob)
        response = self.post("attempt", channel="phone", reached="no", note="Voicemail ingesproken.")
        self.assertContains(response, "De contactpoging is vastgelegd.")
        self.assertIsNone(self.fresh().first_contact_at)
        # Hours later: a staff session ends after 15 idle minutes, so bob logs in again.
        with time_machine.travel(NOW + timedelta(hours=2), tick=False):
            self.login(self.bob)
            self.post("attempt", channel="email", reached="yes")
        self.assertEqual(self.fresh().first_contact_at, NOW + timedelta(hours=2))
        with time_machine.travel(NOW + timedelta(hours=5), tick=False):
            self.login(self.bob)
            response = self.post("attempt", channel="visit", reached="yes")
        self.assertEqual(self.fresh().first_contact_at, NOW + timedelta(hours=2))
        attempts = list(self.question.events.filter(kind=QuestionEvent.Kind.ATTEMPT).values_list("channel", "reached"))
        self.assertEqual(attempts, [("phone", False), ("email", True), ("visit", True)])
        self.assertContains(response, "Voicemail ingesproken.")
        self.assertContains(response, "Contactpoging: e-mail, contact gehad · Bob Bakker")

    def test_an_attempt_without_answers_gets_dutch_errors(self):
        self.claim()
        self.login(self.bob)
        response = self.post("attempt", note="Geprobeerd.")
        self.assertContains(response, "Kies hoe je contact probeerde te krijgen.")
        self.assertContains(response, "Kies of je contact hebt gehad.")
        self.assertContains(response, "Geprobeerd.</textarea>")
        self.assertFalse(self.question.events.filter(kind=QuestionEvent.Kind.ATTEMPT).exists())

    def test_giving_it_back_keeps_what_was_recorded(self):
        self.claim()
        self.attempt(reached=True)
        self.login(self.bob)
        response = self.post("release")
        self.assertContains(response, "De vraag ligt weer bij het team.")
        question = self.fresh()
        self.assertEqual((question.owner, question.status), (None, Question.Status.NEW))
        self.assertIsNotNone(question.first_contact_at)
        kinds = list(question.events.values_list("kind", flat=True))
        self.assertEqual(kinds, ["claimed", "attempt", "released"])
        self.login(self.charlie)
        self.assertContains(self.post("claim"), "Je hebt deze vraag opgepakt.")


class CloseTests(TriageTestCase):
    def setUp(self):
        super().setUp()
        self.claim()
        self.login(self.bob)

    def test_closing_with_advice_needs_the_advice_and_keeps_the_input(self):
        response = self.post("close", outcome="advice", note="   ")
        self.assertContains(response, "Schrijf op welk advies je gaf.")
        self.assertContains(response, 'value="advice" required id="id_close-outcome_0" checked')
        self.assertIsNone(self.fresh().closed_at)
        response = self.post("close", outcome="advice", note="Bel de verhuurder voor een regeling.")
        self.assertContains(response, "De vraag is afgesloten: Beantwoord met advies.")
        question = self.fresh()
        self.assertEqual((question.status, question.outcome), (Question.Status.CLOSED, Question.Outcome.ADVICE))
        self.assertEqual(question.outcome_note, "Bel de verhuurder voor een regeling.")
        self.assertEqual(question.closed_at, NOW)
        # Advice means they talked: the insights count it as the first contact.
        self.assertEqual(question.first_contact_at, NOW)
        event = question.events.get(kind=QuestionEvent.Kind.CLOSED)
        self.assertEqual(event.by, self.bob)

    def test_a_referral_needs_a_service_from_the_social_map(self):
        response = self.post("close", outcome="referred", note="Gaat zelf bellen.")
        self.assertContains(response, "Kies de dienst waarnaar je hebt doorverwezen.")
        self.assertContains(response, "Gaat zelf bellen.</textarea>")
        response = self.post("close", outcome="referred", service="999999")
        self.assertContains(response, "Kies een dienst uit de lijst.")
        self.assertIsNone(self.fresh().closed_at)
        self.assertContains(response, "Budgetcafé (Schuldhulp)")
        response = self.post("close", outcome="referred", service=self.service.pk)
        self.assertContains(response, "Doorverwezen naar")
        question = self.fresh()
        self.assertEqual((question.outcome, question.service), (Question.Outcome.REFERRED, self.service))

    def test_a_service_of_another_wijk_cannot_be_chosen(self):
        elsewhere = ServiceFactory(organisation=self.debt_team, name="Oost Loket")
        elsewhere.wijken.add(WijkFactory(name="Helmstad-Oost", code="oost"))
        response = self.post("close", outcome="referred", service=elsewhere.pk)
        self.assertContains(response, "Kies een dienst uit de lijst.")
        self.assertNotContains(response, "Oost Loket")

    def test_no_contact_needs_two_attempts(self):
        self.attempt()
        response = self.post("close", outcome="no_contact")
        self.assertContains(response, "“Geen contact” kan pas na minstens 2 contactpogingen. Tot nu toe vastgelegd: 1.")
        self.assertIsNone(self.fresh().closed_at)
        self.attempt()
        response = self.post("close", outcome="no_contact")
        self.assertContains(response, "De vraag is afgesloten: Geen contact na meerdere pogingen.")
        question = self.fresh()
        self.assertEqual(question.outcome, Question.Outcome.NO_CONTACT)
        self.assertIsNone(question.first_contact_at)

    def test_the_service_refuses_no_contact_without_attempts_too(self):
        access = policy.team_question(self.bob, self.question.pk)
        with self.assertRaises(triage.QuestionCloseRefused):
            triage.question_close(access=access, version=self.fresh().version, outcome=Question.Outcome.NO_CONTACT)
        self.assertIsNone(self.fresh().closed_at)

    def test_plan_started_is_not_a_choice_here(self):
        response = self.post("close", outcome="plan")
        self.assertContains(response, "Selecteer een geldige keuze")
        self.assertIsNone(self.fresh().closed_at)

    def test_a_stale_page_is_told_and_nothing_typed_is_lost(self):
        shown = self.fresh().version
        self.attempt()  # in another window: the version moved on
        response = self.client.post(
            self.url(),
            {"action": "close", "close-version": shown, "close-outcome": "buddy", "close-note": "Maatje gevraagd."},
        )
        self.assertContains(response, "Deze vraag is intussen veranderd, misschien in een ander venster.")
        self.assertContains(response, "Maatje gevraagd.</textarea>")
        self.assertContains(response, f'name="close-version" value="{self.fresh().version}"')
        self.assertIsNone(self.fresh().closed_at)

    def test_a_closed_question_offers_nothing_more(self):
        self.post("close", outcome="buddy", note="Via het buddynetwerk.")
        response = self.client.get(self.url())
        self.assertContains(response, "Buddy aangevraagd")
        self.assertContains(response, "Via het buddynetwerk.")
        self.assertNotContains(response, 'name="action"')
        response = self.post("attempt", channel="phone", reached="yes")
        self.assertContains(response, "Deze vraag is intussen afgesloten. Er is niets opgeslagen.")
        self.assertFalse(self.question.events.filter(kind=QuestionEvent.Kind.ATTEMPT).exists())

    def test_closing_is_audited_as_a_change_of_the_question(self):
        self.post("close", outcome="buddy")
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.records), (self.bob.pk, f",question:{self.question.pk},"))

    def test_the_owner_sees_start_a_plan(self):
        response = self.client.get(self.url())
        self.assertContains(response, f'href="/intake/?question={self.question.pk}"')
