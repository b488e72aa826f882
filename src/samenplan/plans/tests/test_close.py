from django.core import mail

from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import PlanFactory


class ClosePlanTestCase(BaseTestCase):
    def setUp(self):
        self.close_url = f"/plans/{self.plan.pk}/close/"
        self.reopen_url = f"/plans/{self.plan.pk}/reopen/"

    def close(self, user, reason="De doelen zijn bereikt."):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.close_url, {"reason": reason})

    def test_the_resident_closes_the_plan_with_a_reason_and_it_becomes_read_only(self):
        response = self.close(self.alice)
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        self.plan.refresh_from_db()
        self.assertEqual(
            (self.plan.status, self.plan.closed_reason, self.plan.closed_by),
            ("closed", "De doelen zijn bereikt.", self.alice),
        )
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), "De doelen zijn bereikt.")
        # Nobody writes any more: the story cannot be edited, not even by the resident.
        self.assert_not_found_for([self.alice, self.bob], f"/plans/{self.plan.pk}/story/edit/")
        # Everyone in the plan is told, neutrally.
        self.assertTrue(Notification.objects.filter(user=self.bob, kind="plan_closed").exists())
        self.assertTrue(all("bereikt" not in message.body for message in mail.outbox))
        entry = AuditEntry.objects.filter(plan_id=self.plan.pk, action="update").last()
        self.assertEqual((entry.actor_id, entry.reason), (self.alice.pk, "De doelen zijn bereikt."))

    def test_the_coordinator_closes_and_reopens(self):
        self.close(self.bob)
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.status, "closed")
        response = self.client.post(self.reopen_url)
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        self.plan.refresh_from_db()
        self.assertEqual((self.plan.status, self.plan.closed_at), ("active", None))
        self.assertTrue(Notification.objects.filter(user=self.alice, kind="plan_reopened").exists())

    def test_a_reason_is_needed_and_kept(self):
        response = self.close(self.alice, reason="")
        self.assertContains(response, 'id="id_reason_error"')
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.status, "active")

    def test_other_members_and_strangers_cannot_close_or_reopen(self):
        self.assert_not_found_for([self.carol, self.dave, self.charlie, self.ann], self.close_url)
        self.assert_not_found_for(
            [self.carol, self.dave, self.charlie], self.close_url, method="post", data={"reason": "x"}
        )
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.carol, self.dave, self.charlie], self.reopen_url, method="post")

    def test_a_closed_plan_is_not_reopened_next_to_a_new_open_one(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        PlanFactory(owner=self.alice)
        self.login(self.alice)
        response = self.client.post(self.reopen_url, follow=True)
        self.assertContains(response, "er is al een open plan")
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.status, "closed")
