"""Production refuses the demo and refuses to run without the audit log (docs/security.md,
"Production checks")."""

import os
import subprocess
import sys
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.test import SimpleTestCase, TestCase, override_settings

from samenplan.accounts.models import User

PRODUCTION_ENVIRONMENT = {
    # The production environment README.md documents ("Running it for real").
    "SAMENPLAN_ENV": "production",
    "SAMENPLAN_SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
    "SAMENPLAN_AUDIT_KEY": "a-separate-audit-key-" + "Qw3" * 10,
    "SAMENPLAN_ALLOWED_HOSTS": "samenplan.example.nl",
    "SAMENPLAN_BASE_URL": "https://samenplan.example.nl",
}


class DemoInProductionTestCase(TestCase):
    @override_settings(PRODUCTION=True)
    def test_the_demo_refuses_to_run_in_production(self):
        with self.assertRaisesMessage(CommandError, "production"):
            call_command("demo", "--synthetic", "0", stdout=StringIO())
        self.assertFalse(User.objects.exists())


class AuditLogCheckTestCase(SimpleTestCase):
    @override_settings(PRODUCTION=True, SAMENPLAN_AUDIT_ENABLED=False)
    def test_the_deploy_check_fails_in_production_without_the_audit_log(self):
        with self.assertRaisesMessage(SystemCheckError, "samenplan.audit.E001"):
            call_command("check", "--deploy", stdout=StringIO(), stderr=StringIO())

    @override_settings(PRODUCTION=True, SAMENPLAN_AUDIT_ENABLED=True)
    def test_with_the_audit_log_on_that_check_is_quiet(self):
        output = StringIO()
        call_command("check", "--deploy", "--fail-level", "CRITICAL", stdout=output, stderr=output)
        self.assertNotIn("samenplan.audit.E001", output.getvalue())

    @override_settings(PRODUCTION=False, SAMENPLAN_AUDIT_ENABLED=False)
    def test_outside_production_the_benchmark_may_switch_it_off(self):
        output = StringIO()
        call_command("check", "--deploy", "--fail-level", "CRITICAL", stdout=output, stderr=output)
        self.assertNotIn("samenplan.audit.E001", output.getvalue())

    def run_check(self, **environment):
        return subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=settings.BASE_DIR,
            env=os.environ | PRODUCTION_ENVIRONMENT | environment,
            capture_output=True,
            text=True,
            check=False,
        )

    def test_the_documented_production_environment_passes_and_switching_the_log_off_fails(self):
        result = self.run_check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)
        result = self.run_check(SAMENPLAN_AUDIT_ENABLED="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("samenplan.audit.E001", result.stderr)
