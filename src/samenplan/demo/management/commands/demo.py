import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.urls import reverse

from samenplan.accounts.services import activation_token_make
from samenplan.demo.builder import build, pending_activations
from samenplan.lib.mail import absolute_url


class Command(BaseCommand):
    help = "Load the demo town (safe to run again) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the accounts as JSON only.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo people with a known password do not belong in a production database.")
        # The demo's history (referrals sent and answered weeks ago) is not mailed today.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            accounts = build()
        if options["json"]:
            self.stdout.write(json.dumps(accounts, indent=2))
            return
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Every demo account has the password below."))
        self.stdout.write(f"\n  {'username':<20} {'role':<21} {'name':<24} plans")
        for account in accounts:
            plans = ", ".join(str(p) for p in account["plans"]) or "-"
            self.stdout.write(f"  {account['username']:<20} {account['role']:<21} {account['name']:<24} {plans}")
        self.stdout.write(f"\n  password for all: {accounts[0]['password']}")
        for user in pending_activations():
            url = absolute_url(reverse("activate", args=[activation_token_make(user=user)]))
            self.stdout.write(f"\n  {user.display_name} has not opened the plan yet. Try the activation link:\n  {url}")
        self.stdout.write("")
