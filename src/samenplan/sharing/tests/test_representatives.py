from datetime import timedelta

from django.core import mail
from django.http import Http404
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.measuring.models import Instrument, Measurement
from samenplan.plans.models import Goal, StoryVersion
from samenplan.sharing.models import EmergencyAccess, Membership
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for
from samenplan.sharing.services import invitation_create
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


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
        self.assertContains(response, "Geschreven namens Alice.")
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


class AppointingRepresentativesTestCase(BaseTestCase):
    """Making someone a legal representative hands them the resident's voice."""

    def setUp(self):
        self.ria = Membership.objects.create(
            plan=self.plan, name="Ria", relation="neighbour", role="network", added_by=self.alice
        )
        self.invite_url = f"/plans/{self.plan.pk}/network/{self.ria.pk}/invite/"

    def test_a_coordinator_cannot_make_anyone_a_legal_representative(self):
        self.login(self.bob)
        response = self.client.get(self.invite_url)
        self.assertNotContains(response, 'name="representative"')
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.invite_url,
                {"email": "ria@example.org", "representative": "on", "representation": "curator"},
            )
        self.ria.refresh_from_db()
        self.assertEqual((self.ria.role, self.ria.representation, self.ria.represents), ("network", "", []))
        # Whoever accepts is an ordinary member: no grid, no access log, no download.
        ria = UserFactory(role=User.Role.NETWORK, email="ria@example.org")
        self.login(ria)
        self.client.post(mail.outbox[-1].body.split("http://127.0.0.1:8000")[1].split()[0], {"action": "accept"})
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user, ria)
        for page in ("sharing/", "access-log/", "download/", ""):
            self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/{page}").status_code, 404, page)

    def test_the_service_refuses_a_representative_from_someone_who_does_not_manage_sharing(self):
        access = access_for(self.bob, self.plan)
        with self.assertRaises(Http404):
            invitation_create(
                access=access, membership=self.ria, email="ria@example.org", representation=("curator", [])
            )
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.role, "network")

    def test_the_resident_appoints_a_representative(self):
        self.login(self.alice)
        nothing = {f"part_{part.value}": str(Level.NONE) for part in Part}
        self.client.post(
            self.invite_url,
            {"email": "ria@example.org", "representative": "on", "representation": "curator", **nothing},
        )
        self.ria.refresh_from_db()
        self.assertEqual(
            (self.ria.role, self.ria.representation, self.ria.represents), ("representative", "curator", [])
        )


class PartialRepresentativeTestCase(BaseTestCase):
    """A bewindvoerder for goals and agreements reads emergency reasons and the access log
    only for those parts."""

    def setUp(self):
        self.gerard = UserFactory(username="gerard", first_name="Gerard", role=User.Role.NETWORK)
        Membership.objects.create(
            plan=self.plan,
            user=self.gerard,
            role=Membership.Role.REPRESENTATIVE,
            relation="professional",
            representation="bewindvoerder",
            represents=[Part.GOALS, Part.AGREEMENTS],
            added_by=self.alice,
        )
        self.reason_health = "Alice is in hospital after a psychosis; we need to know who helps."
        self.reason_money = "The bailiff comes on Monday and we need the payment arrangement."
        for part, reason in ((Part.STORY, self.reason_health), (Part.GOALS, self.reason_money)):
            EmergencyAccess.objects.create(
                membership=self.dave_membership, part=part, reason=reason, ends_at=timezone.now() + timedelta(hours=5)
            )

    def test_emergency_reasons_show_only_for_the_parts_they_represent(self):
        self.login(self.gerard)
        for path in ("", "emergency/"):
            response = self.client.get(f"/plans/{self.plan.pk}/{path}")
            self.assertNotContains(response, self.reason_health)
            self.assertContains(response, self.reason_money)
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/emergency/")
        self.assertContains(response, self.reason_health)

    def test_they_cannot_end_an_emergency_access_to_a_part_they_do_not_represent(self):
        story = EmergencyAccess.objects.get(part=Part.STORY)
        self.assert_not_found_for([self.gerard], f"/plans/{self.plan.pk}/emergency/{story.pk}/end/", method="post")
        self.assertIsNone(EmergencyAccess.objects.get(pk=story.pk).ended_at)

    def test_the_access_log_shows_only_their_parts(self):
        self.login(self.bob)
        self.client.get(f"/plans/{self.plan.pk}/story/")
        self.client.get(f"/plans/{self.plan.pk}/assessment/")
        self.login(self.dave)
        self.client.get(f"/plans/{self.plan.pk}/goals/")
        self.login(self.gerard)
        response = self.client.get(f"/plans/{self.plan.pk}/access-log/")
        self.assertContains(response, "Dave")
        self.assertContains(response, "Doelen")
        self.assertNotContains(response, "Bob")
        self.assertNotContains(response, "Mijn verhaal")
        self.assertNotContains(response, "Hoe gaat het nu")
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/access-log/")
        self.assertContains(response, "Bob")
        self.assertContains(response, "Mijn verhaal")
