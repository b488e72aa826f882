from datetime import date, timedelta

import time_machine

from samenplan.measuring.models import LifeDomain
from samenplan.plans.models import Goal
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory, PlanFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class GoalsTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/goals/"
        self.money = LifeDomain.objects.get(code="financien")

    def data(self, **overrides):
        return {"text": "Ik betaal mijn huur op tijd", "domain": self.money.pk, "target_date": "2026-06-01"} | overrides

    def test_the_owner_adds_a_goal_in_their_own_words(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.data(helpers="mijn zus"))
        goal = Goal.objects.get()
        self.assertRedirects(response, f"{self.url}#goal-{goal.pk}", fetch_redirect_response=False)
        self.assertEqual(
            (goal.text, goal.domain, goal.target_date, goal.status, goal.helpers, goal.created_by),
            ("Ik betaal mijn huur op tijd", self.money, date(2026, 6, 1), Goal.Status.OPEN, "mijn zus", self.alice),
        )
        response = self.client.get(self.url)
        self.assertContains(response, "Ik betaal mijn huur op tijd")
        self.assertContains(response, "Geldzaken")

    def test_a_target_date_in_the_past_is_refused_and_the_input_kept(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.data(target_date="2026-03-01"))
        self.assertContains(response, 'id="id_target_date_error"')
        self.assertContains(response, "Deze datum is al voorbij")
        self.assertContains(response, 'value="Ik betaal mijn huur op tijd"')
        self.assertFalse(Goal.objects.exists())

    def test_an_old_goal_keeps_its_passed_date_when_edited(self):
        goal = GoalFactory(plan=self.plan, target_date=TODAY - timedelta(days=30))
        self.login(self.alice)
        response = self.client.post(
            f"{self.url}{goal.pk}/",
            {"text": "Renamed", "target_date": goal.target_date.isoformat(), "status": "busy", "version": 1},
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        goal.refresh_from_db()
        self.assertEqual((goal.text, goal.status, goal.version), ("Renamed", "busy", 2))

    def test_empty_and_too_long_texts_are_refused(self):
        self.login(self.alice)
        self.assertContains(self.client.post(self.url, self.data(text="")), 'id="id_text_error"')
        self.assertContains(self.client.post(self.url, self.data(text="x" * 301)), 'id="id_text_error"')
        self.assertContains(
            self.client.post(self.url, self.data(target_date="not a date")), 'id="id_target_date_error"'
        )
        self.assertContains(self.client.post(self.url, self.data(domain="999999")), 'id="id_domain_error"')
        self.assertFalse(Goal.objects.exists())

    def test_html_in_a_goal_is_escaped(self):
        self.login(self.alice)
        self.client.post(self.url, self.data(text='<img src=x onerror="alert(1)">'))
        response = self.client.get(self.url)
        self.assertNotContains(response, '<img src=x onerror="alert(1)">')
        self.assertContains(response, "&lt;img src=x")

    def test_the_second_of_two_simultaneous_edits_is_refused_showing_both(self):
        goal = GoalFactory(plan=self.plan, text="Original")
        edit = f"{self.url}{goal.pk}/"
        self.login(self.bob)
        self.client.post(edit, {"text": "Bob's change", "status": "busy", "version": 1})
        self.login(self.alice)
        response = self.client.post(edit, {"text": "Alice's change", "status": "open", "version": 1})
        self.assertContains(response, "Iemand anders heeft wijzigingen opgeslagen")
        self.assertContains(response, "Bob&#x27;s change")
        self.assertContains(response, 'value="Alice&#x27;s change"')
        goal.refresh_from_db()
        self.assertEqual(goal.text, "Bob's change")
        self.assertContains(response, 'name="version" value="2"')

    def test_viewers_see_goals_but_cannot_add_or_change(self):
        goal = GoalFactory(plan=self.plan)
        self.login(self.carol)
        response = self.client.get(self.url)
        self.assertContains(response, goal.text)
        self.assertNotContains(response, 'name="text"')
        self.assert_not_found_for([self.carol, self.dave], self.url, method="post", data=self.data())
        self.assert_not_found_for([self.carol, self.dave], f"{self.url}{goal.pk}/")

    def test_unknown_and_foreign_goal_ids_get_404(self):
        foreign = GoalFactory(plan=PlanFactory())
        self.assert_not_found_for([self.alice], f"{self.url}999999/")
        self.assert_not_found_for([self.alice], f"{self.url}{foreign.pk}/")

    def test_strangers_get_404(self):
        goal = GoalFactory(plan=self.plan)
        self.assert_not_found_for([*self.outsiders, self.erin], self.url)
        self.assert_not_found_for(self.outsiders, f"{self.url}{goal.pk}/")
