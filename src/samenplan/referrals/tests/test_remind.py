"""`manage.py referrals_remind`: one neutral reminder per overdue referral, never two."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.notifications.models import Notification
from samenplan.referrals import services
from samenplan.referrals.models import Referral
from samenplan.referrals.tests.test_inbox import ReferralTestCase
from samenplan.sharing import policy

REMINDER = Notification.Kind.REFERRAL_REMINDER


class RemindTests(ReferralTestCase):
    def remind(self):
        call_command("referrals_remind", stdout=StringIO())

    def overdue(self, referral, days=1):
        Referral.objects.filter(pk=referral.pk).update(respond_by=timezone.localdate() - timedelta(days=days))

    def test_it_reminds_the_team_and_the_referrer_once(self):
        referral = self.overdue_referral = self.send()
        self.overdue(referral)
        self.remind()
        self.remind()
        for person in (self.sanne, self.dave, self.bob):
            self.assertEqual(Notification.objects.filter(user=person, kind=REMINDER).count(), 1, person)
        self.assertFalse(Notification.objects.filter(user=self.charlie, kind=REMINDER).exists())
        self.assertEqual(
            Notification.objects.get(user=self.sanne, kind=REMINDER).url, f"/referrals/inbox/{referral.pk}/"
        )
        self.assertEqual(
            Notification.objects.get(user=self.bob, kind=REMINDER).url,
            f"/plans/{self.plan.pk}/referrals/{referral.pk}/",
        )
        self.assertIsNotNone(Referral.objects.get(pk=referral.pk).reminded_at)

    def test_it_is_audited_as_the_system(self):
        referral = self.send()
        self.overdue(referral)
        self.remind()
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.NOTIFY).get()
        self.assertEqual((entry.actor_role, entry.plan_id, entry.parts), ("system", self.plan.pk, ""))

    def test_not_before_the_respond_by_day_has_passed(self):
        referral = self.send()
        self.overdue(referral, days=0)  # today is the last day
        self.remind()
        self.assertFalse(Notification.objects.filter(kind=REMINDER).exists())

    def test_answered_referrals_are_not_reminded(self):
        referral = self.send()
        self.overdue(referral)
        services.referral_accept(
            referral_access=policy.received_referral(self.sanne, referral.pk), version=referral.version
        )
        self.remind()
        self.assertFalse(Notification.objects.filter(kind=REMINDER).exists())

    def test_a_claimed_referral_is_skipped(self):
        referral = self.send()
        self.overdue(referral)
        Referral.objects.filter(pk=referral.pk).update(reminded_at=timezone.now())
        self.remind()
        self.assertFalse(Notification.objects.filter(kind=REMINDER).exists())


class ResponseTimeTests(ReferralTestCase):
    def test_working_days_skip_the_weekend(self):
        friday = date(2026, 12, 4)
        self.assertEqual(services.working_days_after(friday, 5), date(2026, 12, 11))
        self.assertEqual(services.working_days_after(friday, 1), date(2026, 12, 7))

    @override_settings(SAMENPLAN_REFERRAL_RESPONSE_DAYS=2)
    def test_the_response_time_is_a_setting(self):
        referral = self.send()
        self.assertEqual(referral.respond_by, services.working_days_after(timezone.localdate(), 2))

    def test_the_default_is_five_working_days(self):
        referral = self.send()
        self.assertEqual(referral.respond_by, services.working_days_after(timezone.localdate(), 5))
