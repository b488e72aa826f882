from datetime import date

from samenplan.measuring.models import Instrument, Measurement
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import EvaluationFactory


class RecordTestCase(BaseTestCase):
    def setUp(self):
        self.instrument = Instrument.objects.get(code="zelfredzaamheid")
        self.items = list(self.instrument.items.all())
        self.url = f"/plans/{self.plan.pk}/assessment/zelfredzaamheid/new/"
        self.overview = f"/plans/{self.plan.pk}/assessment/"

    def answers(self, value, talk_about=()):
        data = {f"item_{item.pk}": str(value) for item in self.items}
        data |= {f"talk_{item.pk}": "on" for item in self.items if item.code in talk_about}
        return data

    def test_the_resident_fills_in_the_self_assessment(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        # One question per page: the first step.
        self.assertContains(response, "Stap 1 van 13")
        self.assertContains(response, "Hoe gaat het met je geldzaken?")
        self.assertContains(response, "<legend", count=1)
        # The whole form posted at once is still recorded (a professional's page does that).
        response = self.client.post(self.url, self.answers(2, talk_about=["financien"]))
        self.assertRedirects(response, self.overview, fetch_redirect_response=False)
        measurement = Measurement.objects.get()
        self.assertEqual((measurement.perspective, measurement.recorded_by), ("resident", self.alice))
        self.assertEqual(measurement.answers.count(), 13)
        self.assertEqual(
            list(measurement.answers.filter(wants_to_talk=True).values_list("item__code", flat=True)), ["financien"]
        )

    def test_first_and_latest_are_compared_and_the_professional_view_stands_beside_them(self):
        self.login(self.alice)
        self.client.post(self.url, self.answers(2))
        self.client.post(self.url, self.answers(4, talk_about=["huisvesting"]))
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "mijn kijk als professional")
        self.client.post(self.url, self.answers(3))
        self.assertEqual(Measurement.objects.filter(perspective="professional").count(), 1)
        response = self.client.get(self.overview)
        content = response.content.decode()
        # The resident's columns come before the professional's.
        self.assertLess(content.index("Alice, eerste keer"), content.index("Professional: Bob"))
        self.assertContains(response, '<span class="change change--up">+2</span>', count=13)
        self.assertContains(response, "wil hierover praten", count=1)
        self.assertContains(response, "<svg", count=1)
        self.assertContains(response, "spider__series--professional")

    def test_a_professional_never_replaces_the_residents_answers(self):
        self.login(self.alice)
        self.client.post(self.url, self.answers(2))
        self.login(self.bob)
        self.client.post(self.url, self.answers(5))
        self.assertEqual(
            sorted(Measurement.objects.values_list("perspective", flat=True)), ["professional", "resident"]
        )

    def test_at_least_one_answer_and_only_scores_on_the_scale(self):
        self.login(self.alice)
        response = self.client.post(self.url, {})
        self.assertContains(response, "Kies een antwoord bij minstens één vraag")
        response = self.client.post(self.url, {f"item_{self.items[0].pk}": "9", f"item_{self.items[1].pk}": "3"})
        self.assertContains(response, f'id="id_item_{self.items[0].pk}_error"')
        # What the user chose is still chosen.
        self.assertRegex(response.content.decode(), rf'name="item_{self.items[1].pk}" value="3"[^>]*checked')
        self.assertFalse(Measurement.objects.exists())

    def test_skipped_questions_are_left_out(self):
        self.login(self.alice)
        self.client.post(self.url, {f"item_{self.items[0].pk}": "4"})
        self.assertEqual(Measurement.objects.get().answers.count(), 1)

    def test_network_members_and_viewers_cannot_record(self):
        self.assert_not_found_for([self.carol, self.dave, self.erin, *self.outsiders], self.url)
        self.assert_not_found_for([self.carol, *self.outsiders], self.overview)

    def test_an_unknown_instrument_gets_404(self):
        self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/assessment/nope/new/")

    def test_evaluation_dates_stay_with_the_evaluations_part(self):
        evaluation = EvaluationFactory(plan=self.plan, scheduled_for=date(2031, 7, 9))
        # Dave may add his own view of how it is going, but not see the evaluations.
        self.add_member_grant(self.dave_membership, Part.ASSESSMENT, Level.CONTRIBUTE)
        self.login(self.dave)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        response = self.client.get(f"{self.url}?evaluation={evaluation.pk}")
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "2031", status_code=404)
        self.login(self.bob)
        self.assertContains(self.client.get(f"{self.url}?evaluation={evaluation.pk}"), "2031")

    def add_member_grant(self, membership, part, level):
        Grant.objects.create(membership=membership, part=part, level=level, granted_by=self.alice)
