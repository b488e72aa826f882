from django.core.management.base import BaseCommand

from samenplan.referrals.reminders import referral_reminders_send


class Command(BaseCommand):
    help = "Remind receiving teams and referrers of referrals not answered in time (each referral once)."

    def handle(self, *args, **options):
        count = referral_reminders_send()
        self.stdout.write(f"{count} overdue referral(s) reminded.")
