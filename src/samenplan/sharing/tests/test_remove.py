from django.core import mail

from samenplan.conversations.models import Thread
from samenplan.notifications.models import Notification
from samenplan.plans.models import Agreement
from samenplan.sharing.models import Grant, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory


class RemoveTestCase(BaseTestCase):
    def remove(self, membership):
        self.login(self.alice)
        url = f"/plans/{self.plan.pk}/network/{membership.pk}/remove/"
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url)

    def test_the_page_asks_first_and_says_what_happens(self):
        AgreementFactory(plan=self.plan, assignee=self.carol, who_kind="network")
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/network/{self.carol_membership.pk}/remove/")
        self.assertContains(response, f"{self.carol.display_name} uit je plan halen?")
        self.assertContains(response, "1 afspraak")

    def test_removal_takes_effect_on_the_next_request(self):
        self.login(self.carol)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 200)
        self.remove(self.carol_membership)
        self.login(self.carol)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/goals/").status_code, 404)
        self.assertFalse(Grant.objects.filter(membership=self.carol_membership).exists())

    def test_agreements_of_a_removed_member_stay_under_their_name(self):
        agreement = AgreementFactory(plan=self.plan, assignee=self.carol, who_kind="network", who_name="")
        self.remove(self.carol_membership)
        agreement.refresh_from_db()
        self.assertIsNone(agreement.assignee)
        self.assertEqual(agreement.who_name, "Carol " + self.carol.last_name)
        self.assertTrue(Agreement.objects.filter(pk=agreement.pk).exists())

    def test_a_removed_professional_only_learns_that_access_ended(self):
        mail.outbox.clear()
        self.remove(self.dave_membership)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [self.dave.email])
        self.assertIn("toegang", mail.outbox[0].body)
        self.assertNotIn("Alice", mail.outbox[0].body)
        self.assertTrue(Notification.objects.filter(user=self.dave, kind="access_ended", url="").exists())

    def test_a_removed_member_gets_no_further_emails(self):
        self.add_grant(self.carol_membership, Part.CONVERSATIONS, Level.CONTRIBUTE)
        thread = Thread.objects.create(plan=self.plan, subject="Plans", created_by=self.alice)
        thread.participants.set([self.alice, self.carol])
        self.remove(self.carol_membership)
        mail.outbox.clear()
        self.login(self.alice)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/plans/{self.plan.pk}/conversations/{thread.pk}/", {"text": "Anyone there?"})
            self.client.post(
                f"/plans/{self.plan.pk}/agreements/",
                {"what": "Bring the post", "who_kind": "network", "assignee": self.carol.pk},
            )
        self.assertEqual([m for m in mail.outbox if self.carol.email in m.to], [])

    def test_the_coordinator_can_be_removed_and_replaced(self):
        self.remove(self.bob_membership)
        self.assertFalse(Membership.objects.filter(plan=self.plan, role="coordinator", ended_at__isnull=True).exists())
        self.login(self.alice)
        self.client.post(f"/plans/{self.plan.pk}/network/{self.dave_membership.pk}/coordinator/")
        self.dave_membership.refresh_from_db()
        self.assertEqual(self.dave_membership.role, "coordinator")

    def test_only_the_owner_removes(self):
        url = f"/plans/{self.plan.pk}/network/{self.carol_membership.pk}/remove/"
        self.assert_not_found_for([self.bob, self.carol, self.dave, *self.outsiders], url, method="post")
        self.assertIsNone(Membership.objects.get(pk=self.carol_membership.pk).ended_at)

    def add_grant(self, membership, part, level):
        Grant.objects.create(membership=membership, part=part, level=level, granted_by=self.alice)
