from django.core.management.base import BaseCommand, CommandError

from samenplan.audit.services import verify


class Command(BaseCommand):
    help = "Check the audit log's hash chain. Exits non-zero, naming the first bad entry, if it was tampered with."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            help="A head hash printed by an earlier run: fail if it is no longer in the chain "
            "(entries cut off the end).",
        )

    def handle(self, *args, **options):
        result = verify(expect_head=options["expect_head"])
        if not result.ok:
            raise CommandError(f"Audit log NOT intact: {result.problem}")
        self.stdout.write(f"Audit log intact: {result.checked} entries checked. Head: {result.head}")
