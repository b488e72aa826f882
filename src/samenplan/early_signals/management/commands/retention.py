from django.core.management.base import BaseCommand

from samenplan.early_signals.services.retention import retention_due, retention_run


class Command(BaseCommand):
    help = (
        "Delete early signals after which no help followed and questions that led to no plan, once their "
        "retention period has passed (see docs/hubs-and-signals.md). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be deleted; delete nothing.")

    def handle(self, *args, **options):
        if options["dry_run"]:
            due = retention_due()
            for kind, ids in (("signals", due.signals), ("questions", due.questions), ("uploads", due.uploads)):
                listed = ", ".join(str(pk) for pk in ids) or "-"
                self.stdout.write(f"{len(ids)} {kind} would be deleted: {listed}")
            return
        counts = retention_run()
        self.stdout.write(
            f"Deleted {counts['signals']} signal(s), {counts['questions']} question(s) "
            f"and {counts['uploads']} upload(s) past their retention period."
        )
