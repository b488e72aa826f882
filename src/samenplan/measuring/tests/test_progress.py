"""The resident's own page of change over time: their measurements and their goals'
attainment, as a line chart with a table of the same numbers beside it."""

import re
from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.lib.queries import statements
from samenplan.measuring.models import Answer, Instrument, Measurement
from samenplan.plans.models import GoalScore
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import EvaluationFactory, GoalFactory


def moment(month, day=1, hour=10):
    return datetime(2026, month, day, hour, tzinfo=UTC)


class ProgressTestCase(BaseTestCase):
    def setUp(self):
        self.instrument = Instrument.objects.get(code="zelfredzaamheid")
        self.items = list(self.instrument.items.all())
        self.url = f"/plans/{self.plan.pk}/assessment/voortgang/"

    def measure(self, when, values, by=None, perspective="resident", draft=False, instrument=None):
        """A measurement of every item: `values` is one score for all, or a list per item."""
        instrument = instrument or self.instrument
        items = list(instrument.items.all())
        measurement = Measurement.objects.create(
            plan=self.plan,
            instrument=instrument,
            perspective=perspective,
            recorded_by=by or self.alice,
            recorded_at=when,
            is_draft=draft,
        )
        scores = values if isinstance(values, list) else [values] * len(items)
        Answer.objects.bulk_create(
            Answer(measurement=measurement, item=item, value=value)
            for item, value in zip(items, scores, strict=True)
            if value is not None
        )
        return measurement

    def evaluation(self, when, scores):
        evaluation = EvaluationFactory(plan=self.plan, scheduled_for=when.date(), held_at=when, held_by=self.bob)
        GoalScore.objects.bulk_create(
            GoalScore(evaluation=evaluation, goal=goal, score=score) for goal, score in scores.items()
        )
        return evaluation

    def grant(self, membership, *parts):
        for part in parts:
            Grant.objects.create(membership=membership, part=part, level=Level.VIEW, granted_by=self.alice)

    def table(self, html, caption_start):
        """The rows of the table whose caption starts with these words, as lists of cell texts."""
        for table in re.findall(r"<table.*?</table>", html, re.S):
            caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
            if caption and _text(caption.group(1)).startswith(caption_start):
                return [
                    [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
                ]
        raise AssertionError(f"No table with a caption starting {caption_start!r}")

    # What the resident sees.

    def test_the_resident_sees_her_scores_each_time_and_the_change(self):
        scores = [2] * len(self.items)
        scores[1], scores[2] = 3, 4  # Werk en school stays the same, Mijn dag goes down.
        self.measure(moment(1), scores)
        later = [4] * len(self.items)
        later[1], later[2] = 3, 3
        self.measure(moment(3), later)
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Hoe het met je gaat, door de tijd</h1>", html=True)
        rows = self.table(response.content.decode(), "Zelfredzaamheid, zoals jij het ziet")
        self.assertEqual(rows[0], ["Vraag", "1 jan. 2026", "1 mrt. 2026", "Verschil sinds de eerste keer"])
        self.assertEqual(rows[1], ["Geldzaken", "2 Het gaat slecht", "4 Het gaat goed", "+2"])
        self.assertEqual(rows[2][-1], "gelijk")
        self.assertEqual(rows[3][-1], "-1")
        self.assertEqual(len(rows), 1 + len(self.items))
        # The average each time, in a line chart with the same numbers in a table.
        self.assertContains(response, 'class="linechart__svg"')
        self.assertContains(response, "Lijngrafiek van Zelfredzaamheid: het gemiddelde per keer.")
        average = self.table(response.content.decode(), "Zelfredzaamheid: het gemiddelde per keer")
        self.assertEqual(average[1:], [["1 jan. 2026", "2,2"], ["1 mrt. 2026", "3,8"]])
        # And the first and latest time per question as bars.
        self.assertContains(response, 'class="barchart__svg"')

    def test_her_own_measurements_and_the_professionals_are_shown_apart_hers_first(self):
        self.measure(moment(1), 2)
        self.measure(moment(2), 3, by=self.bob, perspective="professional")
        self.measure(moment(3), 4)
        self.login(self.alice)
        html = self.client.get(self.url).content.decode()
        own = self.table(html, "Zelfredzaamheid, zoals jij het ziet")
        professional = self.table(html, "Zelfredzaamheid, zoals een professional het ziet")
        self.assertEqual(own[0][1:3], ["1 jan. 2026", "1 mrt. 2026"])
        self.assertEqual(own[1][1:], ["2 Het gaat slecht", "4 Het gaat goed", "+2"])
        self.assertEqual(professional[0], ["Vraag", "1 feb. 2026 Bob Bakker"])
        self.assertEqual(professional[1], ["Geldzaken", "3 Het gaat net"])
        self.assertLess(html.index("zoals jij het ziet"), html.index("zoals een professional het ziet"))
        # One line each, never one line through both: hers first.
        average = self.table(html, "Zelfredzaamheid: het gemiddelde per keer")
        self.assertEqual(average[0], ["Datum", "Jij", "Professional"])
        self.assertEqual(
            average[1:],
            [["1 jan. 2026", "2,0", "–"], ["1 feb. 2026", "–", "3,0 Bob Bakker"], ["1 mrt. 2026", "4,0", "–"]],
        )
        series = re.findall(r'<g class="linechart__series linechart__series--(\d)">(.*?)</g>', html, re.S)
        self.assertEqual([key for key, _ in series], ["0", "1"])
        self.assertEqual(series[0][1].count("<polyline"), 1)
        self.assertEqual(series[0][1].count("<circle"), 2)
        self.assertNotIn("<polyline", series[1][1])
        self.assertIn("<rect", series[1][1])

    def test_drafts_are_never_shown(self):
        self.measure(moment(1), 2)
        self.measure(moment(2), 3)
        self.measure(moment(4, 15), 5, draft=True)
        # An instrument with only a draft is not on the page at all.
        self.measure(moment(4, 15), 9, draft=True, instrument=Instrument.objects.get(code="gezondheidsweb"))
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertNotContains(response, "15 apr. 2026")
        self.assertNotContains(response, "Gezondheidsweb")
        self.assertNotContains(response, "Het gaat helemaal goed</span>")
        self.assertEqual(len(self.table(response.content.decode(), "Zelfredzaamheid, zoals jij")[0]), 4)

    def test_after_one_time_it_says_in_plain_words_what_will_appear(self):
        self.measure(moment(1), 3)
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Na je tweede keer invullen zie je hier hoe het verandert.")
        self.assertContains(response, "Je hebt dit één keer ingevuld, op 1 jan. 2026.")
        self.assertNotContains(response, "<svg")
        self.assertContains(response, "Na je eerste evaluatie zie je hier hoe ver je kwam met elk doel.")
        # The numbers there are already in the table.
        self.assertEqual(
            self.table(response.content.decode(), "Zelfredzaamheid, zoals jij")[1], ["Geldzaken", "3 Het gaat net"]
        )

    def test_before_anything_was_filled_in_it_says_what_will_appear_and_where_to_start(self):
        EvaluationFactory(plan=self.plan, scheduled_for=moment(5, 4).date())
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Je hebt de vragen nog niet ingevuld.")
        self.assertContains(response, f'href="/plans/{self.plan.pk}/assessment/"')
        self.assertContains(response, "De volgende evaluatie is gepland op 4 mei 2026.")

    def test_the_goals_attainment_per_evaluation_with_words_and_the_average(self):
        rent = GoalFactory(plan=self.plan, text="Huur op tijd betalen")
        job = GoalFactory(plan=self.plan, text="Werk vinden")
        self.evaluation(moment(2), {rent: -1, job: 0})
        self.evaluation(moment(5), {rent: 2, job: 1})
        EvaluationFactory(plan=self.plan, scheduled_for=moment(8).date())  # planned, not held: not a column
        self.login(self.alice)
        response = self.client.get(self.url)
        html = response.content.decode()
        goals = self.table(html, "Hoe ver ben je gekomen met elk doel?")
        self.assertEqual(goals[0], ["Doel", "1 feb. 2026", "1 mei 2026"])
        self.assertEqual(goals[1], ["Huur op tijd betalen", "-1 Minder dan verwacht", "+2 Veel meer dan verwacht"])
        self.assertEqual(goals[2], ["Werk vinden", "0 Zoals verwacht", "+1 Meer dan verwacht"])
        means = self.table(html, "Het gemiddelde van de doelen per evaluatie")
        self.assertEqual(means[1:], [["1 feb. 2026", "-0,5"], ["1 mei 2026", "+1,5"]])
        self.assertContains(response, 'id="progress-line-goals-title"')
        ticks = re.findall(r'class="linechart__tick"[^>]*>([^<]*)<', html)
        self.assertEqual(ticks, ["-2", "-1", "0", "+1", "+2"])

    def test_the_health_wheel_axis_is_marked_at_whole_marks(self):
        wheel = Instrument.objects.get(code="gezondheidsweb")
        self.measure(moment(1), 3, instrument=wheel)
        self.measure(moment(2), 7, instrument=wheel)
        self.login(self.alice)
        html = self.client.get(self.url).content.decode()
        line = html[html.index("linechart__svg") : html.index("</svg>", html.index("linechart__svg"))]
        self.assertEqual(re.findall(r'class="linechart__tick"[^>]*>([^<]*)<', line), ["0", "2", "4", "6", "8", "10"])
        bars = html[html.index("barchart__svg") :]
        self.assertEqual(re.findall(r'class="barchart__tick"[^>]*>([^<]*)<', bars), ["0", "2", "4", "6", "8", "10"])
        # SVG needs decimal points, also in Dutch.
        for value in re.findall(r'\s(?:cx|cy|x|y|x1|y1|x2|y2|width)="([^"]*)"', html):
            self.assertRegex(value, r"^-?\d+(\.\d+)?$")

    def test_english_is_available(self):
        self.measure(moment(1), 2)
        self.measure(moment(3), 3)
        self.login(self.alice)
        self.client.post("/i18n/setlang/", {"language": "en"})
        response = self.client.get(self.url)
        self.assertContains(response, "How you are doing, over time")
        self.assertContains(response, "Change since the first time")
        self.assertContains(response, "It is going badly")

    # Who sees it.

    def test_the_page_is_in_the_plan_menu_and_on_the_overview_of_how_it_is_going(self):
        self.login(self.alice)
        for page in ("", "assessment/", "goals/"):
            response = self.client.get(f"/plans/{self.plan.pk}/{page}")
            self.assertContains(response, f'<a href="{self.url}">Mijn voortgang</a>', html=True)
        response = self.client.get(f"/plans/{self.plan.pk}/assessment/")
        self.assertContains(response, "Bekijk hoe het verandert, door de tijd")
        response = self.client.get(self.url)
        self.assertContains(response, f'<a href="{self.url}" aria-current="page">Mijn voortgang</a>', html=True)

    def test_a_professional_without_the_assessment_or_evaluations_gets_404(self):
        self.measure(moment(1), 2)
        # Dave sees the story, goals and agreements; erin nothing; charlie is not in the plan.
        self.assert_not_found_for([self.dave, self.erin, self.charlie, *self.outsiders], self.url)
        self.login(self.dave)
        self.assertNotContains(self.client.get(f"/plans/{self.plan.pk}/"), self.url)

    def test_a_network_member_with_the_assessment_grant_sees_the_measurements_about_alice(self):
        self.measure(moment(1), 2)
        self.measure(moment(3), 4)
        goal = GoalFactory(plan=self.plan, text="Huur op tijd betalen")
        self.evaluation(moment(2), {goal: 1})
        self.grant(self.carol_membership, Part.ASSESSMENT)
        self.login(self.carol)
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Hoe het met Alice gaat, door de tijd</h1>", html=True)
        self.assertContains(response, "Zelfredzaamheid, zoals Alice het ziet")
        self.assertContains(response, '<span class="change change--up">+2</span>', count=len(self.items))
        # She sees the goals but not the evaluations: no attainment.
        self.assertNotContains(response, "Huur op tijd betalen")
        self.assertNotContains(response, "Hoe ver Alice kwam met de doelen")
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/"), "Alice&#x27;s voortgang")

    def test_a_professional_with_the_evaluations_and_goals_but_not_the_assessment_sees_only_the_goals(self):
        self.measure(moment(1), 2)
        goal = GoalFactory(plan=self.plan, text="Huur op tijd betalen")
        self.evaluation(moment(2), {goal: 1})
        self.grant(self.dave_membership, Part.EVALUATIONS)
        self.login(self.dave)
        response = self.client.get(self.url)
        self.assertContains(response, "Hoe ver Alice kwam met de doelen")
        self.assertContains(response, '+1 <span class="hint">Meer dan verwacht</span>', html=False)
        self.assertNotContains(response, "Zelfredzaamheid")
        self.assertNotContains(response, "Geldzaken")

    def test_a_read_leaves_an_audit_entry_naming_the_parts_that_were_shown(self):
        self.measure(moment(1), 2)
        self.login(self.alice)
        before = AuditEntry.objects.count()
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(AuditEntry.objects.count(), before + 1)
        self.assertEqual(
            (entry.actor_id, entry.plan_id, entry.action, entry.outcome, entry.page),
            (self.alice.pk, self.plan.pk, "view", "permitted", "assessment_progress"),
        )
        self.assertEqual(sorted(entry.part_list), ["assessment", "evaluations", "goals"])
        self.grant(self.carol_membership, Part.ASSESSMENT)
        self.login(self.carol)
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.part_list), (self.carol.pk, ["assessment"]))
        # A refusal is logged too.
        self.login(self.dave)
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual((entry.actor_id, entry.outcome), (self.dave.pk, "denied"))

    def test_the_number_of_queries_does_not_grow_with_the_measurements_or_evaluations(self):
        goal = GoalFactory(plan=self.plan)
        self.measure(moment(1), 2)
        self.measure(moment(1, 2), 2, by=self.bob, perspective="professional")
        self.evaluation(moment(1, 3), {goal: 0})
        self.login(self.alice)
        self.client.get(self.url)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(self.url).status_code, 200)
        wheel = Instrument.objects.get(code="gezondheidsweb")
        for month in range(2, 10):
            self.measure(moment(month), month % 5 + 1)
            self.measure(moment(month, 2), 3, by=self.bob, perspective="professional")
            self.measure(moment(month), month, instrument=wheel)
            self.evaluation(moment(month, 3), {goal: month % 5 - 2, GoalFactory(plan=self.plan): 1})
        self.measure(moment(11), 4, draft=True)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.url)
        self.assertContains(response, "Gezondheidsweb")
        self.assertEqual(len(statements(many)), len(statements(few)), "\n".join(statements(many)))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
