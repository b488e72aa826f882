import re
from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.accounts.tests.factories import UserFactory
from samenplan.lib.testing import BaseTestCase
from samenplan.notifications.models import Notification
from samenplan.sharing.models import Grant, Invitation, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part


class InvitationTestCase(BaseTestCase):
    def setUp(self):
        self.ria = Membership.objects.create(
            plan=self.plan, name="Ria", relation="neighbour", role="network", added_by=self.alice
        )
        self.invite_url = f"/plans/{self.plan.pk}/network/{self.ria.pk}/invite/"

    def invite(self, user=None, **parts):
        self.login(user or self.alice)
        data = {"email": "ria@example.org"}
        data |= {f"part_{part.value}": str(Level.NONE) for part in Part}
        data |= {f"part_{part}": str(level) for part, level in parts.items()}
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.invite_url, data)
        self.assertRedirects(response, f"/plans/{self.plan.pk}/network/", fetch_redirect_response=False)
        self.client.logout()
        return self.link(mail.outbox[-1].body)

    def link(self, body):
        return re.search(r"http://127\.0\.0\.1:8000(/invitations/\S+/)", body).group(1)

    def test_the_email_says_who_invites_and_carries_no_plan_content(self):
        link = self.invite(goals=Level.VIEW)
        message = mail.outbox[-1]
        self.assertEqual(message.to, ["ria@example.org"])
        self.assertIn("Alice Aarts", message.body)
        self.assertNotIn("story", message.body)
        response = self.client.get(link)
        self.assertContains(response, "Alice Aarts nodigt je uit om Alice Aarts te helpen")
        self.assertContains(response, "Buur")

    def test_accepting_with_a_new_account_applies_what_the_resident_chose(self):
        link = self.invite(goals=Level.VIEW, agreements=Level.CONTRIBUTE)
        response = self.client.post(
            link,
            {
                "action": "create",
                "first_name": "Ria",
                "last_name": "van den Heuvel",
                "password1": "groene fiets op zondag",
                "password2": "groene fiets op zondag",
            },
        )
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        ria = get_user_model().objects.get(email="ria@example.org")
        self.assertEqual(ria.role, User.Role.NETWORK)
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user, ria)
        self.assertEqual(
            dict(Grant.objects.filter(membership=self.ria).values_list("part", "level")),
            {Part.GOALS: Level.VIEW, Part.AGREEMENTS: Level.CONTRIBUTE},
        )
        self.assertTrue(SharingDecision.objects.filter(plan=self.plan, context="invitation").exists())
        self.assertTrue(Notification.objects.filter(user=self.alice, kind="invitation_accepted").exists())
        # The link works once.
        self.client.logout()
        self.assertContains(self.client.get(link), "al geaccepteerd", status_code=410)

    def test_a_new_member_sees_nothing_until_granted(self):
        link = self.invite()
        self.login(UserFactory(role=User.Role.NETWORK))
        self.client.post(link, {"action": "accept"})
        self.assertEqual(Grant.objects.filter(membership=self.ria).count(), 0)
        response = self.client.get(f"/plans/{self.plan.pk}/")
        self.assertContains(response, "heeft nog geen deel van het plan met je gedeeld")

    def test_an_existing_account_logs_in_and_accepts(self):
        existing = UserFactory(username="ria", email="ria@example.org", role=User.Role.NETWORK)
        link = self.invite()
        self.assertTrue(Notification.objects.filter(user=existing, kind="invitation").exists())
        self.login(existing)
        response = self.client.get(link)
        self.assertContains(response, "Accepteren als")
        self.client.post(link, {"action": "accept"})
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user, existing)

    def test_a_professional_invitation_needs_a_professional_account(self):
        self.ria.relation = "professional"
        self.ria.role = "professional"
        self.ria.save()
        link = self.invite()
        response = self.client.get(link)
        self.assertNotContains(response, 'value="create"')
        self.login(UserFactory(role=User.Role.NETWORK))
        response = self.client.post(link, {"action": "accept"})
        self.assertContains(response, "werkaccount")
        self.login(self.charlie)
        self.client.post(link, {"action": "accept"})
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user, self.charlie)
        self.assertEqual(self.ria.organisation, self.charlie.organisation)

    def test_expired_cancelled_and_broken_links_say_why(self):
        link = self.invite()
        with time_machine.travel(timezone.now() + timedelta(days=15)):
            self.assertContains(self.client.get(link), "te oud", status_code=410)
        invitation = Invitation.objects.get()
        invitation.cancelled_at = timezone.now()
        invitation.save()
        self.assertContains(self.client.get(link), "ingetrokken", status_code=410)
        self.assertContains(self.client.get(link[:-5] + "xxxx/"), "niet compleet", status_code=410)

    def test_resending_makes_the_old_link_stop_working(self):
        old = self.invite()
        self.login(self.alice)
        invitation = Invitation.objects.get()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/plans/{self.plan.pk}/invitations/{invitation.pk}/resend/")
        new = self.link(mail.outbox[-1].body)
        self.assertNotEqual(old, new)
        self.assertEqual(self.client.get(old).status_code, 410)
        self.assertEqual(self.client.get(new).status_code, 200)

    def test_the_resident_cancels_a_pending_invitation(self):
        link = self.invite()
        self.login(self.alice)
        invitation = Invitation.objects.get()
        self.client.post(f"/plans/{self.plan.pk}/invitations/{invitation.pk}/cancel/")
        self.assertEqual(self.client.get(link).status_code, 410)

    def test_the_coordinator_invites_on_behalf_without_choosing_what_they_see(self):
        self.login(self.bob)
        response = self.client.get(self.invite_url)
        self.assertContains(response, "namens de inwoner")
        self.assertNotContains(response, 'name="part_story"')
        self.invite(self.bob, story=Level.CONTRIBUTE)
        self.assertEqual(Invitation.objects.get().grants, {})
        self.login(self.alice)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/network/"), "Bob")

    def test_people_who_may_not_invite_get_404(self):
        self.add_member(self.charlie, Membership.Role.PROFESSIONAL, {Part.NETWORK: Level.CONTRIBUTE})
        self.assert_not_found_for([self.carol, self.dave, self.charlie, self.ann, self.pam], self.invite_url)

    def test_a_representative_is_invited_with_the_parts_they_act_in(self):
        self.login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.invite_url,
                {
                    "email": "ria@example.org",
                    "representative": "on",
                    "representation": "bewindvoerder",
                    "represents": [Part.GOALS, Part.AGREEMENTS],
                },
            )
        self.ria.refresh_from_db()
        self.assertEqual((self.ria.role, self.ria.representation), ("representative", "bewindvoerder"))
        self.assertEqual(self.ria.represents, [Part.GOALS, Part.AGREEMENTS])
        response = self.client.post(self.invite_url, {"email": "ria@example.org", "representative": "on"})
        self.assertContains(response, 'id="id_representation_error"')
