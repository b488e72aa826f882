from django.core.management.base import BaseCommand

from samenplan.insights.refresh import refresh


class Command(BaseCommand):
    help = "Compute all insights figures from scratch (run nightly); the pages show the latest run."

    def handle(self, *args, **options):
        record = refresh()
        figures = record.figures.count()
        self.stdout.write(f"Insights refreshed: {figures:,} figures in {record.seconds:.1f} s.")
