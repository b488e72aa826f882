from django.core.management.base import BaseCommand

from samenplan.plans.reminders import reminders_send


class Command(BaseCommand):
    help = "Email coordinators about evaluations due within 7 days and overdue agreements (each reminder once)."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} new reminder(s) sent.")
