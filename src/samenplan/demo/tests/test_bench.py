import pytest
from django.conf import settings
from django.db import connection
from django.test import TestCase

from samenplan.demo import benchmark
from samenplan.demo.seeding import seed
from samenplan.plans.models import Plan

KEYS = {
    "plan_page_vs_floor",
    "plan_page_queries_small",
    "plan_page_queries_large",
    "plan_page_1k_vs_100k",
    "audit_overhead",
    "peak_rss_mb",
    "referral_inbox_queries_small",
    "referral_inbox_queries_large",
    "socialmap_search_vs_floor",
    "triage_queries_small",
    "triage_queries_large",
    "signal_import_rows_per_s",
    "insights_vs_raw_sql",
    "insights_refresh_s",
    "api_plan_vs_page",
}


class BenchTestCase(TestCase):
    # Staff log in as in production (the benchmark verifies their second factor itself).
    @pytest.mark.real_twofactor
    def test_a_tiny_run_reports_every_key_and_the_plan_page_queries_do_not_grow(self):
        grown = []

        def grow(plans):
            grown.append(plans)
            seed(plans=plans, stream=False, history=True)

        scale = benchmark.Scale(small_db=4, large_db=9, samples=3, warmup=1, signal_rows=50, insights_samples=2)
        results = benchmark.run(scale, grow)
        self.assertLessEqual(KEYS, set(results))
        # 4 synthetic plans, then the two benchmark plans, then up to 9 in all.
        self.assertEqual(grown, [4, 3])
        # (The referral inbox's plans are made after the last measurement of the plan page.)
        self.assertEqual(Plan.objects.exclude(owner__username__startswith="bench.inbox.").count(), 9)
        self.assertEqual(results["plan_page_queries_small"], results["plan_page_queries_large"])
        self.assertLessEqual(results["plan_page_queries_large"], 15)
        self.assertEqual(results["referral_inbox_queries_small"], results["referral_inbox_queries_large"])
        self.assertLessEqual(results["referral_inbox_queries_large"], 10)
        self.assertEqual(results["triage_queries_small"], results["triage_queries_large"])
        self.assertGreater(results["signal_import_rows_per_s"], 0)
        for key in ("plan_page_vs_floor", "plan_page_1k_vs_100k", "audit_overhead", "peak_rss_mb", "api_plan_vs_page"):
            self.assertGreater(results[key], 0, key)
        # The plan page does real work; the floor view almost none.
        self.assertGreater(results["plan_page_vs_floor"], 1)
        # The dashboard was timed against its measures as raw SQL, after a refresh.
        self.assertGreater(results["insights_vs_raw_sql"], 0)
        self.assertGreaterEqual(results["insights_refresh_s"], 0)
        self.assertGreater(results["details"]["insights_dashboard_queries"], 0)
        self.assertIn("insights_refresh_s", benchmark.table(results))

    def test_the_benchmark_plans_have_the_agreed_shape(self):
        small = benchmark.build_plan(1, "s")
        large = benchmark.build_plan(10, "l")
        for plan, factor in ((small, 1), (large, 10)):
            self.assertEqual(plan.goals.count(), 12 * factor)
            self.assertEqual(plan.agreements.count(), 40 * factor)
            self.assertEqual(plan.memberships.count(), 10 * factor)
            self.assertEqual(plan.measurements.count(), 6 * factor)
            self.assertEqual(plan.memberships.filter(role="coordinator").count(), 1)

    def test_a_missed_target_is_named_and_unequal_query_counts_count_as_missed(self):
        good = dict.fromkeys(KEYS, 1) | {"plan_page_queries_small": 12, "plan_page_queries_large": 12}
        good["hsds_import_services_per_s"] = 600
        good["signal_import_rows_per_s"] = 1_200
        self.assertEqual(benchmark.missed_targets(good), [])
        self.assertEqual(benchmark.missed_targets(good | {"insights_vs_raw_sql": 1.6}), ["insights_vs_raw_sql"])
        self.assertEqual(benchmark.missed_targets(good | {"plan_page_vs_floor": 4.5}), ["plan_page_vs_floor"])
        self.assertEqual(benchmark.missed_targets(good | {"api_plan_vs_page": 1.25}), ["api_plan_vs_page"])
        self.assertEqual(benchmark.missed_targets(good | {"plan_page_queries_large": 13}), ["plan_page_queries_large"])
        self.assertEqual(benchmark.missed_targets(good | {"peak_rss_mb": 251}), ["peak_rss_mb"])
        self.assertEqual(
            benchmark.missed_targets(good | {"hsds_import_services_per_s": 499}), ["hsds_import_services_per_s"]
        )
        self.assertEqual(
            benchmark.missed_targets(good | {"referral_inbox_queries_large": 2}), ["referral_inbox_queries_large"]
        )
        self.assertEqual(benchmark.missed_targets(good | {"triage_queries_large": 2}), ["triage_queries_large"])
        self.assertEqual(
            benchmark.missed_targets(good | {"signal_import_rows_per_s": 999}), ["signal_import_rows_per_s"]
        )

    def test_the_bench_database_is_a_separate_one(self):
        database = benchmark.bench_database()
        if connection.vendor == "sqlite":
            self.assertTrue(database.url.endswith("/var/bench/bench.sqlite3"), database.url)
        else:
            name = settings.DATABASES["default"]["NAME"]
            self.assertTrue(database.url.endswith(f"/{name}_bench"), database.url)
