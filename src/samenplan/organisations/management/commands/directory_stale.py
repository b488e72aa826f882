from django.core.management.base import BaseCommand

from samenplan.organisations.services import stale_services_notify


class Command(BaseCommand):
    help = (
        "Tell organisation admins about services on the social map not checked for half a year "
        "(once per listing per half year). Safe to run daily, and twice at once."
    )

    def handle(self, *args, **options):
        claimed = stale_services_notify()
        self.stdout.write(f"{claimed} stale listings claimed; their organisations' admins were told.")
