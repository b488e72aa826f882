from samenplan.plans.models import Strength
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import PlanFactory


class StrengthsTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/strengths/"

    def add(self, kind, text, who=""):
        return self.client.post(self.url, {"kind": kind, f"{kind}-text": text, f"{kind}-who": who})

    def test_the_owner_adds_and_ranks_what_they_and_their_network_can_do(self):
        self.login(self.alice)
        self.add("self", "Ik kook elke dag")
        self.add("self", "Ik kan goed plannen")
        self.add("network", "Post openen", "mijn zus")
        _first, second = Strength.objects.filter(kind="self").order_by("rank")
        self.client.post(self.url, {"action": f"up:{second.pk}"})
        self.assertEqual(
            list(Strength.objects.filter(kind="self").order_by("rank").values_list("text", flat=True)),
            ["Ik kan goed plannen", "Ik kook elke dag"],
        )
        network = Strength.objects.get(kind="network")
        self.assertEqual((network.who, network.rank), ("mijn zus", 1))
        response = self.client.get(self.url)
        self.assertContains(response, "Post openen")
        self.assertContains(response, "(mijn zus)")

    def test_removing_renumbers_the_rest(self):
        self.login(self.alice)
        for text in ("a", "b", "c"):
            self.add("self", text)
        middle = Strength.objects.get(text="b")
        self.client.post(self.url, {"action": f"remove:{middle.pk}"})
        self.assertEqual(list(Strength.objects.order_by("rank").values_list("text", "rank")), [("a", 1), ("c", 2)])

    def test_an_empty_or_too_long_text_is_refused_and_kept(self):
        self.login(self.alice)
        response = self.add("self", "")
        self.assertContains(response, 'id="id_self-text_error"')
        response = self.add("network", "y" * 301, "buurman")
        self.assertContains(response, 'id="id_network-text_error"')
        self.assertContains(response, 'value="buurman"')
        self.assertFalse(Strength.objects.exists())

    def test_someone_elses_strength_cannot_be_moved(self):
        other = Strength.objects.create(plan=PlanFactory(), kind="self", text="elsewhere", rank=1)
        self.login(self.alice)
        self.client.post(self.url, {"action": f"remove:{other.pk}"})
        self.assertTrue(Strength.objects.filter(pk=other.pk).exists())

    def test_strangers_get_404(self):
        self.assert_not_found_for([*self.outsiders, self.carol, self.dave, self.erin], self.url)
