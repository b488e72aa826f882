from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenplan.demo.builder import demo_app_code


class Command(BaseCommand):
    help = "Print the code the demo staff type after their password (it changes every 30 seconds)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo's app key does not belong in production.")
        self.stdout.write(demo_app_code())
