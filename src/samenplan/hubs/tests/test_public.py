"""A question without an account: the hubs list, a hub's page with its form, the receipt."""

from datetime import time

from django.test import override_settings

from samenplan.accounts.models import Organisation
from samenplan.audit.models import AuditEntry
from samenplan.directory.models import Schedule
from samenplan.hubs.models import Hub, Question, QuestionEvent
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import LocationFactory, OrganisationFactory, WijkFactory


class PublicTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.social_team.phone = "040 200 30 40"
        cls.social_team.email = "west@sociaalteam.example"
        cls.social_team.save()
        place = LocationFactory(
            organisation=cls.social_team, name="Buurthuis De Westwijzer", address_1="Dorpsstraat 8", wijk=cls.wijk
        )
        Schedule.objects.create(location=place, weekday=1, opens_at=time(9), closes_at=time(12))
        Schedule.objects.create(location=place, weekday=3, opens_at=time(13), closes_at=time(16, 30))
        cls.hub = Hub.objects.create(
            wijk=cls.wijk, name="Westwijzer", introduction="Het wijkpunt van West.", location=place
        )
        cls.money = LifeDomain.objects.get(code="financien")
        cls.work = LifeDomain.objects.get(code="werk-opleiding")

    url = "/wijkpunten/west/"

    def data(self, **changes):
        data = {
            "domains": [self.money.pk, self.work.pk],
            "text": "Ik kan mijn huur niet meer betalen.",
            "channel": "phone",
            "phone": "06 12345678",
            "email": "",
            "address": "",
            "name": "Sam Smit",
            "consent": "on",
            "website": "",
        }
        data.update(changes)
        return data


