import json

from samenplan.audit.models import AuditEntry
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, GoalFactory, UserFactory


class DownloadTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/download/"
        GoalFactory(plan=self.plan, text="Rent on time")
        AgreementFactory(plan=self.plan, what="Call the landlord")

    def test_the_resident_downloads_the_whole_plan_as_data(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("attachment", response["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(data["plan"]["resident"], "Alice Aarts")
        self.assertEqual(data["story"][0]["text"], "Alice's story, first version.")
        self.assertEqual(data["goals"][0]["goal"], "Rent on time")
        self.assertEqual(data["agreements"][0]["what"], "Call the landlord")
        self.assertEqual({m["name"] for m in data["network"]} >= {self.carol.display_name}, True)
        entry = AuditEntry.objects.last()
        self.assertEqual((entry.action, len(entry.part_list)), ("export", 9))

    def test_a_representative_gets_only_the_parts_they_act_in(self):
        mentor = UserFactory(role="network")
        self.add_member(mentor, "representative", {}).__class__.objects.filter(user=mentor).update(represents=["goals"])
        self.login(mentor)
        data = json.loads(self.client.get(self.url).content)
        self.assertIn("goals", data)
        self.assertNotIn("story", data)
        self.assertNotIn("network", data)

    def test_members_and_outsiders_cannot_download(self):
        self.assert_not_found_for([self.bob, self.carol, self.dave, *self.outsiders], self.url)
