"""Guessing passwords is stopped per username and address (django-axes), behind a proxy
too, and the audit log records the same address (docs/security.md, "Lockout")."""

from datetime import datetime, timedelta

import time_machine
from axes.models import AccessAttempt
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.lib.network import client_address
from samenplan.testing.base import PASSWORD, BaseTestCase
from samenplan.testing.factories import UserFactory

LOGIN = "/accounts/login/"
HOME = "10.1.1.1"
ELSEWHERE = "10.2.2.2"
PROXY = "10.9.9.9"
# 14:20 in Amsterdam: five wrong passwords now lock until 14:35.
NOW = timezone.make_aware(datetime(2026, 3, 5, 14, 20))


class LockoutTestCase(BaseTestCase):
    def attempt(self, username, password, address=HOME, **extra):
        return self.client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)

    def guess(self, username="bob", times=5, address=HOME, **extra):
        responses = [self.attempt(username, "not the password", address, **extra) for _ in range(times)]
        return responses[-1]

    def assert_logged_in(self, response, user):
        self.assertEqual(response.status_code, 302, response.content.decode()[:300])
        self.assertEqual(int(self.client.session["_auth_user_id"]), user.pk)
        self.client.logout()

    def assert_locked(self, response):
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Je kunt even niet inloggen", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_four_wrong_passwords_only_say_it_is_not_right(self):
        response = self.guess(times=4)
        self.assertContains(response, "De gebruikersnaam of het wachtwoord klopt niet")
        self.assert_logged_in(self.attempt("bob", PASSWORD), self.bob)

    def test_five_wrong_passwords_lock_that_username_from_that_address(self):
        self.assert_locked(self.guess())
        # Even the right password is refused now, without being checked.
        self.assert_locked(self.attempt("bob", PASSWORD))

    def test_the_same_username_from_another_address_still_logs_in(self):
        self.guess()
        self.assert_logged_in(self.attempt("bob", PASSWORD, address=ELSEWHERE), self.bob)

    def test_another_username_from_the_same_address_still_logs_in(self):
        self.guess()
        self.assert_logged_in(self.attempt("dave", PASSWORD), self.dave)

    def test_the_email_address_counts_for_the_same_account(self):
        self.guess(times=3)
        self.guess(username=self.bob.email.upper(), times=2)
        self.assert_locked(self.attempt("bob", PASSWORD))

    def test_the_page_says_when_to_try_again_and_what_else_to_do(self):
        with time_machine.travel(NOW, tick=False):
            response = self.guess()
        self.assertContains(response, "Je kunt het opnieuw proberen om 14:35.", status_code=429)
        self.assertContains(response, 'href="/accounts/password/forgotten/"', status_code=429)
        self.assertContains(response, "Wachtwoord vergeten?", status_code=429)
        # Our own page shell, not axes' bare text.
        self.assertContains(response, 'class="site-header"', status_code=429)

    def test_trying_during_the_lockout_does_not_move_the_time(self):
        with time_machine.travel(NOW, tick=False):
            self.guess()
        with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
            response = self.attempt("bob", PASSWORD)
        self.assertContains(response, "om 14:35.", status_code=429)

    def test_after_the_cool_off_the_right_password_works(self):
        with time_machine.travel(NOW, tick=False):
            self.guess()
        with time_machine.travel(NOW + timedelta(minutes=14, seconds=59), tick=False):
            self.assert_locked(self.attempt("bob", PASSWORD))
        with time_machine.travel(NOW + timedelta(minutes=15, seconds=1), tick=False):
            self.assert_logged_in(self.attempt("bob", PASSWORD), self.bob)

    def test_the_attempt_records_themselves_expire(self):
        with time_machine.travel(NOW, tick=False):
            self.guess(times=2)
        self.assertEqual(AccessAttempt.objects.get().failures_since_start, 2)
        with time_machine.travel(NOW + timedelta(minutes=16), tick=False):
            self.attempt("dave", "not the password", address=ELSEWHERE)
        self.assertEqual(list(AccessAttempt.objects.values_list("username", flat=True)), ["dave"])

    def test_a_good_login_forgets_the_wrong_passwords_before_it(self):
        self.guess(times=4)
        self.assert_logged_in(self.attempt("bob", PASSWORD), self.bob)
        self.assertFalse(AccessAttempt.objects.filter(username="bob").exists())
        # Four more wrong passwords do not lock: the count started again.
        self.assertEqual(self.guess(times=4).status_code, 200)

    def test_a_platform_admin_sees_the_lockout_and_lifts_it(self):
        self.guess()
        self.login(self.pam)
        page = self.client.get("/admin/axes/accessattempt/")
        self.assertContains(page, "bob")
        self.assertContains(page, "Inlogblokkades")
        self.assertContains(page, "Verkeerde wachtwoorden")
        self.assertContains(page, "Nu geblokkeerd")
        attempt = AccessAttempt.objects.get(username="bob")
        response = self.client.post(
            "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True
        )
        self.assertContains(response, "1 blokkade opgeheven.")
        entry = AuditEntry.objects.order_by("-pk").first()
        self.assertEqual((entry.actor_id, entry.action), (self.pam.pk, AuditEntry.Action.DELETE))
        self.assertIn(f"axes.accessattempt#{attempt.pk}", entry.reason)
        self.client.logout()
        self.assert_logged_in(self.attempt("bob", PASSWORD), self.bob)

    def test_nobody_else_sees_the_lockouts(self):
        self.guess()
        staff_org_admin = UserFactory(username="olga", role=User.Role.ORG_ADMIN, is_staff=True)
        for user in (self.bob, self.ann, staff_org_admin):
            self.login(user)
            response = self.client.get("/admin/axes/accessattempt/")
            self.assertEqual(response.status_code, 302, user.username)
        self.assertTrue(AccessAttempt.objects.exists())


