from samenplan.accounts.models import User
from samenplan.accounts.tests.factories import UserFactory
from samenplan.lib.testing import BaseTestCase
from samenplan.measuring.models import Instrument, Measurement
from samenplan.plans.models import Goal, StoryVersion
from samenplan.sharing.models import Membership


class RepresentativeTestCase(BaseTestCase):
    def setUp(self):
        self.mentor = UserFactory(username="mentor", first_name="Mona", role=User.Role.NETWORK)
        self.membership = Membership.objects.create(
            plan=self.plan,
            user=self.mentor,
            role=Membership.Role.REPRESENTATIVE,
            relation="professional",
            representation="mentor",
            represents=[],
            added_by=self.bob,
        )

    def test_a_full_representative_acts_for_the_resident_everywhere(self):
        self.login(self.mentor)
        self.client.post(f"/plans/{self.plan.pk}/story/edit/", {"text": "Written by the mentor", "base_number": 1})
        story = StoryVersion.objects.get(number=2)
        self.assertEqual((story.written_by, story.on_behalf), (self.mentor, True))
        self.client.post(f"/plans/{self.plan.pk}/story/confirm/", {"number": 2})
        self.assertIsNotNone(StoryVersion.objects.get(number=2).confirmed_at)
        response = self.client.get(f"/plans/{self.plan.pk}/story/")
        self.assertContains(response, "Geschreven namens Alice Aarts")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/sharing/").status_code, 200)

    def test_what_a_representative_does_is_shown_as_on_behalf_of_the_resident(self):
        self.login(self.mentor)
        self.client.post(f"/plans/{self.plan.pk}/goals/", {"text": "Rent paid on time"})
        self.assertTrue(Goal.objects.get().on_behalf)
        item = Instrument.objects.get(code="gezondheidsweb").items.first()
        self.client.post(f"/plans/{self.plan.pk}/assessment/gezondheidsweb/new/", {f"item_{item.pk}": "6"})
        measurement = Measurement.objects.get()
        self.assertEqual((measurement.perspective, measurement.on_behalf), ("resident", True))

    def test_a_partial_representative_acts_only_in_their_parts(self):
        self.membership.represents = ["goals", "agreements"]
        self.membership.save()
        self.login(self.mentor)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/goals/").status_code, 200)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/story/").status_code, 404)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/sharing/").status_code, 404)

    def test_the_resident_sees_who_represents_them(self):
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/network/")
        self.assertContains(response, "Wettelijk vertegenwoordigers")
        self.assertContains(response, "Mentor")
        self.assertContains(response, "elk deel")
