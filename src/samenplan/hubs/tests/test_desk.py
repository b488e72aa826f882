"""The walk-in desk: a wijk team member registers a question with the resident present."""

from samenplan.audit.models import AuditEntry
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.measuring.models import LifeDomain
from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import WijkFactory


class DeskTests(BaseTestCase):
    url = "/wijkteam/vragen/nieuw/"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.money = LifeDomain.objects.get(code="financien")

    def data(self, **changes):
        data = {
            "domains": [self.money.pk],
            "text": "Mevrouw heeft een brief van de deurwaarder.",
            "channel": "visit",
            "address": "Dorpsstraat 8, Helmstad",
            "phone": "",
            "email": "",
            "name": "Fatima",
            "consent": "on",
        }
        data.update(changes)
        return data

    def test_bob_registers_a_question_for_west(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Vraag registreren aan de balie</h1>", html=True)
        self.assertContains(response, "De inwoner vindt het goed dat het wijkteam")
        self.assertNotContains(response, 'name="website"')  # no honeypot for the team
        # One wijk in his team: nothing to choose.
        self.assertNotContains(response, 'name="wijk"')

        response = self.client.post(self.url, self.data())
        question = Question.objects.get()
        self.assertRedirects(response, f"/wijkteam/vragen/{question.pk}/", fetch_redirect_response=False)
        self.assertEqual(question.wijk, self.wijk)
        self.assertEqual(question.source, Question.Source.DESK)
        self.assertEqual(question.registered_by, self.bob)
        self.assertEqual(question.channel, Question.Channel.VISIT)
        self.assertEqual(question.address, "Dorpsstraat 8, Helmstad")
        self.assertEqual(list(question.domains.all()), [self.money])
        event = question.events.get()
        self.assertEqual((event.kind, event.by), (QuestionEvent.Kind.CREATED, self.bob))
        # The team member sees the code to give to the resident on the next page.
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertEqual(len(messages), 1)
        self.assertIn(question.reference, messages[0])

    def test_the_desk_question_is_audited(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        question = Question.objects.get()
        entry = AuditEntry.objects.get(records=f",question:{question.pk},")
        self.assertEqual(entry.action, AuditEntry.Action.CREATE)
        self.assertEqual(entry.actor_id, self.bob.pk)

    def test_the_rest_of_the_team_is_told_not_the_one_at_the_desk(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        told = Notification.objects.filter(kind=Notification.Kind.QUESTION_NEW)
        self.assertEqual([n.user for n in told], [self.charlie])

    def test_missing_fields_get_dutch_errors_and_the_input_is_kept(self):
        self.login(self.bob)
        response = self.client.post(self.url, self.data(text="", consent="", address=""))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertContains(response, "Schrijf de vraag op.")
        self.assertContains(response, "Vraag het eerst aan de inwoner.")
        self.assertContains(response, "Vul het adres in, of kies een andere manier om de inwoner te bereiken.")
        self.assertContains(response, 'value="Fatima"')

    def test_a_team_with_several_wijken_chooses_one_of_its_own(self):
        oost = WijkFactory(name="Helmstad-Oost", code="oost")
        elsewhere = WijkFactory(name="Helmstad-Noord", code="noord")
        self.social_team.wijken.add(oost)
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "In welke wijk woont de inwoner?")
        self.assertContains(response, "Helmstad-Oost")
        self.assertNotContains(response, "Helmstad-Noord")
        response = self.client.post(self.url, self.data(wijk=elsewhere.pk))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kies een van de wijken uit de lijst.")
        self.assertFalse(Question.objects.exists())
        self.client.post(self.url, self.data(wijk=oost.pk))
        self.assertEqual(Question.objects.get().wijk, oost)

    def test_people_outside_a_wijk_team_get_404(self):
        # dave: another organisation; wendy: a signal partner; alice, ann, pam: no team at all.
        others = [self.dave, self.wendy, self.alice, self.ann, self.pam]
        self.assert_not_found_for(others, self.url)
        self.assert_not_found_for(others, self.url, method="post", data=self.data())
        self.assertFalse(Question.objects.exists())

    def test_someone_not_logged_in_is_sent_to_log_in(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