@override_settings(SAMENPLAN_BEHIND_PROXY=True, SAMENPLAN_PROXY_COUNT=1)
class BehindAProxyTestCase(BaseTestCase):
    def attempt(self, forwarded, password="not the password", username="bob"):
        return self.client.post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    def test_the_lockout_is_for_the_client_not_the_proxy(self):
        for _ in range(5):
            response = self.attempt("203.0.113.5")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(list(AccessAttempt.objects.values_list("ip_address", flat=True)), ["203.0.113.5"])
        # Another person behind the same proxy logs in.
        self.assertEqual(self.attempt("203.0.113.6", PASSWORD).status_code, 302)

    def test_a_made_up_header_does_not_escape_the_lockout(self):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        for number in range(5):
            response = self.attempt(f"198.51.100.{number}, 203.0.113.5")
        self.assertEqual(response.status_code, 429)

    def test_the_audit_log_records_the_same_address_as_the_lockout(self):
        self.attempt("203.0.113.5")
        self.assertEqual(AccessAttempt.objects.get().ip_address, "203.0.113.5")
        self.login(self.alice)
        self.client.get(f"/plans/{self.plan.pk}/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
        behind_proxy = AuditEntry.objects.order_by("-pk").first()
        with override_settings(SAMENPLAN_BEHIND_PROXY=False):
            self.client.get(f"/plans/{self.plan.pk}/", REMOTE_ADDR="203.0.113.5")
            direct = AuditEntry.objects.order_by("-pk").first()
            self.client.get(f"/plans/{self.plan.pk}/", REMOTE_ADDR=PROXY)
            proxy_itself = AuditEntry.objects.order_by("-pk").first()
        self.assertEqual(len({behind_proxy.pk, direct.pk, proxy_itself.pk}), 3)
        self.assertEqual(behind_proxy.access_point, direct.access_point)
        self.assertNotEqual(behind_proxy.access_point, proxy_itself.access_point)


class ClientAddressTestCase(SimpleTestCase):
    def address(self, forwarded=None, remote=PROXY):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_address(RequestFactory().get("/", **extra))

    @override_settings(SAMENPLAN_BEHIND_PROXY=False)
    def test_without_a_proxy_the_header_is_never_trusted(self):
        self.assertEqual(self.address("203.0.113.5"), PROXY)
        self.assertEqual(self.address(), PROXY)

    @override_settings(SAMENPLAN_BEHIND_PROXY=True, SAMENPLAN_PROXY_COUNT=1)
    def test_behind_one_proxy_the_rightmost_address_counts(self):
        self.assertEqual(self.address("203.0.113.5"), "203.0.113.5")
        self.assertEqual(self.address("1.2.3.4, 203.0.113.5"), "203.0.113.5")
        self.assertEqual(self.address(" 2001:db8::1 "), "2001:db8::1")

    @override_settings(SAMENPLAN_BEHIND_PROXY=True, SAMENPLAN_PROXY_COUNT=2)
    def test_behind_two_proxies_the_address_the_outer_one_saw_counts(self):
        self.assertEqual(self.address("1.2.3.4, 203.0.113.5, 10.0.0.2"), "203.0.113.5")
        # Fewer entries than proxies: the request did not come through both.
        self.assertEqual(self.address("203.0.113.5"), PROXY)

    @override_settings(SAMENPLAN_BEHIND_PROXY=True, SAMENPLAN_PROXY_COUNT=1)
    def test_no_header_or_nonsense_falls_back_to_the_connection(self):
        self.assertEqual(self.address(), PROXY)
        self.assertEqual(self.address("not-an-address"), PROXY)
