from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from samenplan.lib.queries import statements
from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import Priority, Strength
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory, PlanFactory

# The owner's plan page must not do more than this many queries (the audit entry's lock
# on PostgreSQL included) ...
MAX_QUERIES = 15
# ... nor the caseload, which also reads the wijken for its filter and one query per flag
# (overdue agreements, unconfirmed stories, unread messages), each for all plans at once,
# one for its referral section (the ones I sent and my team's queue, read together), and one
# for the case conferences to look back on in the plans one coordinates; and, for staff, the
# app that verified their session (django-otp checks it still exists on every request).
MAX_CASELOAD_QUERIES = 19


class PlanPageTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/"

    def grow_plan(self, n):
        """Add n goals, agreements, measurements, priorities, strengths and evaluations."""
        instrument = Instrument.objects.get(code="gezondheidsweb")
        items = list(instrument.items.all())
        for i in range(n):
            goal = GoalFactory(plan=self.plan)
            AgreementFactory(plan=self.plan, goal=goal, due_date=timezone.localdate() - timedelta(days=1))
            EvaluationFactory(plan=self.plan)
            Strength.objects.create(plan=self.plan, kind="self", text=f"s{i}", rank=i + 1)
            for perspective, by in (("resident", self.alice), ("professional", self.bob)):
                measurement = Measurement.objects.create(
                    plan=self.plan, instrument=instrument, perspective=perspective, recorded_by=by
                )
                Answer.objects.bulk_create(Answer(measurement=measurement, item=item, value=5) for item in items)
        for rank, domain_id in enumerate(range(1, n + 1), start=1):
            Priority.objects.get_or_create(plan=self.plan, domain_id=domain_id, defaults={"rank": rank})

    def count_queries(self, user, url):
        self.login(user)
        self.client.get(url)  # the first entry of an empty audit log looks for a checkpoint too
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(statements(queries))

    def test_the_owner_sees_every_part(self):
        self.grow_plan(1)
        self.login(self.alice)
        response = self.client.get(self.url)
        for heading in (
            "Mijn verhaal",
            "Wat vind ik belangrijk",
            "Wat kan ik zelf",
            "Hoe gaat het nu",
            "Doelen",
            "Afspraken",
            "Evaluaties",
            "Mijn netwerk",
        ):
            self.assertContains(response, heading)

    def test_a_member_sees_only_granted_parts(self):
        GoalFactory(plan=self.plan, text="Visible goal")
        self.login(self.dave)
        response = self.client.get(self.url)
        self.assertContains(response, "Visible goal")
        self.assertContains(response, "Alice&#x27;s story")
        self.assertNotContains(response, "Wat vind ik belangrijk")
        self.assertNotContains(response, "Mijn netwerk")

    def test_a_member_with_no_grants_does_not_see_the_plan_at_all(self):
        self.assert_not_found_for([self.erin], self.url)

    def test_a_member_with_only_their_own_agreement_sees_only_that(self):
        AgreementFactory(plan=self.plan, what="Erin brings the forms", assignee=self.erin)
        self.login(self.erin)
        response = self.client.get(self.url)
        self.assertContains(response, "Erin brings the forms")
        self.assertNotContains(response, "Alice&#x27;s story")

    def test_the_plan_page_queries_do_not_grow_with_the_plan(self):
        self.grow_plan(1)
        small = self.count_queries(self.alice, self.url)
        self.grow_plan(12)
        large = self.count_queries(self.alice, self.url)
        self.assertEqual(small, large)
        self.assertLessEqual(large, MAX_QUERIES)

    def test_the_print_view_queries_do_not_grow_with_the_plan(self):
        self.grow_plan(1)
        small = self.count_queries(self.alice, f"{self.url}print/")
        self.grow_plan(8)
        self.assertEqual(small, self.count_queries(self.alice, f"{self.url}print/"))

    def test_the_caseload_queries_do_not_grow_with_the_plans(self):
        self.grow_plan(1)
        small = self.count_queries(self.bob, "/caseload/")
        self.grow_plan(10)
        for _ in range(6):
            other = PlanFactory()
            GoalFactory(plan=other)
            AgreementFactory(plan=other, due_date=timezone.localdate() - timedelta(days=2))
            EvaluationFactory(plan=other)
            self.add_member(self.bob, "professional", dict.fromkeys(("agreements", "evaluations"), 2), plan=other)
        large = self.count_queries(self.bob, "/caseload/")
        self.assertEqual(small, large)
        self.assertLessEqual(large, MAX_CASELOAD_QUERIES)

    def test_the_print_view_has_everything_and_a_print_stylesheet(self):
        self.grow_plan(1)
        self.login(self.alice)
        response = self.client.get(f"{self.url}print/")
        self.assertContains(response, 'media="print"')
        self.assertContains(response, "Alice&#x27;s story, first version.")
        self.assertContains(response, "Goal ")
        self.assertContains(response, "Agreement ")
        self.assertContains(response, "Gezondheidsweb")

    def test_strangers_get_404(self):
        self.assert_not_found_for(self.outsiders, self.url)
        self.assert_not_found_for(self.outsiders, f"{self.url}print/")
        self.assert_not_found_for(self.outsiders, f"{self.url}members/")
        self.assert_not_found_for([self.alice], "/plans/999999/")

    def test_the_start_page_names_the_next_evaluation_and_the_story_state(self):
        EvaluationFactory(plan=self.plan, scheduled_for=timezone.localdate() + timedelta(days=3))
        later = timezone.localdate() + timedelta(days=30)
        EvaluationFactory(plan=self.plan, scheduled_for=later)
        self.login(self.alice)
        response = self.client.get(self.url)
        expected = date_format(timezone.localdate() + timedelta(days=3), "l j F Y")
        self.assertContains(response, f"Volgende evaluatie: {expected}")
        self.assertContains(response, "Je hebt dit verhaal nog niet bevestigd")

    def test_the_start_page_lists_the_first_goals_and_links_to_all(self):
        for n in range(5):
            GoalFactory(plan=self.plan, text=f"Goal number {n}")
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Goal number 2")
        self.assertNotContains(response, "Goal number 3")
        self.assertContains(response, "Alle 5 doelen bekijken")
