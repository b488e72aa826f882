import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from samenplan.accounts.models import User
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import AgreementFactory, EvaluationFactory, GoalFactory, UserFactory

PAGES = [
    "",
    "goals/",
    "agreements/",
    "assessment/",
    "assessment/zelfredzaamheid/new/",
    "assessment/zelfredzaamheid/steps/",
    "story/",
    "story/edit/",
    "priorities/",
    "strengths/",
    "evaluations/",
    "network/",
    "sharing/",
    "sharing/everyone/",
    "sharing/{carol}/",
    "conversations/",
    "access-log/",
    "print/",
]


class PageHygieneTestCase(BaseTestCase):
    """Strict CSP, no inline script or style, nothing loaded from other hosts."""

    def pages(self):
        GoalFactory(plan=self.plan)
        AgreementFactory(plan=self.plan)
        EvaluationFactory(plan=self.plan)
        self.login(self.alice)
        yield "/accounts/login/", self.client.get("/accounts/login/")
        for page in PAGES:
            url = f"/plans/{self.plan.pk}/{page.format(carol=self.carol_membership.pk)}"
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            yield url, response
        self.login(self.bob)
        yield "/caseload/", self.client.get("/caseload/")
        yield "/intake/", self.client.get("/intake/")
        yield "a missing plan", self.client.get("/plans/999999/")
        self.client.logout()
        for user, url in (
            (None, "/activeren/"),
            (UserFactory(role=User.Role.ORG_ADMIN, organisation=self.debt_team), "/organisatie/"),
        ):
            if user:
                self.login(user)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            yield url, response

    def test_every_page_sends_a_strict_content_security_policy(self):
        for url, response in self.pages():
            policy = response["Content-Security-Policy"]
            self.assertIn("default-src 'none'", policy, url)
            self.assertIn("script-src 'self'", policy, url)
            self.assertNotIn("unsafe-inline", policy, url)
            self.assertNotIn("unsafe-eval", policy, url)
            self.assertIn("frame-ancestors 'none'", policy, url)

    def test_no_page_has_inline_script_style_or_event_handlers(self):
        for url, response in self.pages():
            html = response.content.decode()
            for script in re.findall(r"<script[^>]*>", html):
                self.assertRegex(script, r'src="/static/', url)
            self.assertNotRegex(html, r"<script[^>]*>\s*[^<\s]", url)
            self.assertNotIn("<style", html, url)
            self.assertNotRegex(html, r"\sstyle=", url)
            self.assertNotRegex(html, r"\son[a-z]+=", url)

    def test_nothing_is_loaded_from_another_host(self):
        for url, response in self.pages():
            html = response.content.decode()
            self.assertNotRegex(html, r'(src|href|action)="(https?:)?//', url)

    def test_pages_with_personal_data_are_not_cached(self):
        for url, response in self.pages():
            self.assertIn("no-store", response["Cache-Control"], url)

    def test_every_field_has_a_label(self):
        for url, response in self.pages():
            html = response.content.decode()
            fields = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html)
            for field_id in fields:
                self.assertRegex(html, rf'<label[^>]*for="{re.escape(field_id)}"', f"{url}: #{field_id}")


class StaticFilesTestCase(SimpleTestCase):
    def test_the_stylesheets_and_script_load_nothing_from_elsewhere(self):
        static = Path(settings.BASE_DIR) / "src" / "samenplan" / "static"
        for path in static.rglob("*"):
            if path.suffix in {".css", ".js"}:
                text = path.read_text()
                self.assertNotRegex(text, r"https?://|@import|url\(\s*['\"]?//", path.name)


class DeployCheckTestCase(SimpleTestCase):
    def test_check_deploy_is_clean_with_the_documented_production_environment(self):
        env = os.environ | {
            "SAMENPLAN_ENV": "production",
            "SAMENPLAN_SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
            "SAMENPLAN_AUDIT_KEY": "a-separate-audit-key-" + "Qw3" * 10,
            "SAMENPLAN_ALLOWED_HOSTS": "samenplan.example.nl",
            "SAMENPLAN_BASE_URL": "https://samenplan.example.nl",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)


class InstallationSecretTestCase(SimpleTestCase):
    def test_each_installation_makes_its_own_secret_key_and_keeps_it(self):
        from samenplan.settings import installation_secret

        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            key = installation_secret("secret_key", Path(first))
            self.assertGreaterEqual(len(key), 50)
            self.assertEqual(installation_secret("secret_key", Path(first)), key)
            self.assertNotEqual(installation_secret("secret_key", Path(second)), key)
            self.assertEqual(stat.S_IMODE((Path(first) / "secret_key").stat().st_mode), 0o600)

    def test_without_a_key_in_the_environment_the_app_runs_on_this_installations_key(self):
        expected = os.environ.get("SAMENPLAN_SECRET_KEY") or (settings.VAR_DIR / "secret_key").read_text().strip()
        self.assertEqual(settings.SECRET_KEY, expected)
        self.assertNotIn("development-only", settings.SECRET_KEY)
