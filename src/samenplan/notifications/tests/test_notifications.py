from samenplan.notifications.models import Notification
from samenplan.notifications.services import notify
from samenplan.testing.base import BaseTestCase


class NotificationsTestCase(BaseTestCase):
    def test_unread_notifications_are_counted_in_the_header_and_opening_marks_them_read(self):
        item = notify(user=self.carol, kind="agreement", plan=self.plan, url=f"/plans/{self.plan.pk}/agreements/")
        self.login(self.carol)
        response = self.client.get("/notifications/")
        self.assertContains(response, 'class="badge">1')
        self.assertContains(response, "Er is een afspraak aan je gegeven")
        response = self.client.post(f"/notifications/{item.pk}/")
        self.assertRedirects(response, f"/plans/{self.plan.pk}/agreements/", fetch_redirect_response=False)
        item.refresh_from_db()
        self.assertIsNotNone(item.read_at)
        self.assertNotContains(self.client.get("/notifications/"), 'class="badge"')

    def test_a_notification_never_redirects_to_another_site(self):
        item = Notification.objects.create(user=self.carol, kind="agreement", url="https://evil.example/")
        self.login(self.carol)
        self.assertRedirects(
            self.client.post(f"/notifications/{item.pk}/"), "/notifications/", fetch_redirect_response=False
        )

    def test_mark_all_as_read(self):
        Notification.objects.create(user=self.carol, kind="message")
        self.login(self.carol)
        self.client.post("/notifications/read/")
        self.assertFalse(Notification.objects.filter(read_at__isnull=True).exists())
