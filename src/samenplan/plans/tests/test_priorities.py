from samenplan.measuring.models import LifeDomain
from samenplan.testing.base import BaseTestCase


class PrioritiesTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/priorities/"
        self.money, self.home, self.health = (
            LifeDomain.objects.get(code=c) for c in ("financien", "huisvesting", "lichamelijke-gezondheid")
        )

    def ranking(self):
        return list(self.plan.priorities.values_list("domain__code", flat=True))

    def press(self, action, domain):
        return self.client.post(self.url, {"action": f"{action}:{domain.pk}"})

    def test_the_owner_ranks_with_buttons(self):
        self.login(self.alice)
        for domain in (self.money, self.home, self.health):
            response = self.press("add", domain)
        self.assertRedirects(response, f"{self.url}#domain-{self.health.pk}", fetch_redirect_response=False)
        self.assertEqual(self.ranking(), ["financien", "huisvesting", "lichamelijke-gezondheid"])
        self.press("up", self.health)
        self.assertEqual(self.ranking(), ["financien", "lichamelijke-gezondheid", "huisvesting"])
        self.press("down", self.money)
        self.assertEqual(self.ranking(), ["lichamelijke-gezondheid", "financien", "huisvesting"])
        self.press("remove", self.money)
        self.assertEqual(self.ranking(), ["lichamelijke-gezondheid", "huisvesting"])
        self.assertEqual(list(self.plan.priorities.values_list("rank", flat=True)), [1, 2])

    def test_the_page_shows_buttons_named_for_screen_readers(self):
        self.login(self.alice)
        self.press("add", self.money)
        response = self.client.get(self.url)
        self.assertContains(response, f'value="remove:{self.money.pk}"')
        self.assertContains(response, '<span class="visually-hidden">: Geldzaken</span>', html=False)

    def test_moving_the_top_item_up_changes_nothing(self):
        self.login(self.alice)
        self.press("add", self.money)
        self.press("add", self.home)
        self.press("up", self.money)
        self.assertEqual(self.ranking(), ["financien", "huisvesting"])

    def test_a_made_up_action_gets_a_message_and_changes_nothing(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"action": "explode:1"}, follow=True)
        self.assertContains(response, "Dat lukte niet")
        response = self.client.post(self.url, {"action": "add:999999"}, follow=True)
        self.assertEqual(self.ranking(), [])

    def test_strangers_and_ungranted_members_get_404(self):
        self.assert_not_found_for([*self.outsiders, self.carol, self.dave, self.erin], self.url)
        self.assert_not_found_for(self.outsiders, self.url, method="post", data={"action": f"add:{self.money.pk}"})
