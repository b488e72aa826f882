"""A question that needs more than light help: its owner starts a plan from it. The intake
opens filled in, the question becomes the first draft of the story, and starting the plan
closes the question with that outcome, pointing to the plan."""

from unittest import mock

from samenplan.audit.models import AuditEntry
from samenplan.hubs.models import Question, QuestionEvent
from samenplan.hubs.services import triage
from samenplan.plans.models import Plan
from samenplan.sharing import policy
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import QuestionFactory


class PlanStartedTestCase(BaseTestCase):
    def setUp(self):
        self.question = QuestionFactory(
            wijk=self.wijk,
            name="Jan van der Berg",
            email="jan@example.org",
            phone="0611122233",
            text="Ik heb schulden en slaap slecht.\nWie kan mij helpen?",
        )
        triage.question_claim(access=policy.team_question(self.bob, self.question.pk))
        self.url = f"/intake/?question={self.question.pk}"

    def data(self, **overrides):
        data = {
            "question": self.question.pk,
            "first_name": "Jan",
            "last_name": "van der Berg",
            "email": "jan@example.org",
            "phone": "0611122233",
            "wijk": self.wijk.pk,
            "story": "Ik heb schulden en slaap slecht.\nWie kan mij helpen?",
            "consent": "on",
        }
        for part in Part:
            data[f"part_{part.value}"] = str(Level.CONTRIBUTE)
        return data | overrides

    def fresh(self):
        return Question.objects.get(pk=self.question.pk)


class PrefilledIntakeTests(PlanStartedTestCase):
    def test_the_intake_opens_filled_in_from_the_question(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, f"Ingevuld vanuit vraag {self.question.reference}.")
        form = response.context["form"]
        self.assertEqual(form["first_name"].value(), "Jan")
        self.assertEqual(form["last_name"].value(), "van der Berg")
        self.assertEqual(form["email"].value(), "jan@example.org")
        self.assertEqual(form["phone"].value(), "0611122233")
        self.assertEqual(form["wijk"].value(), self.wijk.pk)
        self.assertContains(response, f'<input type="hidden" name="question" value="{self.question.pk}"', html=False)
        self.assertContains(response, "Ik heb schulden en slaap slecht.\nWie kan mij helpen?</textarea>")
        self.assertContains(response, f'href="/wijkteam/vragen/{self.question.pk}/"')

    def test_a_single_name_becomes_the_first_name(self):
        Question.objects.filter(pk=self.question.pk).update(name="Fatima")
        self.login(self.bob)
        form = self.client.get(self.url).context["form"]
        self.assertEqual((form["first_name"].value(), form["last_name"].value()), ("Fatima", ""))

    def test_reading_the_question_for_the_intake_is_audited(self):
        self.login(self.bob)
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.records), (self.bob.pk, f",question:{self.question.pk},"))

    def test_only_the_owner_of_an_open_question_starts_a_plan_from_it(self):
        # charlie is in the same team but did not take it on; the others are no wijk team.
        self.assert_not_found_for([self.charlie, self.dave, self.wendy, self.ann, self.alice], self.url)
        unclaimed = QuestionFactory(wijk=self.wijk)
        self.assert_not_found_for([self.bob], f"/intake/?question={unclaimed.pk}")
        self.assert_not_found_for([self.bob], "/intake/?question=not-a-number")
        access = policy.team_question(self.bob, self.question.pk)
        triage.question_close(access=access, version=self.fresh().version, outcome=Question.Outcome.BUDDY)
        self.assert_not_found_for([self.bob], self.url)

    def test_the_question_page_links_its_owner_to_the_intake(self):
        self.login(self.bob)
        response = self.client.get(f"/wijkteam/vragen/{self.question.pk}/")
        self.assertContains(response, f'href="/intake/?question={self.question.pk}"')
        self.login(self.charlie)
        response = self.client.get(f"/wijkteam/vragen/{self.question.pk}/")
        self.assertNotContains(response, "/intake/?question=")

    def test_a_plain_intake_shows_no_question(self):
        self.login(self.bob)
        response = self.client.get("/intake/")
        self.assertNotContains(response, "Ingevuld vanuit vraag")
        self.assertIsNone(response.context["question"])


