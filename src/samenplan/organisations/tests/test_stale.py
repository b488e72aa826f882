from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.directory.models import STALE_AFTER_DAYS, Service
from samenplan.notifications.models import Notification
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import ServiceFactory, UserFactory


class StaleListingsTestCase(BaseTestCase):
    """A listing not checked for half a year is flagged to its organisation's admins, once."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.olga = UserFactory(username="olga", first_name="Olga", role=User.Role.ORG_ADMIN, organisation=cls.debt_team)
        cls.otto = UserFactory(
            username="otto", first_name="Otto", role=User.Role.ORG_ADMIN, organisation=cls.social_team
        )
        long_ago = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS + 1)
        cls.stale = ServiceFactory(organisation=cls.debt_team, name="Oud", assured_date=long_ago)
        cls.fresh = ServiceFactory(organisation=cls.social_team, name="Vers")

    def run_command(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("directory_stale", stdout=StringIO())

    def test_it_tells_the_admins_once(self):
        self.run_command()
        self.run_command()
        notes = list(Notification.objects.all())
        self.assertEqual([(n.user, n.kind, n.url) for n in notes], [(self.olga, "listing_stale", "/organisatie/")])
        self.assertEqual([m.to for m in mail.outbox], [[self.olga.email]])
        self.assertNotIn("Oud", mail.outbox[0].body)  # a neutral email: the details are behind the link
        self.stale.refresh_from_db()
        self.assertIsNotNone(self.stale.stale_notified_at)

    def test_it_tells_again_after_another_half_year_unless_checked(self):
        self.run_command()
        Service.objects.filter(pk=self.stale.pk).update(
            stale_notified_at=timezone.now() - timedelta(days=STALE_AFTER_DAYS + 1)
        )
        self.run_command()
        self.assertEqual(Notification.objects.filter(user=self.olga).count(), 2)
        # "Still right" ends it.
        self.login(self.olga)
        self.client.post(f"/organisatie/diensten/{self.stale.pk}/klopt-nog/")
        self.run_command()
        self.assertEqual(Notification.objects.filter(user=self.olga).count(), 2)

    def test_a_fresh_listing_and_a_blocked_admin_are_left_alone(self):
        User.objects.filter(pk=self.olga.pk).update(is_active=False)
        self.run_command()
        self.assertFalse(Notification.objects.exists())
