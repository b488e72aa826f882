"""`manage.py demo` with synthetic plans and their history: the insights dashboard shows
real figures for the town and every wijk, a few cells stay hidden, the analyst lands on
it, and the demo's own people see their own stories as before.

Built once, as `make demo` builds it (3,000 synthetic plans; the tests of the demo's own
stories leave them out): with fewer, agreements made in one quarter in the first months of
a plan would be too few in the smaller village. About 40 s."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import User, Wijk
from samenplan.conferences.models import BreakthroughRequest
from samenplan.conferences.selectors.breakthrough import breakthrough_queue
from samenplan.conferences.selectors.consults import consults_page
from samenplan.demo.management.commands.demo import SYNTHETIC_PLANS
from samenplan.demo.seeding import EMAIL_DOMAIN
from samenplan.early_signals.models import Signal
from samenplan.early_signals.selectors.outreach import signal_queue
from samenplan.early_signals.selectors.partner import partner_signal_page
from samenplan.hubs.models import Question
from samenplan.hubs.selectors import question_queue
from samenplan.insights import selectors
from samenplan.insights.compute import Quarter
from samenplan.insights.measures import MEASURES
from samenplan.insights.models import Figure
from samenplan.plans.models import Plan
from samenplan.referrals.models import Referral
from samenplan.referrals.selectors_inbox import referral_inbox

SYNTHETIC = SYNTHETIC_PLANS
# The indicators of the dashboard's first section (insights.measures: "The four indicators").
INDICATORS = [
    "eigen_verhaal",
    "eigen_regie",
    "eigen_kracht",
    "eigen_kracht_start",
    "eigen_kracht_later",
    "resultaten_doelen",
    "resultaten_zelfredzaamheid",
    "resultaten_zelfredzaamheid_professional",
]
SYNTHETIC_OWNER = f"@{EMAIL_DOMAIN}"


class DemoInsightsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        out = StringIO()
        call_command("demo", "--json", "--synthetic", str(SYNTHETIC), stdout=out)
        cls.accounts = json.loads(out.getvalue())

    def setUp(self):
        self.refresh = selectors.latest_refresh()
        # The quarters shown, oldest first; the last one is under way.
        self.quarters = self.refresh.quarters
        self.last_full = self.quarters[-2]
        self.wijken = [area for area, _name in selectors.areas()]

    def test_the_synthetic_plans_started_over_eight_quarters_in_every_wijk(self):
        synthetic = Plan.objects.filter(owner__email__endswith=SYNTHETIC_OWNER)
        self.assertEqual(synthetic.count(), SYNTHETIC)
        self.assertEqual(Wijk.objects.count(), 7)
        started = {(plan.wijk_id, Quarter.of(timezone.localdate(plan.created_at)).key) for plan in synthetic}
        for wijk in Wijk.objects.all():
            for quarter in self.quarters:
                self.assertIn((wijk.pk, quarter), started, f"no plan started in {wijk} in {quarter}")
        # One wijk, a village, is clearly smaller than the others.
        per_wijk = sorted(synthetic.filter(wijk=wijk).count() for wijk in Wijk.objects.all())
        self.assertLess(per_wijk[0], 0.75 * per_wijk[1])

    def test_every_indicator_shows_a_real_number_in_the_last_full_quarter_for_the_town_and_every_wijk(self):
        self.assertEqual(len(self.wijken), 7)
        # How the balance moves counts only the agreements made in the quarter: in the
        # smaller wijken those of young plans may be too few, and hidden.
        by_town_only = {"eigen_kracht_start", "eigen_kracht_later"}
        for code in INDICATORS:
            for area in [selectors.ALL, *([] if code in by_town_only else self.wijken)]:
                with self.subTest(code=code, area=area):
                    cell = selectors.cell(code, self.last_full, area)
                    self.assertFalse(cell.hidden)
                    self.assertIsNotNone(cell.number)
        number = {code: selectors.cell(code, self.last_full).number for code in INDICATORS}
        # Shares of plans that are neither none nor all.
        for code in ("eigen_verhaal", "eigen_regie", "eigen_kracht"):
            self.assertTrue(20 < number[code] < 95, (code, number[code]))
        # Later in a plan more agreements are light support than at its start.
        self.assertGreater(number["eigen_kracht_later"], number["eigen_kracht_start"])
        # Residents and professionals both see self-sufficiency improve; goals go on average
        # better than expected.
        self.assertGreater(number["resultaten_zelfredzaamheid"], 0)
        self.assertGreater(number["resultaten_zelfredzaamheid_professional"], 0)
        self.assertGreater(number["resultaten_doelen"], 0)

    def test_results_improve_over_the_two_years(self):
        first, last = self.quarters[1], self.last_full
        self.assertGreater(
            selectors.cell("resultaten_doelen", last).number, selectors.cell("resultaten_doelen", first).number
        )

    def test_some_plans_start_in_crisis_and_some_cells_are_hidden(self):
        crisis = selectors.cell("gestart_in_crisis", self.last_full)
        self.assertFalse(crisis.hidden)
        self.assertTrue(5 < crisis.number < 60, crisis.number)
        hidden = [c for m in MEASURES for c in selectors.cells(m.code) if c.hidden]
        self.assertTrue(hidden)
        # Among them figures of one wijk in the last full quarter: a handful of emergency
        # accesses there, while the town has some in every quarter.
        emergencies = [c for c in hidden if c.measure.code == "noodtoegang"]
        self.assertTrue(any(c.quarter == self.last_full and c.area in self.wijken for c in emergencies))

    def test_every_source_has_figures_over_the_two_years(self):
        full = self.quarters[:-1]
        # Plenty in every full quarter; the rarer things in each of the last year. The
        # breakthrough requests of the last few months are still with the officer.
        wanted = dict.fromkeys(["verwijzingen", "vragen", "signalen"], full)
        wanted |= dict.fromkeys(["noodtoegang", "casusoverleggen", "consulten"], full[-4:])
        wanted["doorbraken"] = full[-4:-1]
        for code, quarters in wanted.items():
            counted = set(
                Figure.objects.filter(
                    refresh=self.refresh, measure=code, area=selectors.ALL, node=selectors.ALL, units__gt=0
                ).values_list("quarter", flat=True)
            )
            with self.subTest(code=code):
                self.assertLessEqual(set(quarters), counted)
        for code in ("verwijzingen", "vragen", "signalen", "casusoverleggen"):
            self.assertFalse(selectors.cell(code, self.last_full).hidden, code)
            self.assertGreater(selectors.cell(code, self.last_full).number, 0, code)

    def test_the_analyst_is_listed_and_lands_on_the_dashboard(self):
        analyst = next(a for a in self.accounts if a["role"] == User.Role.ANALYST)
        self.assertEqual(analyst["username"], "analist")
        self.assertTrue(self.client.login(username="analist", password=analyst["password"]))
        response = self.client.get("/", follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/inzicht/")
        self.assertEqual(response.status_code, 200)

    def test_the_text_output_says_where_the_analyst_finds_the_figures(self):
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("Log in as analist", out.getvalue())
        self.assertIn("/inzicht/", out.getvalue())
        # Building again adds no synthetic plans.
        self.assertEqual(Plan.objects.filter(owner__email__endswith=SYNTHETIC_OWNER).count(), SYNTHETIC)

    def test_the_demo_people_see_their_own_stories_as_before(self):
        """What the synthetic history adds lands where no demo account looks: no inbox,
        queue or list of a demo account shows any of it."""
        for account in self.accounts:
            user = User.objects.get(username=account["username"])
            with self.subTest(user=user.username):
                inbox = referral_inbox(user=user)
                shown = [row.referral for row in inbox.new + inbox.mine + inbox.colleagues] + inbox.closed
                self.assertFalse([r for r in shown if r.plan.owner.email.endswith(SYNTHETIC_OWNER)])
                questions = question_queue(user=user)
                shown = [row.question for row in questions.rows] + questions.closed
                self.assertFalse([q for q in shown if q.reference.startswith("Z")])
                signals = signal_queue(user=user)
                shown = [row.signal for h in signals.households for row in h.rows] + signals.closed
                self.assertFalse([s for s in shown if s.partner_reference.startswith("SYN-")])
                consults = consults_page(user=user)
                shown = consults.asked + consults.received_open + consults.received_answered
                self.assertFalse([c for c in shown if c.asked_by.email.endswith(SYNTHETIC_OWNER)])
                requests = breakthrough_queue(user=user)
                shown = [row.request for row in requests.waiting + requests.decided]
                self.assertFalse([r for r in shown if r.plan.owner.email.endswith(SYNTHETIC_OWNER)])
                if user.role == User.Role.SIGNAL_PARTNER:
                    page = partner_signal_page(fetched_by=user)
                    self.assertFalse([row for row in page.object_list if row.reference.startswith("SYN-")])
        # ... although there is plenty of it.
        synthetic = {"plan__owner__email__endswith": SYNTHETIC_OWNER}
        self.assertGreater(Referral.objects.filter(**synthetic).count(), 300)
        self.assertGreater(BreakthroughRequest.objects.filter(**synthetic).count(), 20)
        self.assertGreater(Question.objects.filter(reference__startswith="Z").count(), 500)
        self.assertGreater(Signal.objects.filter(partner_reference__startswith="SYN-").count(), 500)