class StartTests(PlanStartedTestCase):
    def test_starting_the_plan_closes_the_question_and_links_it(self):
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, self.data())
        plan = Plan.objects.get(owner__email="jan@example.org")
        self.assertRedirects(response, f"/plans/{plan.pk}/", fetch_redirect_response=False)
        question = self.fresh()
        self.assertEqual((question.status, question.outcome), (Question.Status.CLOSED, Question.Outcome.PLAN))
        self.assertEqual(question.plan, plan)
        self.assertIsNotNone(question.closed_at)
        self.assertEqual(question.first_contact_at, question.closed_at)
        event = question.events.get(kind=QuestionEvent.Kind.CLOSED)
        self.assertEqual(event.by, self.bob)
        # The question is the first draft of the story, for the resident to confirm.
        story = plan.story_versions.get()
        self.assertEqual(story.text, "Ik heb schulden en slaap slecht.\nWie kan mij helpen?")
        self.assertIsNone(story.confirmed_at)
        self.assertEqual(story.written_by, self.bob)

    def test_the_question_page_then_shows_the_outcome_and_the_plan(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        plan = Plan.objects.get(owner__email="jan@example.org")
        response = self.client.get(f"/wijkteam/vragen/{self.question.pk}/")
        self.assertContains(response, "Plan gestart")
        self.assertContains(response, f'href="/plans/{plan.pk}/"')
        self.assertNotContains(response, 'name="action"')
        self.login(self.charlie)
        response = self.client.get(f"/wijkteam/vragen/{self.question.pk}/")
        self.assertContains(response, "Plan gestart")
        self.assertNotContains(response, f'href="/plans/{plan.pk}/"')

    def test_one_audit_entry_names_the_new_plan_and_the_question(self):
        self.login(self.bob)
        self.client.post(self.url, self.data())
        plan = Plan.objects.get(owner__email="jan@example.org")
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.action), (self.bob.pk, AuditEntry.Action.CREATE))
        self.assertEqual(entry.plan_id, plan.pk)
        self.assertEqual(entry.records, f",question:{self.question.pk},")

    def test_invalid_input_keeps_the_question(self):
        self.login(self.bob)
        response = self.client.post(self.url, self.data(consent=""))
        self.assertContains(response, "Vraag het eerst aan de inwoner")
        self.assertContains(response, f"Ingevuld vanuit vraag {self.question.reference}.")
        self.assertContains(response, f'name="question" value="{self.question.pk}"')
        self.assertFalse(Plan.objects.filter(owner__email="jan@example.org").exists())
        self.assertIsNone(self.fresh().closed_at)

    def test_a_question_closed_meanwhile_starts_nothing_and_keeps_the_input(self):
        self.login(self.bob)
        self.client.get(self.url)
        access = policy.team_question(self.bob, self.question.pk)
        triage.question_close(access=access, version=self.fresh().version, outcome=Question.Outcome.BUDDY)
        response = self.client.post(self.url, self.data(story="Mijn eigen woorden."))
        self.assertContains(response, "De vraag is intussen afgesloten, teruggegeven of door iemand anders opgepakt.")
        self.assertContains(response, "Mijn eigen woorden.</textarea>")
        self.assertFalse(Plan.objects.filter(owner__email="jan@example.org").exists())
        self.assertEqual(self.fresh().outcome, Question.Outcome.BUDDY)

    def test_the_plan_and_the_outcome_go_together_or_not_at_all(self):
        # The question's owner changes between the check and the update: nothing is kept.
        self.login(self.bob)
        original = triage.question_plan_started

        def lose_it_first(*, access, plan):
            Question.objects.filter(pk=self.question.pk).update(owner=self.charlie)
            return original(access=access, plan=plan)

        with mock.patch("samenplan.plans.views.plan.question_plan_started", lose_it_first):
            response = self.client.post(self.url, self.data())
        self.assertContains(response, "Daarom is het plan niet gestart.")
        self.assertFalse(Plan.objects.filter(owner__email="jan@example.org").exists())
        self.assertIsNone(self.fresh().closed_at)

    def test_a_stranger_cannot_post_a_question_into_an_intake(self):
        other_team = QuestionFactory()  # another wijk, another team
        self.login(self.bob)
        response = self.client.post("/intake/", self.data(question=other_team.pk))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Plan.objects.filter(owner__email="jan@example.org").exists())
