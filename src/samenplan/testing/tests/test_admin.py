import re

from django.contrib import admin
from django.core import mail

from samenplan.accounts.models import User
from samenplan.audit.admin import AuditedAdmin
from samenplan.audit.models import AuditEntry
from samenplan.measuring.models import Instrument
from samenplan.testing.base import BaseTestCase


class AdminTestCase(BaseTestCase):
    def test_plan_content_is_not_in_the_admin(self):
        registered = {model._meta.app_label for model in admin.site._registry}
        self.assertNotIn("plans", registered)
        self.assertNotIn("sharing", registered)
        self.login(self.pam)
        for path in ("/admin/plans/plan/", "/admin/plans/goal/", "/admin/sharing/grant/", "/admin/measuring/answer/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_the_platform_admin_configures_instruments_and_organisations(self):
        self.login(self.pam)
        instrument = Instrument.objects.get(code="zelfredzaamheid")
        response = self.client.get(f"/admin/measuring/instrument/{instrument.pk}/change/")
        self.assertContains(response, "Geldzaken")
        self.assertEqual(self.client.get("/admin/accounts/organisation/").status_code, 200)
        self.assertEqual(self.client.get("/admin/accounts/wijk/").status_code, 200)

    def test_residents_and_their_network_are_not_listed_in_the_admin(self):
        self.login(self.pam)
        response = self.client.get("/admin/accounts/user/")
        self.assertContains(response, "charlie")
        self.assertNotContains(response, "alice")
        self.assertNotContains(response, "carol")
        self.assertEqual(self.client.get(f"/admin/accounts/user/{self.alice.pk}/change/").status_code, 302)

    def test_only_platform_admins_get_in(self):
        for user in (self.alice, self.bob, self.ann):
            user.is_staff = True
            user.save()
            self.login(user)
            response = self.client.get("/admin/")
            self.assertRedirects(response, "/admin/login/?next=/admin/", fetch_redirect_response=False)


class AdminAccountsTestCase(BaseTestCase):
    """A platform admin manages staff accounts but can never take one over."""

    def setUp(self):
        self.login(self.pam)

    def test_there_is_no_page_to_set_someone_elses_password(self):
        # The admin's catch-all sends an unknown page of an account back to the start.
        response = self.client.get(f"/admin/accounts/user/{self.bob.pk}/password/", follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/admin/")
        self.assertNotContains(response, 'name="password1"')
        response = self.client.get(f"/admin/accounts/user/{self.bob.pk}/change/")
        self.assertNotContains(response, "/password/")
        self.assertNotContains(response, 'name="password')

    def test_a_password_sent_along_with_a_change_is_ignored(self):
        before = User.objects.get(pk=self.bob.pk).password
        self.client.post(
            f"/admin/accounts/user/{self.bob.pk}/change/",
            {
                "username": "bob",
                "first_name": "Bob",
                "last_name": "",
                "email": self.bob.email,
                "role": "professional",
                "organisation": self.social_team.pk,
                "is_active": "on",
                "password": "md5$x$taken-over",
                "password1": "taken over 1234",
                "password2": "taken over 1234",
            },
        )
        self.assertEqual(User.objects.get(pk=self.bob.pk).password, before)
        self.client.logout()
        self.assertFalse(self.client.login(username="bob", password="taken over 1234"))

    def test_a_new_staff_account_gets_a_link_to_choose_their_own_password(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/admin/accounts/user/add/",
                {
                    "username": "nina",
                    "first_name": "Nina",
                    "last_name": "de Boer",
                    "email": "nina@example.org",
                    "role": "professional",
                    "organisation": self.debt_team.pk,
                },
            )
        self.assertEqual(response.status_code, 302)
        nina = User.objects.get(username="nina")
        self.assertFalse(nina.has_usable_password())
        self.assertEqual(mail.outbox[-1].to, ["nina@example.org"])
        link = re.search(r"http://127\.0\.0\.1:8000(\S+)", mail.outbox[-1].body).group(1)
        self.client.logout()
        response = self.client.get(link, follow=True)
        response = self.client.post(
            response.redirect_chain[-1][0],
            {"new_password1": "mijn eigen lange zin", "new_password2": "mijn eigen lange zin"},
        )
        self.assertTrue(self.client.login(username="nina", password="mijn eigen lange zin"))

    def test_sending_a_reset_link_and_blocking_are_actions(self):
        url = "/admin/accounts/user/"
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"action": "send_password_link", "_selected_action": [self.bob.pk]})
        self.assertEqual(mail.outbox[-1].to, [self.bob.email])
        self.client.post(url, {"action": "block", "_selected_action": [self.bob.pk]})
        self.assertFalse(User.objects.get(pk=self.bob.pk).is_active)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 302)

    def test_every_admin_change_of_accounts_roles_and_organisations_is_in_the_audit_log(self):
        changes = [
            ("/admin/accounts/organisation/add/", {"name": "Voedselbank", "kind": "food_bank"}),
            (
                f"/admin/accounts/user/{self.charlie.pk}/change/",
                {
                    "username": "charlie",
                    "first_name": "Charlie",
                    "last_name": "",
                    "email": self.charlie.email,
                    "role": "analyst",
                    "organisation": "",
                    "is_active": "on",
                },
            ),
            ("/admin/accounts/user/", {"action": "block", "_selected_action": [self.dave.pk]}),
        ]
        for url, data in changes:
            before = AuditEntry.objects.count()
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 302, url)
            entries = list(AuditEntry.objects.order_by("id")[before:])
            self.assertEqual(len(entries), 1, url)
            self.assertEqual((entries[0].actor_id, entries[0].actor_role), (self.pam.pk, "platform_admin"))
        organisation, role, block = AuditEntry.objects.order_by("-id")[:3][::-1]
        self.assertEqual(organisation.action, "create")
        self.assertIn("Voedselbank", organisation.reason)
        self.assertEqual((role.action, role.subject_id), ("update", self.charlie.pk))
        self.assertIn("Role", role.reason)
        self.assertEqual((block.subject_id, block.action), (self.dave.pk, "update"))
        self.assertIn("blocked", block.reason)

    def test_the_old_address_hears_when_an_admin_changes_an_email_address(self):
        old = self.bob.email
        data = {
            "username": "bob",
            "first_name": "Bob",
            "last_name": "",
            "email": "someone-else@example.org",
            "role": "professional",
            "organisation": self.social_team.pk,
            "is_active": "on",
        }
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/admin/accounts/user/{self.bob.pk}/change/", data)
        self.assertEqual(mail.outbox[-1].to, [old])

    def test_every_admin_page_leaves_its_changes_in_the_audit_log(self):
        for model, model_admin in admin.site._registry.items():
            self.assertIsInstance(model_admin, AuditedAdmin, model)
