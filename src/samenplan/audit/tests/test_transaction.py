from unittest import mock

from django.db import DatabaseError

from samenplan.audit.models import AuditEntry
from samenplan.plans.models import Goal
from samenplan.testing.base import BaseTestCase


class SameTransactionTestCase(BaseTestCase):
    def test_when_the_entry_cannot_be_written_the_change_does_not_land(self):
        self.login(self.alice)
        with (
            mock.patch("samenplan.audit.middleware.entry_write", side_effect=DatabaseError("disk full")),
            self.assertRaises(DatabaseError),
        ):
            self.client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Never saved"})
        self.assertFalse(Goal.objects.filter(text="Never saved").exists())

    def test_when_the_change_fails_no_entry_lands(self):
        self.login(self.alice)
        with (
            mock.patch("samenplan.plans.services.Goal.objects.create", side_effect=DatabaseError("boom")),
            self.assertRaises(DatabaseError),
        ):
            self.client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Fails"})
        self.assertFalse(AuditEntry.objects.exists())

    def test_a_change_and_its_entry_land_together(self):
        self.login(self.alice)
        self.client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Saved"})
        self.assertTrue(Goal.objects.filter(text="Saved").exists())
        self.assertEqual(AuditEntry.objects.get().action, "create")
