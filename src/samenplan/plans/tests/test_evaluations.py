from datetime import date, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import InstrumentItem, Measurement
from samenplan.plans import services
from samenplan.plans.models import Evaluation, GoalScore
from samenplan.sharing.policy import plan_access
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import EvaluationFactory, GoalFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class EvaluationsTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/evaluations/"

    def test_the_coordinator_plans_an_evaluation(self):
        self.login(self.bob)
        response = self.client.post(self.url, {"scheduled_for": "2026-04-01"})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertEqual(Evaluation.objects.get().scheduled_for, date(2026, 4, 1))

    def test_a_date_in_the_past_is_refused(self):
        self.login(self.bob)
        response = self.client.post(self.url, {"scheduled_for": "2026-03-01"})
        self.assertContains(response, 'id="id_scheduled_for_error"')
        self.assertFalse(Evaluation.objects.exists())

    def test_each_goal_gets_an_attainment_score_and_note(self):
        reached = GoalFactory(plan=self.plan, text="Rent paid")
        skipped = GoalFactory(plan=self.plan, text="New job")
        evaluation = EvaluationFactory(plan=self.plan)
        page = f"{self.url}{evaluation.pk}/"
        self.login(self.bob)
        response = self.client.get(page)
        self.assertContains(response, "Veel meer dan verwacht")
        response = self.client.post(
            page, {f"score_{reached.pk}": "2", f"note_{reached.pk}": "Every month on time", "summary": "Going well"}
        )
        self.assertRedirects(response, page, fetch_redirect_response=False)
        score = GoalScore.objects.get()
        self.assertEqual((score.goal, score.score, score.note), (reached, 2, "Every month on time"))
        self.assertFalse(GoalScore.objects.filter(goal=skipped).exists())
        evaluation.refresh_from_db()
        self.assertEqual((evaluation.held_by, evaluation.summary), (self.bob, "Going well"))
        response = self.client.get(page)
        self.assertContains(response, "Every month on time")
        self.assertContains(response, f"/assessment/zelfredzaamheid/new/?evaluation={evaluation.pk}")

    def test_scores_outside_minus_two_to_two_are_refused(self):
        goal = GoalFactory(plan=self.plan)
        evaluation = EvaluationFactory(plan=self.plan)
        self.login(self.bob)
        response = self.client.post(f"{self.url}{evaluation.pk}/", {f"score_{goal.pk}": "3"})
        self.assertContains(response, f'id="id_score_{goal.pk}_error"')
        self.assertFalse(GoalScore.objects.exists())

    def test_the_self_assessment_is_repeated_at_the_evaluation(self):
        evaluation = EvaluationFactory(plan=self.plan, held_at="2026-03-02T10:00:00Z", held_by=self.bob)
        self.login(self.alice)
        url = f"/plans/{self.plan.pk}/assessment/gezondheidsweb/new/?evaluation={evaluation.pk}"
        item = InstrumentItem.objects.filter(instrument__code="gezondheidsweb").first()
        self.client.post(url, {f"item_{item.pk}": "7"})
        self.assertEqual(Measurement.objects.get().evaluation, evaluation)

    def test_evaluations_of_another_plan_get_404(self):
        other = EvaluationFactory()
        self.assert_not_found_for([self.alice], f"{self.url}{other.pk}/")
        self.assert_not_found_for(
            [self.alice], f"/plans/{self.plan.pk}/assessment/gezondheidsweb/new/?evaluation={other.pk}"
        )

    def test_strangers_get_404(self):
        evaluation = EvaluationFactory(plan=self.plan)
        self.assert_not_found_for([*self.outsiders, self.carol, self.dave, self.erin], self.url)
        self.assert_not_found_for([*self.outsiders, self.carol], f"{self.url}{evaluation.pk}/")


