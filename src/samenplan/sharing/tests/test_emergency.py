from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from samenplan.notifications.models import Notification
from samenplan.sharing.models import EmergencyAccess
from samenplan.testing.base import BaseTestCase


class EmergencyAccessTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/emergency/"

    def open(self, part="strengths", reason="Alice is in hospital and we need to know who can help at home.", hours=24):
        self.login(self.dave)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, {"part": part, "reason": reason, "hours": hours})

    def test_a_professional_opens_a_part_with_a_reason_for_a_limited_time(self):
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 302)
        self.login(self.dave)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 404)
        response = self.open()
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 200)
        with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
            self.login(self.dave)
            self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 404)

    def test_the_resident_is_told_at_once_and_sees_it_at_the_top_of_the_plan(self):
        self.open()
        self.assertTrue(Notification.objects.filter(user=self.alice, kind="emergency").exists())
        self.assertEqual([m.to for m in mail.outbox], [[self.alice.email]])
        self.assertNotIn("hospital", mail.outbox[0].body)
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/")
        self.assertContains(response, "Noodtoegang tot je plan")
        self.assertContains(response, "Alice is in hospital")
        self.assertContains(response, "Dave")

    def test_the_resident_ends_it_early(self):
        self.open()
        emergency = EmergencyAccess.objects.get()
        self.login(self.alice)
        self.client.post(f"{self.url}{emergency.pk}/end/")
        self.login(self.dave)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/strengths/").status_code, 404)

    def test_a_reason_is_required_and_time_is_limited(self):
        response = self.open(reason="because")
        self.assertContains(response, 'id="id_reason_error"')
        response = self.open(hours=100)
        self.assertContains(response, 'id="id_hours_error"')
        response = self.open(part="goals")
        self.assertContains(response, 'id="id_part_error"')
        self.assertFalse(EmergencyAccess.objects.exists())

    def test_network_members_and_outsiders_cannot_use_it(self):
        self.assert_not_found_for([self.carol, self.erin, *self.outsiders], self.url)
        self.assert_not_found_for(
            [self.carol, *self.outsiders],
            self.url,
            method="post",
            data={"part": "story", "reason": "x" * 30, "hours": 1},
        )
