from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samenplan.demo.seeding import seed


class Command(BaseCommand):
    help = "Add N synthetic residents with realistic plans, in bulk (for load tests and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--plans", type=int, required=True, help="How many plans to add.")
        parser.add_argument("--batch-size", type=int, default=500, help="Plans per transaction (default 500).")
        parser.add_argument("--seed", type=int, default=2024, help="Random seed, for repeatable data.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also referrals, hub questions, early signals, emergency accesses, case conferences and "
            "breakthrough requests around the plans, for the insights figures.",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Synthetic people do not belong in a production database.")
        if options["plans"] < 1 or options["batch_size"] < 1:
            raise CommandError("--plans and --batch-size must be at least 1.")
        result = seed(
            plans=options["plans"],
            batch_size=options["batch_size"],
            random_seed=options["seed"],
            stream=False if options["quiet"] else self.stderr,
            history=options["history"],
        )
        self.stdout.write(
            f"Added {result.plans:,} plans and {result.users:,} people ({result.rows:,} rows) "
            f"in {result.seconds:.1f}s: {result.plans / result.seconds:,.0f} plans/s, "
            f"{result.rows / result.seconds:,.0f} rows/s."
        )
