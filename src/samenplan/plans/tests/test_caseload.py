from datetime import date, timedelta

import time_machine

from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, PlanFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class CaseloadTestCase(BaseTestCase):
    def test_it_lists_the_plans_due_evaluations_and_overdue_agreements(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=5))
        AgreementFactory(plan=self.plan, what="Call the landlord", due_date=TODAY - timedelta(days=2))
        AgreementFactory(plan=self.plan, what="Finished", due_date=TODAY - timedelta(days=2), status="done")
        self.login(self.bob)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Alice Aarts")
        self.assertContains(response, "Regisseur")
        self.assertContains(response, "7 maart 2026")
        self.assertContains(response, "Call the landlord")
        self.assertNotContains(response, "Finished")

    def test_it_shows_nothing_of_parts_the_member_may_not_see(self):
        EvaluationFactory(plan=self.plan, scheduled_for=TODAY + timedelta(days=5))
        AgreementFactory(plan=self.plan, what="Call the landlord", due_date=TODAY - timedelta(days=2))
        self.login(self.carol)
        response = self.client.get("/caseload/")
        self.assertContains(response, "Alice Aarts")
        self.assertNotContains(response, "7 maart 2026")

    def test_a_member_with_nothing_to_see_does_not_have_the_plan_in_their_caseload(self):
        self.login(self.erin)
        response = self.client.get("/caseload/")
        self.assertNotContains(response, "Alice")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)

    def test_plans_one_is_not_in_are_not_listed(self):
        PlanFactory(owner__first_name="Zoë", owner__last_name="Zwart")
        self.login(self.charlie)
        response = self.client.get("/caseload/")
        self.assertNotContains(response, "Zwart")
        self.assertContains(response, "Je zit nog in geen enkel plan")

    def test_closed_plans_are_read_only(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.login(self.bob)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/goals/"), 'name="text"')
        self.assert_not_found_for([self.bob, self.alice], f"/plans/{self.plan.pk}/story/edit/")

    def test_residents_and_outsiders_have_no_caseload(self):
        self.assert_not_found_for([self.alice, self.ann, self.pam], "/caseload/")
