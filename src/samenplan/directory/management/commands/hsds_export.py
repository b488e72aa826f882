"""`manage.py hsds_export DIR`: write the social map as HSDS 3.0, both as JSON
(services.json, organizations.json, taxonomies.json, taxonomy_terms.json) and as a tabular
data package (DIR/csv/ with datapackage.json)."""

from django.core.management.base import BaseCommand

from samenplan.directory import hsds


class Command(BaseCommand):
    help = "Export the social map as HSDS 3.0 JSON and as a tabular data package."

    def add_arguments(self, parser):
        parser.add_argument("dir", help="the folder to write to (made if missing)")

    def handle(self, *args, dir, **options):
        counts = hsds.export_json(dir)
        self.stdout.write(
            f"Wrote {counts['services']} services, {counts['organizations']} organizations and "
            f"{counts['taxonomy_terms']} taxonomy terms to {dir} (JSON) and {dir}/csv (data package)."
        )
