import json

from django.urls import reverse

from samenplan.audit.models import AuditEntry
from samenplan.plans.models import StoryVersion
from samenplan.privacy.selectors import FORMAT
from samenplan.testing.base import BaseTestCase

URL = reverse("my_data_download")


class DownloadTest(BaseTestCase):
    def test_it_is_a_json_attachment_in_utf8(self):
        StoryVersion.objects.create(plan=self.plan, number=2, text="Zoë’s café — één", written_by=self.alice)
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertRegex(
            response["Content-Disposition"], r'^attachment; filename="mijn-gegevens-samenplan-\d{4}-\d\d-\d\d\.json"$'
        )
        body = response.content.decode("utf-8")
        # Written as UTF-8, not as \u escapes.
        self.assertIn("Zoë’s café — één", body)
        data = json.loads(body)
        self.assertEqual(data["format"], FORMAT)
        self.assertEqual(data["account"]["username"], "alice")
        self.assertEqual([p["id"] for p in data["plans"]], [self.plan.pk])
        stories = data["plans"][0]["rows"]["plans.storyversion"]
        self.assertEqual({s["text"] for s in stories}, {"Alice's story, first version.", "Zoë’s café — één"})
        # Names of people acting in the plan, not their accounts.
        self.assertIn("Bob Bakker", {s["written_by"] for s in stories})
        members = data["plans"][0]["rows"]["sharing.membership"]
        self.assertNotIn("email", members[0])
        self.assertNotIn("phone", members[0])

    def test_it_leaves_an_export_entry(self):
        self.login(self.alice)
        before = AuditEntry.objects.count()
        self.client.get(URL)
        self.assertEqual(AuditEntry.objects.count(), before + 1)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(
            (entry.actor_id, entry.subject_id, entry.action, entry.outcome),
            (self.alice.pk, self.alice.pk, AuditEntry.Action.EXPORT, AuditEntry.Outcome.PERMITTED),
        )

    def test_it_lists_what_was_logged_about_you_and_by_you(self):
        self.login(self.bob)
        self.client.get(reverse("goals", args=[self.plan.pk]))
        self.login(self.alice)
        self.client.get(reverse("plan", args=[self.plan.pk]))
        data = json.loads(self.client.get(URL).content)
        about = data["audit"]["about_you"]
        self.assertIn(("Bob Bakker", ["goals"]), [(e["who"], e["parts"]) for e in about])
        self.assertTrue(all("hash" not in e for e in about))

    def test_it_needs_a_login(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists())
