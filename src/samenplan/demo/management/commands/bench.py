import json
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from samenplan.demo import benchmark


class Command(BaseCommand):
    help = (
        "Benchmark the plan page in a database of its own: against a floor view, its queries as the plan "
        "grows, with 1,000 vs 100,000 plans, the audit log's overhead and peak memory; the insights dashboard "
        "against its measures as raw SQL, and the refresh of the figures. Prints a table; --json writes the figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", metavar="PATH", help="Write the results as JSON to PATH.")
        parser.add_argument("--quick", action="store_true", help="1,000 vs 10,000 plans, fewer samples (< 1 min).")
        parser.add_argument("--check", action="store_true", help="Exit with status 1 when a target is missed.")
        parser.add_argument(
            "--tolerate",
            action="append",
            default=[],
            choices=list(benchmark.TARGETS),
            metavar="KEY",
            help="With --check: report this key's miss but do not fail on it (repeatable).",
        )
        parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards.")
        parser.add_argument("--worker", action="store_true", help="Internal: measure in the current database.")

    def handle(self, *args, **options):
        if options["worker"]:
            return self.work(options)
        database = benchmark.bench_database()
        self.stderr.write(f"Bench database: {database.description} (created now, dropped afterwards)")
        with tempfile.TemporaryDirectory() as folder:
            raw = Path(folder) / "results.json"
            env = os.environ | {"DATABASE_URL": database.url, benchmark.WORKER_GUARD: "1"}
            database.create()
            try:
                benchmark.manage("migrate", "--noinput", "--verbosity", "0", env=env)
                worker = ["bench", "--worker", "--json", str(raw)] + (["--quick"] if options["quick"] else [])
                benchmark.manage(*worker, env=env)
                results = json.loads(raw.read_text())
            finally:
                if not options["keep"]:
                    database.drop()
        self.stdout.write(benchmark.table(results))
        if options["json"]:
            path = Path(options["json"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(results, indent=2) + "\n")
            self.stdout.write(f"\n  Written to {path}")
        missed = [key for key in benchmark.missed_targets(results) if key not in options["tolerate"]]
        if options["check"] and missed:
            raise CommandError(f"Targets missed: {', '.join(missed)}")

    def work(self, options):
        # Only ever measure in a database the outer command made for the purpose.
        if os.environ.get(benchmark.WORKER_GUARD) != "1":
            raise CommandError("--worker is started by `manage.py bench` itself, in a database of its own.")
        scale = benchmark.Scale.quick() if options["quick"] else benchmark.Scale.full()

        def grow(plans):
            # The seed runs in a child process: its memory is not the serving process's.
            connections.close_all()
            if plans > 0:
                # With the history around the plans, for the insights figures.
                benchmark.manage("seed", "--plans", str(plans), "--batch-size", "1000", "--history")

        def say(message):
            self.stderr.write(f"  {message}")
            sys.stderr.flush()

        results = benchmark.run(scale, grow, say)
        Path(options["json"]).write_text(json.dumps(results, indent=2))
