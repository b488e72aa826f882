"""Two-factor authentication: who must use it, the code step, the set-up, recovery codes,
throttling, a moving clock, the admin and the audit entries."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib import admin
from django.test import RequestFactory
from django.urls import resolve
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.signin import twofactor
from samenplan.signin.middleware_otp import OPEN_URL_NAMES
from samenplan.testing.base import PASSWORD, BaseTestCase
from samenplan.testing.twofactor import code_for, give_test_app
from samenplan.testing.urlwalk import app_routes, fill

SETUP = "/accounts/code/instellen/"
VERIFY = "/accounts/code/"
NOW = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _staff_roles():
    return [role for role in User.Role if role not in (User.Role.RESIDENT, User.Role.NETWORK)]


@pytest.mark.real_twofactor
class WhoMustUseItTestCase(BaseTestCase):
    def test_every_staff_role_must_and_residents_and_network_members_may(self):
        for role in _staff_roles():
            self.assertTrue(twofactor.requires_2fa(User(role=role)), role)
        self.assertFalse(twofactor.requires_2fa(self.alice))
        self.assertFalse(twofactor.requires_2fa(self.carol))

    def test_a_role_added_later_must_use_it_too(self):
        coordinator = User(role="programme_coordinator")
        self.assertTrue(twofactor.requires_2fa(coordinator))

    def test_staff_without_an_app_reach_only_the_set_up_from_every_page(self):
        values = self.url_values()
        self.assertEqual(
            OPEN_URL_NAMES - {"twofactor_verify", "twofactor_setup", "twofactor_recovery_codes"},
            {"login", "logout", "set_language", "oidc_login", "oidc_digid_callback", "oidc_eherkenning_callback"},
        )
        walked = 0
        self.client.force_login(self.bob)
        for route in app_routes():
            url = fill(route, values)
            if url is None or resolve(url).url_name in OPEN_URL_NAMES:
                continue
            walked += 1
            for method in ("get", "post"):
                response = getattr(self.client, method)(url)
                self.assertEqual(response.status_code, 302, f"{method} {url}")
                self.assertTrue(response["Location"].startswith(SETUP + "?next="), f"{url}: {response['Location']}")
        self.assertGreater(walked, 50)
        response = self.client.get("/admin/")
        self.assertTrue(response["Location"].startswith(SETUP))

    def test_every_staff_member_is_sent_to_the_set_up_after_the_password(self):
        for user in (self.bob, self.ann, self.pam, self.wendy, self.brit):
            self.client.logout()
            response = self.client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
            response = self.client.get(response["Location"])
            self.assertTrue(response["Location"].startswith(SETUP), user.username)

    def test_a_resident_without_the_app_is_not_bothered(self):
        self.client.force_login(self.alice)
        response = self.client.get("/", follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/accounts/code/", response.redirect_chain[-1][0] if response.redirect_chain else "")
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/").status_code, 200)

    def test_the_language_switch_and_logging_out_still_work(self):
        self.client.force_login(self.bob)
        response = self.client.post("/i18n/setlang/", {"language": "en", "next": SETUP})
        self.assertEqual(response["Location"], SETUP)
        self.client.post("/accounts/logout/")
        self.assertEqual(self.client.get("/caseload/")["Location"], "/accounts/login/?next=/caseload/")

    def test_an_ehrkenning_login_counts_as_the_second_step(self):
        self.client.force_login(self.bob)
        session = self.client.session
        session[twofactor.MFA_SESSION_KEY] = twofactor.MFA_BY_EHERKENNING
        session.save()
        self.assertEqual(self.client.get("/caseload/").status_code, 200)


@pytest.mark.real_twofactor
class SetUpTestCase(BaseTestCase):
    def test_a_professional_sets_up_the_app_and_sees_the_recovery_codes_once(self):
        self.client.post("/accounts/login/", {"username": "bob", "password": PASSWORD, "next": "/caseload/"})
        response = self.client.get("/caseload/")
        self.assertEqual(response["Location"], SETUP + "?next=%2Fcaseload%2F")
        page = self.client.get(response["Location"])
        self.assertContains(page, "Inloggen met een code op je telefoon")
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=self.bob, confirmed=False)
        self.assertContains(page, twofactor.secret_text(device))

        wrong = self.client.post(SETUP, {"code": "000000", "next": "/caseload/"})
        self.assertContains(wrong, "Deze code klopt niet")
        self.assertContains(wrong, 'value="000000"')
        self.assertEqual(self.client.get("/caseload/").status_code, 302)

        with time_machine.travel(datetime.now(tz=UTC) + timedelta(seconds=5), tick=False):
            response = self.client.post(SETUP, {"code": code_for(device), "next": "/caseload/"})
        self.assertEqual(response["Location"], "/accounts/code/herstelcodes/?next=%2Fcaseload%2F")
        codes_page = self.client.get(response["Location"])
        codes = [t.token for t in StaticToken.objects.filter(device__user=self.bob)]
        self.assertEqual(len(codes), 10)
        for code in codes:
            self.assertContains(codes_page, code)
        self.assertContains(codes_page, 'href="/caseload/"')
        again = self.client.get("/accounts/code/herstelcodes/")
        for code in codes:
            self.assertNotContains(again, code)
        self.assertEqual(self.client.get("/caseload/").status_code, 200)

        reasons = list(
            AuditEntry.objects.filter(subject_id=self.bob.pk, actor_id=self.bob.pk).values_list("reason", flat=True)
        )
        for what in ("set-up started", "app confirmed"):
            self.assertIn(twofactor.REASON_PREFIX + what, reasons)
        account = self.client.get("/accounts/")
        self.assertContains(account, "Twee-staps-verificatie")
        self.assertContains(account, "Je hebt de app bevestigd met een code")

    def test_a_password_alone_sets_up_no_new_app_when_there_is_one(self):
        give_test_app(self.bob)
        self.client.force_login(self.bob)
        response = self.client.get(SETUP)
        self.assertTrue(response["Location"].startswith(VERIFY))
        self.assertFalse(TOTPDevice.objects.filter(user=self.bob, confirmed=False).exists())

    def test_a_resident_may_turn_it_on_and_is_asked_for_the_code_next_time(self):
        self.client.force_login(self.alice)
        self.assertContains(self.client.get("/accounts/"), "Uit.")
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.alice)
        self.client.post(SETUP, {"code": code_for(device)})
        self.client.logout()
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get("/")["Location"], VERIFY + "?next=%2F")

    def test_a_resident_turns_it_off_with_the_password(self):
        give_test_app(self.alice)
        twofactor.recovery_codes_make(user=self.alice)
        self.client.force_login(self.alice)
        self.client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=self.alice))})
        wrong = self.client.post("/accounts/code/uitzetten/", {"password": "not it"})
        self.assertContains(wrong, "Dit wachtwoord klopt niet")
        self.client.post("/accounts/code/uitzetten/", {"password": PASSWORD})
        self.assertFalse(TOTPDevice.objects.filter(user=self.alice).exists())
        self.assertFalse(StaticToken.objects.filter(device__user=self.alice).exists())
        self.assertTrue(AuditEntry.objects.filter(subject_id=self.alice.pk, action=AuditEntry.Action.DELETE).exists())

    def test_staff_cannot_turn_it_off(self):
        give_test_app(self.bob)
        self.client.force_login(self.bob)
        self.client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=self.bob))})
        self.client.post("/accounts/code/uitzetten/", {"password": PASSWORD})
        self.assertTrue(TOTPDevice.objects.filter(user=self.bob, confirmed=True).exists())


@pytest.mark.real_twofactor
class CodeStepTestCase(BaseTestCase):
    def setUp(self):
        self.device = give_test_app(self.bob)

    def log_in(self, next_url="/caseload/"):
        self.client.logout()
        self.client.post("/accounts/login/", {"username": "bob", "password": PASSWORD, "next": next_url})

    def type_code(self, code, next_url="/caseload/"):
        return self.client.post(VERIFY, {"code": code, "next": next_url})

    def test_after_the_password_the_code_comes_first_and_next_is_kept(self):
        self.log_in()
        response = self.client.get("/caseload/")
        self.assertEqual(response["Location"], VERIFY + "?next=%2Fcaseload%2F")
        code_page = self.client.get(response["Location"])
        self.assertContains(code_page, 'name="next" value="/caseload/"')
        # Before the code the menu offers nothing to open, only logging out.
        self.assertNotContains(code_page, 'href="/caseload/"')
        self.assertNotContains(code_page, 'href="/notifications/"')
        self.assertContains(code_page, "Uitloggen")
        response = self.type_code(code_for(self.device))
        self.assertEqual(response["Location"], "/caseload/")
        self.assertContains(self.client.get("/caseload/"), 'href="/caseload/"')

    def test_a_code_of_30_seconds_ago_works_and_one_of_5_minutes_ago_does_not(self):
        with time_machine.travel(NOW, tick=False):
            self.log_in()
            old = code_for(self.device, at=NOW.timestamp() - 300)
            response = self.type_code(old)
            self.assertContains(response, "Deze code klopt niet")
        with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
            recent = code_for(self.device, at=(NOW + timedelta(seconds=30)).timestamp())
            self.assertEqual(self.type_code(recent)["Location"], "/caseload/")

    def test_the_same_code_works_only_once(self):
        with time_machine.travel(NOW, tick=False):
            code = code_for(self.device)
            self.log_in()
            self.assertEqual(self.type_code(code)["Location"], "/caseload/")
            self.log_in()
            self.assertContains(self.type_code(code), "Deze code klopt niet")
            self.assertEqual(self.client.get("/caseload/").status_code, 302)

    def test_repeated_wrong_codes_are_throttled(self):
        with time_machine.travel(NOW, tick=False):
            self.log_in()
            self.type_code("111111")
            self.type_code("222222")
            response = self.type_code(code_for(self.device))
            self.assertContains(response, "te vaak een verkeerde code")
            self.assertContains(response, 'value="')
            self.assertEqual(self.client.get("/caseload/").status_code, 302)
        with time_machine.travel(NOW + timedelta(seconds=40), tick=False):
            self.assertEqual(self.type_code(code_for(self.device))["Location"], "/caseload/")

    def test_a_recovery_code_works_once_and_leaves_an_audit_entry(self):
        codes = twofactor.recovery_codes_make(user=self.bob)
        self.log_in()
        self.assertEqual(self.type_code(codes[0].upper())["Location"], "/caseload/")
        self.assertEqual(self.client.get("/caseload/").status_code, 200)
        self.assertEqual(StaticToken.objects.filter(device__user=self.bob).count(), 9)
        self.assertTrue(
            AuditEntry.objects.filter(
                subject_id=self.bob.pk, reason=twofactor.REASON_PREFIX + "recovery code used"
            ).exists()
        )
        self.log_in()
        self.assertContains(self.type_code(codes[0]), "Deze code klopt niet")

    def test_with_few_recovery_codes_left_the_person_is_told(self):
        codes = twofactor.recovery_codes_make(user=self.bob)
        StaticToken.objects.filter(token__in=codes[2:]).delete()
        self.log_in()
        response = self.client.post(VERIFY, {"code": codes[0], "next": "/caseload/"}, follow=True)
        self.assertContains(response, "Je hebt nog 1 herstelcode. Maak nieuwe codes")

    def test_a_next_address_elsewhere_is_not_followed(self):
        self.log_in()
        with time_machine.travel(NOW, tick=False):
            response = self.type_code(code_for(self.device), next_url="https://evil.example/")
        self.assertEqual(response["Location"], "/")

    def test_a_code_of_the_wrong_length_says_so_and_keeps_the_input(self):
        self.log_in()
        response = self.type_code("12345")
        self.assertContains(response, "Een code heeft 6 cijfers")
        self.assertContains(response, 'value="12345"')


@pytest.mark.real_twofactor
class AdminTestCase(BaseTestCase):
    def test_the_admin_refuses_an_unverified_platform_admin(self):
        request = RequestFactory().get("/admin/")
        request.user = self.pam
        self.assertFalse(admin.site.has_permission(request))
        self.pam.is_verified = lambda: False
        self.assertFalse(admin.site.has_permission(request))
        self.pam.is_verified = lambda: True
        self.assertTrue(admin.site.has_permission(request))

    def test_a_verified_platform_admin_gets_in(self):
        device = give_test_app(self.pam)
        self.client.force_login(self.pam)
        self.assertTrue(self.client.get("/admin/")["Location"].startswith(VERIFY))
        self.client.post(VERIFY, {"code": code_for(device)})
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_the_admin_never_shows_the_secret(self):
        device = give_test_app(self.bob)
        admin_device = give_test_app(self.pam)
        self.client.force_login(self.pam)
        self.client.post(VERIFY, {"code": code_for(admin_device)})
        page = self.client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, device.key)
        self.assertIsNone(re.search(r"otpauth://", page.content.decode()))
