from datetime import date

import time_machine

from samenplan.measuring.models import InstrumentItem, Measurement
from samenplan.plans.models import Evaluation, GoalScore
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
