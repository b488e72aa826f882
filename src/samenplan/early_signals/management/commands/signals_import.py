"""`manage.py signals_import PARTNER FILE.csv`: import a partner's CSV file of early signals
(a file drop, or the benchmark), all rows or none; a reference sent before is skipped."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenplan.accounts.models import Organisation
from samenplan.audit import context as audit
from samenplan.early_signals.services.importing import signals_import


class Command(BaseCommand):
    help = "Import a partner's CSV file of early signals (payment arrears)."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="the partner organisation's id or exact name")
        parser.add_argument("path", help="the CSV file")

    def handle(self, *args, partner, path, **options):
        organisation = self._partner(partner)
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        started = time.perf_counter()
        # Outside a request: the import is audited as done by the system.
        with audit.task("signals_import"):
            report = signals_import(partner=organisation, content=content, filename=Path(path).name)
        elapsed = time.perf_counter() - started
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Done in {elapsed:.2f} s.")
        if not report.ok:
            raise CommandError("Nothing imported.")

    def _partner(self, value: str) -> Organisation:
        partners = Organisation.objects.filter(delivers_signals=True)
        found = partners.filter(pk=int(value)).first() if value.isdigit() else partners.filter(name=value).first()
        if found is None:
            raise CommandError(f"No organisation that delivers early signals matches {value!r}.")
        return found
