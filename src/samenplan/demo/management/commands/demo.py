import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.accounts.services import activation_token_make
from samenplan.demo.builder import build, demo_app_secret, pending_activations
from samenplan.demo.seeding import EMAIL_DOMAIN, seed
from samenplan.insights.refresh import refresh
from samenplan.lib.mail import absolute_url
from samenplan.plans.models import Plan

# Synthetic plans with two years of history around the demo's own, so the insights
# dashboard shows real figures (and a few hidden ones). The test suite sets it to 0.
SYNTHETIC_PLANS = 3_000


class Command(BaseCommand):
    help = (
        "Load the demo town (safe to run again) with synthetic plans and their history, compute the "
        "insights figures, and print the demo accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the accounts as JSON only.")
        parser.add_argument(
            "--synthetic",
            type=int,
            default=None,
            metavar="N",
            help=f"Synthetic plans with history for the insights (default {SYNTHETIC_PLANS:,}; "
            "added once, when the database has none).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo people with a known password do not belong in a production database.")
        synthetic = options["synthetic"]
        if synthetic is None:
            synthetic = getattr(settings, "SAMENPLAN_DEMO_SYNTHETIC_PLANS", SYNTHETIC_PLANS)
        if synthetic < 0:
            raise CommandError("--synthetic must be 0 or more.")
        # The demo's history (referrals sent and answered weeks ago) is not mailed today.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            accounts = build()
        added = None
        if synthetic and not Plan.objects.filter(owner__email__endswith=f"@{EMAIL_DOMAIN}").exists():
            added = seed(plans=synthetic, history=True, stream=False if options["json"] else self.stderr)
        figures = refresh()
        if options["json"]:
            self.stdout.write(json.dumps(accounts, indent=2))
            return
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Every demo account has the password below."))
        self.stdout.write(f"\n  {'username':<20} {'role':<21} {'name':<24} plans")
        for account in accounts:
            plans = ", ".join(str(p) for p in account["plans"]) or "-"
            self.stdout.write(f"  {account['username']:<20} {account['role']:<21} {account['name']:<24} {plans}")
        self.stdout.write(f"\n  password for all: {accounts[0]['password']}")
        self.stdout.write(
            "  staff (everyone but residents and network members) then type a code: add the key "
            f"{demo_app_secret()} to an authenticator app, or run `python manage.py demo_code` "
            "for the code of this moment"
        )
        synthetic_plans = Plan.objects.filter(owner__email__endswith=f"@{EMAIL_DOMAIN}").count()
        if added is not None:
            self.stdout.write(
                f"\n  Added {added.plans:,} synthetic plans with two years of history in {added.seconds:.0f} s."
            )
        analysts = [a["username"] for a in accounts if a["role"] == User.Role.ANALYST]
        self.stdout.write(
            f"\n  Insights: {synthetic_plans:,} synthetic plans and the demo's own, figures computed in "
            f"{figures.seconds:.0f} s. Log in as {', '.join(analysts) or 'a policy analyst'} to see them at "
            f"{absolute_url(reverse('insights'))}"
        )
        for user in pending_activations():
            url = absolute_url(reverse("activate", args=[activation_token_make(user=user)]))
            self.stdout.write(f"\n  {user.display_name} has not opened the plan yet. Try the activation link:\n  {url}")
        self.stdout.write("")
