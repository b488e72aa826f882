from django.core.management.base import BaseCommand

from samenplan.privacy.erasure import erase_expired, erasure_preview, expired_plans, retention_years


class Command(BaseCommand):
    help = (
        "Erase closed plans past the retention period (SAMENPLAN_RETENTION_YEARS) with everything that "
        "belongs only to them, and their owners' accounts when nothing else holds them; the audit log "
        "keeps verifying (docs/privacy.md). Run it daily; running it twice, even at once, is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be erased; erase nothing.")

    def handle(self, *args, **options):
        if options["dry_run"]:
            plans = list(expired_plans())
            totals: dict[str, int] = {}
            for plan in plans:
                for label, count in erasure_preview(plan).items():
                    totals[label] = totals.get(label, 0) + count
            self.stdout.write(f"{len(plans)} plan(s) closed more than {retention_years()} years ago would be erased.")
            for label, count in sorted(totals.items()):
                self.stdout.write(f"  {label}: {count}")
            return
        done = erase_expired()
        accounts = sum(erasure.account_erased for erasure in done)
        self.stdout.write(
            f"Erased {len(done)} plan(s) past the retention period of {retention_years()} years "
            f"and {accounts} account(s)."
        )
