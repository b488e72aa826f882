"""The resident's self-assessment, one question per page, kept as a draft until "Klaar"."""

from datetime import date

from django.core.exceptions import ValidationError

from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import Instrument, InstrumentItem, Measurement
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import EvaluationFactory


class StepsTestCase(BaseTestCase):
    def setUp(self):
        self.instrument = Instrument.objects.get(code="zelfredzaamheid")
        self.items = list(self.instrument.items.all())
        self.steps = f"/plans/{self.plan.pk}/assessment/zelfredzaamheid/steps/"
        self.start = f"/plans/{self.plan.pk}/assessment/zelfredzaamheid/new/"
        self.overview = f"/plans/{self.plan.pk}/assessment/"

    def answer(self, step, value=None, action="next", talk=False, url=None):
        item = self.items[step - 1]
        data = {"step": step, "action": action}
        if value is not None:
            data[f"item_{item.pk}"] = str(value)
        if talk:
            data[f"talk_{item.pk}"] = "on"
        return self.client.post(url or self.steps, data)

    def draft(self):
        return Measurement.objects.get(is_draft=True)

    def test_it_asks_one_question_per_page_with_a_picture_and_the_progress(self):
        self.login(self.alice)
        response = self.client.get(self.start)
        self.assertContains(response, "Stap 1 van 13")
        self.assertContains(response, "<legend", count=1)
        self.assertContains(response, "Hoe gaat het met je geldzaken?")
        # A picture made for the domain, decorative, served by the app.
        self.assertContains(
            response, '<img class="step-question__picture" src="/static/measuring/domains/financien.svg" alt=""'
        )
        self.assertContains(response, 'value="next">Volgende</button>')
        self.assertContains(response, 'value="later">Later verder</button>')
        # There is nothing before the first step.
        self.assertNotContains(response, "Vorige")
        response = self.client.get(f"{self.steps}?step=3")
        self.assertContains(response, "Stap 3 van 13")
        self.assertContains(response, 'value="back">Vorige</button>')

    def test_it_keeps_three_of_thirteen_answers_as_a_draft_not_as_the_latest_time(self):
        self.login(self.alice)
        self.assertRedirects(self.answer(1, 2, talk=True), f"{self.steps}?step=2", fetch_redirect_response=False)
        self.answer(2, 3)
        self.answer(3, 4)
        draft = self.draft()
        self.assertEqual((draft.perspective, draft.recorded_by, draft.step), ("resident", self.alice, 4))
        self.assertEqual(
            {a.item.code: (a.value, a.wants_to_talk) for a in draft.answers.all()},
            {"financien": (2, True), "werk-opleiding": (3, False), "tijdsbesteding": (4, False)},
        )
        response = self.client.get(self.overview)
        self.assertContains(response, "Je bent begonnen maar nog niet klaar: 3 van de 13 vragen beantwoord.")
        self.assertContains(response, "Verder gaan waar je was")
        # Not a result: no "laatste keer", no web, no table.
        self.assertNotContains(response, "laatste keer")
        self.assertNotContains(response, "<svg")
        response = self.client.get(f"/plans/{self.plan.pk}/")
        self.assertNotContains(response, "ingevuld door jou")

    def test_later_goes_back_to_the_plan_and_the_next_visit_goes_on_where_the_resident_stopped(self):
        self.login(self.alice)
        self.answer(1, 4)
        response = self.answer(2, 5, action="later")
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        response = self.client.get(response.url)
        self.assertContains(response, "Je antwoorden zijn bewaard. Je kunt later verder gaan waar je gebleven was.")
        self.assertContains(self.client.get(self.start), "Stap 3 van 13")
        self.assertContains(self.client.get(self.steps), "Stap 3 van 13")
        # "Later" without an answer comes back to the same question.
        self.answer(3, action="later")
        self.assertContains(self.client.get(self.start), "Stap 3 van 13")

    def test_previous_keeps_the_answer_and_shows_it_again(self):
        self.login(self.alice)
        self.answer(1, 2)
        response = self.answer(2, 5, action="back")
        self.assertRedirects(response, f"{self.steps}?step=1", fetch_redirect_response=False)
        self.assertRegex(
            self.client.get(f"{self.steps}?step=2").content.decode(),
            rf'name="item_{self.items[1].pk}" value="5"[^>]*checked',
        )
        # Going back over a question and leaving it open takes the answer away again.
        self.answer(2, None)
        self.assertEqual(self.draft().answers.count(), 1)

    def test_yes_no_questions_get_yes_and_no(self):
        justice = self.items.index(next(i for i in self.items if i.code == "justitie")) + 1
        self.login(self.alice)
        response = self.client.get(f"{self.steps}?step={justice}")
        self.assertContains(response, "Heb je te maken met politie, boetes of de rechter?")
        self.assertContains(response, 'type="radio"', count=2)
        self.assertContains(response, '<span class="option__label">Ja</span>')
        self.assertContains(response, '<span class="option__label">Nee</span>')
        self.assertNotContains(response, "Het gaat helemaal goed")
        # "No" stands for the top of the scale, so the chart keeps one number per domain.
        self.answer(justice, 5)
        self.assertEqual(self.draft().answers.get().value, 5)
        response = self.answer(justice, 4)
        self.assertContains(response, f'id="id_item_{self.items[justice - 1].pk}_error"')
        self.assertEqual(self.draft().answers.get().value, 5)

    def test_the_shipped_yes_no_questions_have_scores_on_the_scale_and_the_others_ask_how(self):
        yes_no = {i.code: (i.yes_value, i.no_value) for i in InstrumentItem.objects.filter(answer_kind="yes_no")}
        self.assertEqual(yes_no, {"middelengebruik": (2, 5), "sociaal-netwerk": (4, 2), "justitie": (3, 5)})
        for item in InstrumentItem.objects.exclude(answer_kind="yes_no"):
            self.assertTrue(item.question.startswith("Hoe"), item.question)

    def test_a_yes_no_question_needs_two_different_scores_on_the_scale(self):
        item = self.items[0]
        item.answer_kind = InstrumentItem.AnswerKind.YES_NO
        item.yes_value, item.no_value = 4, None
        with self.assertRaises(ValidationError) as raised:
            item.full_clean()
        self.assertIn("no_value", raised.exception.message_dict)
        item.no_value = 9
        with self.assertRaises(ValidationError):
            item.full_clean()
        item.no_value = 4
        with self.assertRaises(ValidationError):
            item.full_clean()
        item.no_value = 2
        item.full_clean()

    def test_the_last_step_shows_the_answers_and_done_makes_it_the_latest_time(self):
        self.login(self.alice)
        self.answer(1, 2)
        self.answer(2, 4, talk=True)
        response = self.client.get(f"{self.steps}?step=14")
        self.assertContains(response, "Kijk je antwoorden na")
        self.assertContains(response, "Je hebt 2 van de 13 vragen beantwoord.")
        self.assertContains(response, "2 – Het gaat slecht")
        self.assertContains(response, "hier wil je over praten", count=1)
        self.assertContains(response, "Niet beantwoord", count=11)
        self.assertContains(response, 'href="?step=2"')
        self.assertContains(response, 'value="finish">Klaar</button>')
        response = self.client.post(self.steps, {"step": 14, "action": "finish", "note": "Zorgen om de huur"})
        self.assertRedirects(response, self.overview, fetch_redirect_response=False)
        measurement = Measurement.objects.get()
        self.assertEqual((measurement.is_draft, measurement.note), (False, "Zorgen om de huur"))
        response = self.client.get(self.overview)
        self.assertContains(response, "Jouw laatste keer")
        self.assertContains(response, "<svg", count=1)
        self.assertContains(response, "Zorgen om de huur")
        self.assertNotContains(response, "nog niet klaar")
        # A new round starts a new draft; the finished one stays.
        self.answer(1, 3)
        self.assertEqual(Measurement.objects.filter(is_draft=True).count(), 1)
        self.assertEqual(Measurement.objects.filter(is_draft=False).count(), 1)

    def test_done_without_any_answer_is_refused_with_a_clear_message(self):
        self.login(self.alice)
        response = self.client.post(self.steps, {"step": 14, "action": "finish", "note": "Nog even niet"})
        self.assertContains(response, "Kies een antwoord bij minstens één vraag")
        self.assertContains(response, "Nog even niet")
        self.assertFalse(Measurement.objects.exists())

    def test_a_note_typed_on_the_last_step_is_kept_when_going_on_later(self):
        self.login(self.alice)
        self.answer(1, 2)
        self.client.post(self.steps, {"step": 14, "action": "later", "note": "Eerst nadenken"})
        self.assertEqual(self.draft().note, "Eerst nadenken")
        self.assertContains(self.client.get(self.start), "Eerst nadenken")

    def test_every_step_leaves_an_audit_entry(self):
        self.login(self.alice)
        self.answer(1, 2)
        self.answer(2, 3)
        self.client.post(self.steps, {"step": 14, "action": "finish", "note": ""})
        entries = list(AuditEntry.objects.filter(plan_id=self.plan.pk, actor_id=self.alice.pk).order_by("id"))
        changes = [(e.action, e.part_list, e.outcome) for e in entries if e.action != "view"]
        self.assertEqual(
            changes,
            [
                ("create", ["assessment"], "permitted"),
                ("update", ["assessment"], "permitted"),
                ("update", ["assessment"], "permitted"),
            ],
        )

    def test_a_draft_at_an_evaluation_belongs_to_that_evaluation(self):
        evaluation = EvaluationFactory(plan=self.plan, scheduled_for=date(2031, 7, 9))
        self.login(self.alice)
        response = self.client.get(f"{self.start}?evaluation={evaluation.pk}")
        self.assertContains(response, "9 juli 2031")
        self.assertContains(response, f'action="{self.steps}?evaluation={evaluation.pk}"')
        self.answer(1, 3, url=f"{self.steps}?evaluation={evaluation.pk}")
        self.client.post(self.steps, {"step": 14, "action": "finish"})
        self.assertEqual(Measurement.objects.get().evaluation, evaluation)

    def test_others_see_only_that_a_draft_exists_and_only_with_the_grant(self):
        self.login(self.alice)
        self.answer(1, 2)
        self.answer(2, 3)
        self.login(self.bob)
        response = self.client.get(self.overview)
        self.assertContains(response, "Alice is begonnen maar nog niet klaar: 2 van de 13 vragen beantwoord.")
        self.assertNotContains(response, "Verder gaan waar je was")
        self.assertNotContains(response, "<svg")
        # Bob records his own view beside it, never continues Alice's.
        self.assertContains(response, "Mijn kijk als professional invullen")
        self.assert_not_found_for([self.carol, self.dave, self.erin, *self.outsiders], self.overview)

    def test_only_the_resident_fills_in_step_by_step_and_strangers_get_404(self):
        Grant.objects.create(
            membership=self.dave_membership, part=Part.ASSESSMENT, level=Level.CONTRIBUTE, granted_by=self.alice
        )
        for method in ("get", "post"):
            self.assert_not_found_for(
                [self.bob, self.carol, self.dave, self.erin, *self.outsiders],
                self.steps,
                method=method,
                data={"step": 1, "action": "next", f"item_{self.items[0].pk}": "2"},
            )
        self.assertFalse(Measurement.objects.exists())
        self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/assessment/nope/steps/")

    def test_a_closed_plan_cannot_be_filled_in(self):
        self.plan.status = "closed"
        self.plan.save()
        self.assert_not_found_for([self.alice], self.steps)
        self.assert_not_found_for([self.alice], self.steps, method="post", data={"step": 1, "action": "next"})

    def test_the_overview_asks_the_same_number_of_queries_however_many_times_it_was_filled_in(self):
        self.login(self.alice)
        self.answer(1, 2)
        self.client.post(self.steps, {"step": 14, "action": "finish"})
        self.answer(1, 3)

        def count():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(self.overview).status_code, 200)
            return len(queries)

        few = count()
        for value in (2, 3, 4, 5):
            self.client.post(self.steps, {"step": 14, "action": "finish"})
            self.answer(1, value)
            self.answer(2, value)
        self.assertEqual(count(), few)

    def test_on_a_phone_a_list_takes_the_place_of_the_web(self):
        self.login(self.alice)
        self.answer(1, 4)
        self.client.post(self.steps, {"step": 14, "action": "finish"})
        response = self.client.get(self.overview)
        self.assertContains(response, '<ul class="chart-list">', count=1)
        self.assertRegex(response.content.decode(), r"Jouw laatste keer:</span> <strong>4 van 5</strong>")

    def test_the_download_holds_the_draft_too_marked_as_not_finished(self):
        self.login(self.alice)
        self.answer(1, 2)
        data = self.client.get(f"/plans/{self.plan.pk}/download/").json()
        (draft,) = data["how_it_is_going"]
        self.assertEqual((draft["finished"], [a["score"] for a in draft["answers"]]), (False, [2]))

    def test_a_step_out_of_range_opens_the_nearest_real_step(self):
        self.login(self.alice)
        self.assertContains(self.client.get(f"{self.steps}?step=99"), "Kijk je antwoorden na")
        self.assertContains(self.client.get(f"{self.steps}?step=0"), "Stap 1 van 13")
        self.assertContains(self.client.get(f"{self.steps}?step=twee"), "Stap 1 van 13")


class YesNoMigrationTestCase(BaseTestCase):
    def run_migration(self):
        from importlib import import_module

        from django.apps import apps

        import_module("samenplan.measuring.migrations.0004_draft").yes_no_questions(apps, None)

    def test_it_rewords_the_shipped_questions_and_leaves_a_municipalitys_own_alone(self):
        old = InstrumentItem.objects.filter(instrument__code="zelfredzaamheid")
        old.filter(code="justitie").update(
            question="Heb je te maken met politie, boetes of de rechter?", answer_kind="scale", yes_value=None
        )
        old.filter(code="basale-adl").update(question="Lukt het om voor jezelf te zorgen?")
        old.filter(code="instrumentele-adl").update(question="Onze eigen vraag over het huishouden")
        self.run_migration()
        items = {item.code: item for item in old}
        self.assertEqual((items["justitie"].answer_kind, items["justitie"].yes_value), ("yes_no", 3))
        self.assertEqual(items["basale-adl"].question, "Hoe gaat het met voor jezelf zorgen?")
        self.assertEqual(items["instrumentele-adl"].question, "Onze eigen vraag over het huishouden")
