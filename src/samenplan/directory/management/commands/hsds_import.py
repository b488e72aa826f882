"""`manage.py hsds_import PATH`: read the social map from HSDS 3.0 (a JSON file, a folder of
JSON files, or a tabular data package) and upsert it by id, in one transaction."""

import time

from django.core.management.base import BaseCommand, CommandError

from samenplan.directory import hsds


class Command(BaseCommand):
    help = "Import HSDS 3.0 JSON or a tabular data package (CSV + datapackage.json) into the social map."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a JSON file, a folder of JSON files, or a data package folder")

    def handle(self, *args, path, **options):
        started = time.perf_counter()
        gathered = hsds.gather_path(path)
        try:
            report = hsds.import_gathered(gathered)
        except hsds.ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(problem)
            raise CommandError(f"Nothing imported: {len(refused.problems)} problem(s).") from None
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Done in {time.perf_counter() - started:.2f} s.")
