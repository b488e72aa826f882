import re
from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.accounts.services import activation_token_make
from samenplan.notifications.models import Notification
from samenplan.sharing.models import Grant, Invitation, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import UserFactory


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

    def test_the_email_names_nobody_and_the_page_says_who_invites(self):
        link = self.invite(goals=Level.VIEW)
        message = mail.outbox[-1]
        self.assertEqual(message.to, ["ria@example.org"])
        self.assertNotIn("Alice", message.body)
        self.assertNotIn("Aarts", message.body)
        self.assertNotIn("story", message.body)
        response = self.client.get(link)
        self.assertContains(response, "Alice Aarts nodigt je uit om mee te helpen")
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
        self.login(UserFactory(role=User.Role.NETWORK, email="ria@example.org"))
        response = self.client.post(link, {"action": "accept"}, follow=True)
        self.assertEqual(Grant.objects.filter(membership=self.ria).count(), 0)
        self.assertContains(response, "Je ziet het zodra Alice een deel met je deelt")
        self.assertNotContains(response, f'href="/plans/{self.plan.pk}/"')
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 404)

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
        self.login(UserFactory(role=User.Role.PROFESSIONAL, email="ria@example.org", organisation=self.debt_team))
        self.client.post(link, {"action": "accept"})
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user.email, "ria@example.org")
        self.assertEqual(self.ria.organisation, self.debt_team)

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
        self.login(self.alice)
        nothing = {f"part_{part.value}": str(Level.NONE) for part in Part}
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.invite_url,
                {
                    "email": "ria@example.org",
                    "representative": "on",
                    "representation": "bewindvoerder",
                    "represents": [Part.GOALS, Part.AGREEMENTS],
                    **nothing,
                },
            )
        self.ria.refresh_from_db()
        self.assertEqual((self.ria.role, self.ria.representation), ("representative", "bewindvoerder"))
        self.assertEqual(self.ria.represents, [Part.GOALS, Part.AGREEMENTS])
        response = self.client.post(self.invite_url, {"email": "ria@example.org", "representative": "on", **nothing})
        self.assertContains(response, 'id="id_representation_error"')


class InvitationBoundToEmailTestCase(BaseTestCase):
    """A forwarded link lets nobody else in: accepting needs the invited address."""

    def setUp(self):
        self.ria = Membership.objects.create(
            plan=self.plan, name="Ria", relation="neighbour", role="network", added_by=self.alice
        )
        self.login(self.alice)
        data = {"email": "ria@example.org"} | {f"part_{part.value}": "0" for part in Part} | {"part_story": "1"}
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/plans/{self.plan.pk}/network/{self.ria.pk}/invite/", data)
        self.link = re.search(r"http://127\.0\.0\.1:8000(/invitations/\S+/)", mail.outbox[-1].body).group(1)
        self.kees = UserFactory(username="kees", role=User.Role.PROFESSIONAL, email="kees@example.org")
        self.login(self.kees)

    def code(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.link, {"action": "send_code"})
        self.assertEqual(mail.outbox[-1].to, ["ria@example.org"])
        self.assertNotIn("Alice", mail.outbox[-1].body)
        return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)

    def test_someone_logged_in_with_another_address_cannot_accept(self):
        response = self.client.get(self.link)
        self.assertContains(response, "r•••@example.org")
        self.assertNotContains(response, 'value="accept"')
        self.assertNotContains(response, "Alice")
        self.client.post(self.link, {"action": "accept"})
        self.ria.refresh_from_db()
        self.assertIsNone(self.ria.user)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/story/").status_code, 404)

    def test_a_code_sent_to_the_invited_address_lets_its_owner_accept_with_another_account(self):
        code = self.code()
        response = self.client.post(self.link, {"action": "code", "code": code})
        self.assertRedirects(response, f"/plans/{self.plan.pk}/", fetch_redirect_response=False)
        self.ria.refresh_from_db()
        self.assertEqual(self.ria.user, self.kees)

    def test_wrong_codes_run_out_and_an_old_code_stops_working(self):
        code = self.code()
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(5):
            response = self.client.post(self.link, {"action": "code", "code": wrong})
            self.assertContains(response, "niet goed")
        self.client.post(self.link, {"action": "code", "code": code})
        self.ria.refresh_from_db()
        self.assertIsNone(self.ria.user)
        code = self.code()
        with time_machine.travel(timezone.now() + timedelta(minutes=31)):
            self.client.post(self.link, {"action": "code", "code": code})
        self.ria.refresh_from_db()
        self.assertIsNone(self.ria.user)

    def test_the_pages_before_logging_in_are_not_kept_in_a_cache(self):
        self.client.logout()
        for url in (self.link, f"/accounts/activate/{activation_token_make(user=self.alice)}/"):
            self.assertIn("no-store", self.client.get(url)["Cache-Control"], url)