class HubPageTests(PublicTestCase):
    def test_it_lists_every_wijk_with_its_hub(self):
        WijkFactory(name="Helmstad-Oost", code="oost")
        with self.assertNumQueries(1):
            response = self.client.get("/wijkpunten/")
        self.assertContains(response, 'href="/wijkpunten/west/"')
        self.assertContains(response, "Westwijzer")
        self.assertContains(response, "Buurthuis De Westwijzer, Dorpsstraat 8")
        # A wijk without a hub of its own still has one, named after the wijk.
        self.assertContains(response, 'href="/wijkpunten/oost/"')
        self.assertContains(response, "Wijkpunt Helmstad-Oost")

    def test_it_shows_where_and_when_the_hub_is_open(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Westwijzer</h1>", html=True)
        self.assertContains(response, "Het wijkpunt van West.")
        self.assertContains(response, "Buurthuis De Westwijzer")
        self.assertContains(response, "Dorpsstraat 8")
        self.assertContains(response, "maandag")
        self.assertContains(response, "09:00 tot 12:00")
        self.assertContains(response, "13:00 tot 16:30")
        # And how to reach the wijk team without the form.
        self.assertContains(response, 'href="tel:0402003040"')
        self.assertContains(response, "west@sociaalteam.example")

    def test_the_form_asks_in_plain_words(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Waar gaat het over?")
        self.assertContains(response, self.money.resident_name)
        self.assertContains(response, self.money.description)
        self.assertContains(response, "Hoe kunnen we je bereiken?")
        self.assertContains(response, "Bel mij")
        self.assertContains(response, "Binnen 3 werkdagen neemt iemand van het wijkteam contact met je op.")
        # The consent sentence is one checkbox with a label.
        self.assertContains(response, 'name="consent"')
        self.assertContains(response, "Ik vind het goed dat het wijkteam")

    def test_the_honeypot_is_hidden_from_people(self):
        response = self.client.get(self.url)
        self.assertContains(response, '<div class="visually-hidden" aria-hidden="true">')
        self.assertContains(response, 'name="website"')
        self.assertContains(response, 'tabindex="-1"')
        self.assertContains(response, "Laat dit veld leeg")

    def test_a_wijk_without_a_hub_row_has_a_page_with_the_wijk_teams_contact(self):
        oost = WijkFactory(name="Helmstad-Oost", code="oost")
        OrganisationFactory(
            name="Sociaal Team Oost", starts_plans=True, phone="040 999 88 77", kind=Organisation.Kind.SOCIAL_TEAM
        ).wijken.add(oost)
        # An organisation that does not start plans is not the wijk team.
        OrganisationFactory(name="Schuldhulp Oost", phone="040 111 11 11").wijken.add(oost)
        response = self.client.get("/wijkpunten/oost/")
        self.assertContains(response, "<h1>Wijkpunt Helmstad-Oost</h1>", html=True)
        self.assertContains(response, "Sociaal Team Oost")
        self.assertContains(response, "040 999 88 77")
        self.assertNotContains(response, "Schuldhulp Oost")
        self.assertContains(response, "geen vaste openingstijden")
        self.client.post("/wijkpunten/oost/", self.data())
        self.assertEqual(Question.objects.get().wijk, oost)

    def test_an_unknown_wijk_is_404(self):
        self.assertEqual(self.client.get("/wijkpunten/nergens/").status_code, 404)
        self.assertEqual(self.client.post("/wijkpunten/nergens/", self.data()).status_code, 404)
        self.assertEqual(self.client.get("/wijkpunten/nergens/ontvangen/").status_code, 404)
        self.assertFalse(Question.objects.exists())

    def test_the_page_reads_a_constant_number_of_queries(self):
        with self.assertNumQueries(4):  # wijk with hub and place, opening hours, teams, domains
            self.client.get(self.url)


class SendTests(PublicTestCase):
    def test_sending_stores_the_question_in_the_wijk_with_its_domains(self):
        response = self.client.post(self.url, self.data())
        self.assertRedirects(response, "/wijkpunten/west/ontvangen/", fetch_redirect_response=False)
        question = Question.objects.get()
        self.assertEqual(question.wijk, self.wijk)
        self.assertEqual(question.source, Question.Source.ONLINE)
        self.assertEqual(set(question.domains.all()), {self.money, self.work})
        self.assertEqual(question.text, "Ik kan mijn huur niet meer betalen.")
        self.assertEqual(question.channel, Question.Channel.PHONE)
        self.assertEqual(question.phone, "06 12345678")
        self.assertEqual(question.name, "Sam Smit")
        self.assertIsNotNone(question.consent_at)
        self.assertIsNone(question.registered_by)
        self.assertEqual(question.status, Question.Status.NEW)
        self.assertEqual(list(question.events.values_list("kind", flat=True)), [QuestionEvent.Kind.CREATED])
        # The reference never travels in the URL.
        self.assertNotIn(question.reference, response["Location"])

    def test_the_receipt_shows_the_code_and_what_happens_next(self):
        self.client.post(self.url, self.data())
        question = Question.objects.get()
        response = self.client.get("/wijkpunten/west/ontvangen/")
        self.assertContains(response, f'<p class="letter-code">{question.reference}</p>', html=True)
        self.assertContains(response, "Bewaar deze code.")
        self.assertContains(response, "Binnen 3 werkdagen bellen we je.")
        self.assertContains(response, "112")
        self.assertContains(response, "040 200 30 40")
        self.assertNotIn(question.text, response.content.decode())
        # Reading it again still shows it (a refresh), but only on this wijk's receipt.
        self.assertContains(self.client.get("/wijkpunten/west/ontvangen/"), question.reference)
        oost = WijkFactory(name="Helmstad-Oost", code="oost")
        other = self.client.get(f"/wijkpunten/{oost.code}/ontvangen/")
        self.assertNotContains(other, question.reference)
        self.assertContains(other, "Nog niets verstuurd")

    def test_the_receipt_follows_the_chosen_way(self):
        self.client.post(self.url, self.data(channel="email", email="sam@example.org", phone=""))
        self.assertContains(self.client.get("/wijkpunten/west/ontvangen/"), "Binnen 3 werkdagen mailen we je.")
        self.client.post(self.url, self.data(channel="come_by", phone=""))
        self.assertContains(self.client.get("/wijkpunten/west/ontvangen/"), "Kom langs bij het wijkpunt")

    def test_a_receipt_without_a_question_sent_says_nothing_was_sent(self):
        response = self.client.get("/wijkpunten/west/ontvangen/")
        self.assertContains(response, "<h1>Nog niets verstuurd</h1>", html=True)
        self.assertContains(response, 'href="/wijkpunten/west/"')
        self.assertNotContains(response, "letter-code")

    def test_sending_is_audited_as_a_new_record(self):
        self.client.post(self.url, self.data())
        question = Question.objects.get()
        entry = AuditEntry.objects.get(records__contains=f",question:{question.pk},")
        self.assertEqual(entry.action, AuditEntry.Action.CREATE)
        self.assertEqual(entry.actor_role, "anonymous")
        self.assertIsNone(entry.plan_id)

    def test_the_wijk_team_is_told(self):
        self.client.post(self.url, self.data())
        question = Question.objects.get()
        told = Notification.objects.filter(kind=Notification.Kind.QUESTION_NEW)
        self.assertEqual({n.user for n in told}, {self.bob, self.charlie})
        self.assertEqual({n.url for n in told}, {f"/wijkteam/vragen/{question.pk}/"})


class BadInputTests(PublicTestCase):
    def test_missing_fields_get_dutch_errors_and_the_input_is_kept(self):
        response = self.client.post(
            self.url, self.data(text="", channel="", consent="", name="Sam Smit", domains=[self.money.pk])
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Schrijf je vraag op.")
        self.assertContains(response, "Kies hoe we je kunnen bereiken.")
        self.assertContains(response, "Zet een vinkje om je vraag te versturen.")
        # The error is tied to its field for screen readers.
        self.assertContains(response, 'aria-describedby="id_text_helptext id_text_error"')
        # What was typed or ticked is still there.
        self.assertContains(response, 'value="Sam Smit"')
        self.assertContains(response, 'value="06 12345678"')
        self.assertContains(response, f'value="{self.money.pk}" id="id_domains_0" checked')

    def test_the_chosen_way_needs_its_contact_detail(self):
        cases = [
            ({"channel": "phone", "phone": ""}, "Vul je telefoonnummer in"),
            ({"channel": "email", "email": ""}, "Vul je e-mailadres in"),
            ({"channel": "visit", "address": ""}, "Vul je adres in"),
            ({"channel": "phone", "phone": "bel me"}, "Dit is geen telefoonnummer"),
            ({"channel": "email", "email": "sam@"}, "Dit is geen e-mailadres"),
        ]
        for changes, message in cases:
            with self.subTest(**changes):
                response = self.client.post(self.url, self.data(**changes))
                self.assertContains(response, message)
        self.assertFalse(Question.objects.exists())
        # Coming by needs no contact detail at all.
        self.client.post(self.url, self.data(channel="come_by", phone=""))
        self.assertEqual(Question.objects.get().channel, Question.Channel.COME_BY)

    def test_a_filled_honeypot_looks_sent_but_stores_nothing(self):
        response = self.client.post(self.url, self.data(website="https://spam.example"))
        self.assertRedirects(response, "/wijkpunten/west/ontvangen/", fetch_redirect_response=False)
        self.assertFalse(Question.objects.exists())
        self.assertFalse(Notification.objects.filter(kind=Notification.Kind.QUESTION_NEW).exists())
        self.assertContains(self.client.get("/wijkpunten/west/ontvangen/"), "Nog niets verstuurd")

    @override_settings(SAMENPLAN_QUESTION_RATE="2/h")
    def test_too_many_questions_from_one_address_are_refused_with_when_to_try_again(self):
        for n in range(2):
            self.assertEqual(self.client.post(self.url, self.data(text=f"Vraag {n}")).status_code, 302)
        response = self.client.post(self.url, self.data(text="Mijn derde vraag", name="Sam Derde"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(Question.objects.count(), 2)
        self.assertContains(response, "Je vraag is nog niet verstuurd.", status_code=429)
        self.assertRegex(response.content.decode(), r"over \d+ minu(?:ut|ten) \(om \d\d:\d\d\)")
        self.assertContains(response, "Mijn derde vraag", status_code=429)
        self.assertContains(response, 'value="Sam Derde"', status_code=429)
        # Another address may still send.
        other = self.client.post(self.url, self.data(), REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 302)

    @override_settings(SAMENPLAN_QUESTION_RATE="2/h")
    def test_only_valid_questions_count_towards_the_limit(self):
        for _ in range(3):
            self.client.post(self.url, self.data(text=""))
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 302)

    def test_the_sixth_question_within_the_hour_is_refused_by_default(self):
        for n in range(5):
            self.assertEqual(self.client.post(self.url, self.data(text=f"Vraag {n}")).status_code, 302)
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 429)
        self.assertEqual(Question.objects.count(), 5)

    def test_the_error_summary_names_the_consent_in_one_word(self):
        response = self.client.post(self.url, self.data(consent=""))
        self.assertContains(response, '<a href="#id_consent">Toestemming: Zet een vinkje', html=False)
