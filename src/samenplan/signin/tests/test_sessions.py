"""Staff sessions end after 15 minutes idle and 10 hours in all; a form sent on an ended
session comes back after logging in again as the same person (docs/security.md,
"Sessions")."""

import html
import re
from datetime import datetime, timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from samenplan.plans.models import StoryVersion
from samenplan.signin import twofactor
from samenplan.signin.sessions import KEPT_FORM
from samenplan.testing.base import PASSWORD, BaseTestCase

START = timezone.make_aware(datetime(2026, 3, 5, 8, 0))
PAGE = "/accounts/"
LOGIN = "/accounts/login/"
KEPT = "/accounts/kept-form/"
IDLE_MESSAGE = "Je bent uitgelogd, omdat je 15 minuten niets hebt gedaan."
TOTAL_MESSAGE = "Je bent uitgelogd, omdat je 10 uur ingelogd was."
KEPT_MESSAGE = "Wat je had getypt, is bewaard."
TEXT = "Bob schreef dit op na het gesprek.\r\nTweede regel: huur & energie, 'dringend'."


def _csrf(response, action=None) -> str:
    page = response.content.decode()
    if action is not None:
        page = page[page.index(f'action="{action}"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _second_step_done(client) -> None:
    # The second step of logging in (signin/twofactor.py) is not what these tests are about:
    # the session counts as verified, as after an eHerkenning login.
    session = client.session
    session[twofactor.MFA_SESSION_KEY] = twofactor.MFA_BY_EHERKENNING
    session.save()


class SessionLimitTestCase(BaseTestCase):
    def login(self, user):
        super().login(user)
        _second_step_done(self.client)

    def assert_logged_out_with(self, response, message):
        self.assertRedirects(response, f"{LOGIN}?next={PAGE}", fetch_redirect_response=False)
        self.assertContains(self.client.get(response["Location"]), message)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_professional_idle_for_16_minutes_is_logged_out_and_told_why(self):
        with time_machine.travel(START, tick=False) as clock:
            self.login(self.bob)
            self.assertEqual(self.client.get(PAGE).status_code, 200)
            clock.shift(timedelta(minutes=16))
            self.assert_logged_out_with(self.client.get(PAGE), IDLE_MESSAGE)
            # Logged out for real: the next page asks for a login again, without a message.
            response = self.client.get(PAGE)
            self.assertEqual(response.status_code, 302)
            self.assertNotContains(self.client.get(response["Location"]), IDLE_MESSAGE)

    def test_activity_every_10_minutes_keeps_it_alive_for_10_hours_and_not_beyond(self):
        with time_machine.travel(START, tick=False) as clock:
            self.login(self.bob)
            for _ in range(60):
                self.assertEqual(self.client.get(PAGE).status_code, 200, timezone.localtime())
                clock.shift(timedelta(minutes=10))
            # 10 hours after the first page: not a minute more.
            self.assertEqual(timezone.localtime().strftime("%H:%M"), "18:00")
            clock.shift(timedelta(minutes=1))
            self.assert_logged_out_with(self.client.get(PAGE), TOTAL_MESSAGE)

    def test_logging_in_again_starts_the_clock_afresh(self):
        with time_machine.travel(START, tick=False) as clock:
            self.login(self.bob)
            self.assertEqual(self.client.get(PAGE).status_code, 200)
            clock.shift(timedelta(minutes=14))
            self.login(self.bob)  # on the same, still open session
            clock.shift(timedelta(minutes=14))
            self.assertEqual(self.client.get(PAGE).status_code, 200)

    def test_other_staff_roles_have_the_same_limit(self):
        for user in (self.ann, self.pam, self.brit, self.wendy):
            with time_machine.travel(START, tick=False) as clock:
                self.login(user)
                self.assertEqual(self.client.get(PAGE).status_code, 200, user.username)
                clock.shift(timedelta(minutes=16))
                self.assertEqual(self.client.get(PAGE).status_code, 302, user.username)

    def test_a_resident_or_network_member_is_not_cut_off_after_15_minutes(self):
        for user in (self.alice, self.carol):
            with time_machine.travel(START, tick=False) as clock:
                self.login(user)
                self.assertEqual(self.client.get(PAGE).status_code, 200)
                clock.shift(timedelta(minutes=16))
                self.assertEqual(self.client.get(PAGE).status_code, 200, user.username)
                clock.shift(timedelta(hours=3))
                self.assertEqual(self.client.get(PAGE).status_code, 200, user.username)


class FormKeptTestCase(BaseTestCase):
    def setUp(self):
        # A browser: every form needs its CSRF token.
        self.client = Client(enforce_csrf_checks=True)
        self.edit = f"/plans/{self.plan.pk}/story/edit/"
        self.versions = StoryVersion.objects.filter(plan=self.plan)

    def log_in_with_password(self, user, next_url=""):
        page = self.client.get(f"{LOGIN}?next={next_url}" if next_url else LOGIN)
        response = self.client.post(
            LOGIN,
            {"username": user.username, "password": PASSWORD, "next": next_url, "csrfmiddlewaretoken": _csrf(page)},
        )
        self.assertEqual(response.status_code, 302)
        _second_step_done(self.client)
        return response

    def write_the_story_too_late(self, text=TEXT):
        """Bob opens the story, types for 20 minutes and sends it: the session has ended."""
        form = self.client.get(self.edit)
        self.assertEqual(form.status_code, 200)
        with time_machine.travel(timezone.now() + timedelta(minutes=20)):
            response = self.client.post(
                self.edit, {"text": text, "base_number": "1", "csrfmiddlewaretoken": _csrf(form)}
            )
        return response

    def test_the_story_typed_before_the_session_ended_is_saved_exactly_once(self):
        self.log_in_with_password(self.bob)
        before = self.versions.count()
        response = self.write_the_story_too_late()
        self.assertRedirects(response, f"{LOGIN}?next={KEPT}", fetch_redirect_response=False)
        self.assertEqual(self.versions.count(), before)
        login_page = self.client.get(response["Location"])
        self.assertContains(login_page, IDLE_MESSAGE)
        self.assertContains(login_page, KEPT_MESSAGE)

        response = self.log_in_with_password(self.bob, next_url=KEPT)
        self.assertEqual(response["Location"], KEPT)
        page = self.client.get(KEPT)
        self.assertContains(page, "Wat je typte opnieuw versturen?")
        self.assertContains(page, "huur &amp; energie, &#x27;dringend&#x27;.")
        self.assertContains(page, f'<form method="post" action="{self.edit}">')
        self.assertNotContains(page, 'csrfmiddlewaretoken" value=""')

        # What the browser sends with the one button: the hidden fields and a fresh token.
        form = page.content.decode().split(f'action="{self.edit}">')[1].split("</form>")[0]
        data = {name: html.unescape(value) for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form)}
        self.assertEqual(set(data), {"csrfmiddlewaretoken", "text", "base_number"})
        response = self.client.post(self.edit, data)
        self.assertRedirects(response, f"/plans/{self.plan.pk}/story/", fetch_redirect_response=False)
        self.assertEqual(self.versions.filter(text=TEXT).count(), 1)
        self.assertEqual(self.versions.count(), before + 1)
        self.assertEqual(self.versions.order_by("-number").first().written_by, self.bob)
        # Shown once: the page does not offer it a second time.
        self.assertRedirects(self.client.get(KEPT), "/", fetch_redirect_response=False)

    def test_throwing_it_away_saves_nothing(self):
        self.log_in_with_password(self.bob)
        before = self.versions.count()
        self.write_the_story_too_late()
        self.log_in_with_password(self.bob, next_url=KEPT)
        page = self.client.get(KEPT)
        response = self.client.post(KEPT, {"csrfmiddlewaretoken": _csrf(page, action=KEPT)}, follow=True)
        self.assertContains(response, "Wat je had getypt, is weggegooid.")
        self.assertEqual(self.versions.count(), before)
        self.assertRedirects(self.client.get(KEPT), "/", fetch_redirect_response=False)

    def test_someone_else_logging_in_gets_nothing_back(self):
        self.log_in_with_password(self.bob)
        self.write_the_story_too_late()
        response = self.log_in_with_password(self.dave, next_url=KEPT)
        self.assertEqual(response["Location"], KEPT)
        response = self.client.get(KEPT)
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertNotIn("huur", self.client.get("/", follow=True).content.decode())
        # Gone for good: not even Bob gets it now.
        self.assertNotIn(KEPT_FORM, self.client.session)
        self.client.post("/accounts/logout/", {"csrfmiddlewaretoken": _csrf(self.client.get(PAGE))})
        self.log_in_with_password(self.bob, next_url=KEPT)
        self.assertRedirects(self.client.get(KEPT), "/", fetch_redirect_response=False)

    def test_a_form_without_a_valid_csrf_token_is_not_kept(self):
        self.log_in_with_password(self.bob)
        with time_machine.travel(timezone.now() + timedelta(minutes=20)):
            response = self.client.post(self.edit, {"text": "planted", "base_number": "1", "csrfmiddlewaretoken": "x"})
            self.assertEqual(response.status_code, 403)
            self.assertNotIn(KEPT_FORM, self.client.session)

    def test_passwords_are_never_kept(self):
        self.log_in_with_password(self.bob)
        page = self.client.get("/accounts/password/change/")
        with time_machine.travel(timezone.now() + timedelta(minutes=20)):
            response = self.client.post(
                "/accounts/password/change/",
                {
                    "old_password": PASSWORD,
                    "new_password1": "een geheime nieuwe zin",
                    "new_password2": "een geheime nieuwe zin",
                    "csrfmiddlewaretoken": _csrf(page),
                },
            )
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(KEPT_FORM, self.client.session)
        self.assertNotIn("geheime", str(dict(self.client.session)))