@time_machine.travel(TODAY)
class EvaluationRecordTestCase(BaseTestCase):
    """No empty or half records; who was there and what was decided; the author corrects
    for a while; the next evaluation is asked for."""

    def setUp(self):
        self.goal = GoalFactory(plan=self.plan, text="Rent paid")
        self.evaluation = EvaluationFactory(plan=self.plan, scheduled_for=TODAY)
        self.page = f"/plans/{self.plan.pk}/evaluations/{self.evaluation.pk}/"

    def hold(self, user, **data):
        self.login(user)
        return self.client.post(self.page, {"version": self.evaluation.version} | data)

    def held(self, **data):
        """The evaluation as bob held it this morning."""
        self.hold(
            self.bob,
            **{f"score_{self.goal.pk}": "1", "attendees": "Alice, Bob", "summary": "Going well", "decisions": "Go on"}
            | data,
        )
        self.evaluation.refresh_from_db()
        return self.evaluation

    def test_it_refuses_an_evaluation_with_no_score_and_no_summary_and_keeps_the_input(self):
        response = self.hold(self.bob, attendees="Alice en Bob", summary="  ")
        self.assertContains(response, 'id="id_summary_error"')
        self.assertContains(response, "Er is nog niets ingevuld")
        self.assertContains(response, 'value="Alice en Bob"')
        self.evaluation.refresh_from_db()
        self.assertIsNone(self.evaluation.held_at)
        self.assertFalse(GoalScore.objects.exists())
        # It still counts as coming up for the coordinator.
        response = self.client.get("/caseload/")
        self.assertContains(response, "Evaluaties die eraan komen")
        self.assertContains(response, f'href="{self.page}"')

    def test_it_refuses_a_note_without_a_result_instead_of_dropping_it(self):
        response = self.hold(self.bob, **{f"note_{self.goal.pk}": "Paid twice", "summary": "Fine"})
        self.assertContains(response, f'id="id_score_{self.goal.pk}_error"')
        self.assertContains(response, "Paid twice")
        self.evaluation.refresh_from_db()
        self.assertIsNone(self.evaluation.held_at)

    def test_a_summary_alone_is_enough(self):
        response = self.hold(self.bob, summary="We only talked")
        self.assertRedirects(response, self.page, fetch_redirect_response=False)
        self.evaluation.refresh_from_db()
        self.assertIsNotNone(self.evaluation.held_at)
        response = self.client.get(f"/plans/{self.plan.pk}/evaluations/")
        self.assertContains(response, "geen doel beoordeeld")
        self.assertNotContains(response, "0 doelen beoordeeld")

    def test_the_held_evaluation_shows_who_was_there_and_what_was_decided(self):
        self.held(attendees="Alice, zus Carol, Bob", decisions="Carol helpt met de post")
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertContains(response, "Wie waren er bij")
        self.assertContains(response, "Alice, zus Carol, Bob")
        self.assertContains(response, "Wat we besloten")
        self.assertContains(response, "Carol helpt met de post")
        # The resident did not record it, so she reads it and does not correct it.
        self.assertNotContains(response, "Verslag verbeteren")
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk).last()
        self.assertEqual((entry.actor_id, entry.action), (self.alice.pk, "view"))
        self.assertIn("evaluations", entry.part_list)

    def test_holding_is_audited(self):
        self.held()
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk, action="update").last()
        self.assertEqual((entry.actor_id, entry.outcome), (self.bob.pk, "permitted"))
        self.assertIn("evaluations", entry.part_list)

    def test_after_holding_it_asks_to_plan_the_next_one_three_months_later(self):
        self.held()
        response = self.client.get(self.page)
        self.assertContains(response, "Plan de volgende evaluatie")
        self.assertContains(response, 'value="2026-06-02"')
        self.assertContains(response, f'action="/plans/{self.plan.pk}/evaluations/"')
        later = EvaluationFactory(plan=self.plan, scheduled_for=date(2026, 5, 4))
        response = self.client.get(self.page)
        self.assertNotContains(response, "Plan de volgende evaluatie")
        self.assertContains(response, "De volgende evaluatie is gepland op maandag 4 mei 2026")
        self.assertContains(response, f"/evaluations/{later.pk}/")

    def test_the_author_corrects_the_record_within_two_weeks(self):
        evaluation = self.held()
        response = self.client.get(f"{self.page}?correct=1")
        self.assertContains(response, "Verslag verbeteren")
        self.assertContains(response, 'value="Alice, Bob"')
        self.assertContains(response, "Going well</textarea>")
        response = self.client.post(
            self.page,
            {
                "version": evaluation.version,
                f"score_{self.goal.pk}": "2",
                f"note_{self.goal.pk}": "Also the arrears",
                "attendees": "Alice, Bob, Carol",
                "summary": "Going well",
                "decisions": "Go on",
            },
        )
        self.assertRedirects(response, self.page, fetch_redirect_response=False)
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.attendees, "Alice, Bob, Carol")
        self.assertEqual(list(GoalScore.objects.values_list("score", "note")), [(2, "Also the arrears")])
        response = self.client.get(self.page)
        self.assertContains(response, "Verbeterd op 2 maart 2026")
        self.assertContains(response, "Also the arrears")

    def test_nobody_else_corrects_it_and_nobody_after_the_window(self):
        evaluation = self.held()
        data = {"version": evaluation.version, "summary": "Rewritten"}
        self.assert_not_found_for([self.dave, *self.outsiders], self.page, method="post", data=data)
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk, actor_id=self.dave.pk).last()
        self.assertEqual(entry.outcome, "denied")
        # The resident may hold evaluations, but this one is bob's record: hers is shown, not saved.
        self.login(self.alice)
        response = self.client.post(self.page, data)
        self.assertContains(response, "Iemand anders heeft deze evaluatie intussen vastgelegd")
        self.assertContains(response, "Rewritten")
        with time_machine.travel(TODAY + timedelta(days=15)):
            self.login(self.bob)
            self.assertNotContains(self.client.get(self.page), "Verslag verbeteren")
            response = self.client.post(self.page, data)
            self.assertContains(response, "De tijd om deze evaluatie te verbeteren is voorbij")
            self.assertContains(response, "Rewritten")
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.summary, "Going well")
        self.assertIsNone(evaluation.corrected_at)

    def test_a_correction_from_an_older_tab_is_refused_and_keeps_the_input(self):
        evaluation = self.held()
        old = evaluation.version
        self.client.post(self.page, {"version": old, "summary": "First correction"})
        response = self.client.post(self.page, {"version": old, "summary": "Second correction"})
        self.assertContains(response, "Iemand anders heeft wijzigingen opgeslagen")
        self.assertContains(response, "First correction")
        self.assertContains(response, "Second correction</textarea>")
        evaluation.refresh_from_db()
        self.assertEqual(evaluation.summary, "First correction")

    def test_when_someone_else_held_it_first_what_one_typed_is_shown_not_lost(self):
        self.held()
        self.evaluation.version = 1
        response = self.hold(self.alice, summary="Alice's own view")
        self.assertContains(response, "Iemand anders heeft deze evaluatie intussen vastgelegd")
        self.assertContains(response, "Alice&#x27;s own view")
        self.assertContains(response, "Going well")
        self.evaluation.refresh_from_db()
        self.assertEqual((self.evaluation.held_by, self.evaluation.summary), (self.bob, "Going well"))

    def test_the_evaluations_list_reads_a_fixed_number_of_queries(self):
        self.held()
        self.login(self.bob)
        url = f"/plans/{self.plan.pk}/evaluations/"
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for _ in range(3):
            evaluation = EvaluationFactory(plan=self.plan, held_at="2026-03-02T10:00:00Z", held_by=self.bob)
            GoalScore.objects.create(evaluation=evaluation, goal=self.goal, score=1)
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(many), len(few))

    def test_it_asks_the_resident_about_her_goals_and_others_about_alices(self):
        self.login(self.alice)
        response = self.client.get(self.page)
        self.assertContains(response, "Hoe ver ben je gekomen met dit doel?")
        self.assertContains(response, "Bijvoorbeeld: ik, mijn zus, de regisseur.")
        self.login(self.bob)
        response = self.client.get(self.page)
        self.assertContains(response, "Hoe ver is Alice gekomen met dit doel?")
        self.assertNotContains(response, "Hoe ver ben je gekomen")

    def test_the_service_itself_refuses_an_empty_record(self):
        access = plan_access(self.bob, self.plan.pk)
        with self.assertRaises(services.EmptyRecord):
            services.evaluation_hold(
                access=access, evaluation=self.evaluation, base_version=1, summary=" ", decisions="", scores={}
            )
        self.evaluation.refresh_from_db()
        self.assertIsNone(self.evaluation.held_at)
