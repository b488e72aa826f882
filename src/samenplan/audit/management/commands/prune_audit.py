from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samenplan.audit.services import prune


class Command(BaseCommand):
    help = "Remove audit entries older than the retention period, leaving a signed checkpoint."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.AUDIT_RETENTION_DAYS)

    def handle(self, *args, **options):
        before = timezone.now() - timedelta(days=options["days"])
        checkpoint = prune(before=before)
        if checkpoint is None:
            self.stdout.write(f"Nothing older than {before:%Y-%m-%d} to prune.")
        else:
            self.stdout.write(f"Pruned {checkpoint.pruned} entries older than {before:%Y-%m-%d}; the chain continues.")
