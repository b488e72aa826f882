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


class PriorityNotesTestCase(BaseTestCase):
    """A note typed on the page is never lost by pressing another button."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/priorities/"
        self.money, self.home = (LifeDomain.objects.get(code=c) for c in ("financien", "huisvesting"))
        self.login(self.alice)
        for domain in (self.money, self.home):
            self.client.post(self.url, {"action": f"add:{domain.pk}"})

    def notes(self):
        return dict(self.plan.priorities.values_list("domain__code", "note"))

    def test_it_saves_a_typed_note_when_moving_an_item(self):
        page = self.client.get(self.url)
        self.assertContains(page, f'name="note-{self.home.pk}" form="ranking"', html=False)
        self.client.post(
            self.url,
            {
                "action": f"up:{self.home.pk}",
                f"note-{self.home.pk}": "Ik wil hier blijven wonen",
                f"note-{self.home.pk}-was": "",
                f"note-{self.money.pk}": "",
                f"note-{self.money.pk}-was": "",
            },
        )
        self.assertEqual(list(self.notes()), ["huisvesting", "financien"])
        self.assertEqual(self.notes()["huisvesting"], "Ik wil hier blijven wonen")
        self.assertContains(self.client.get(self.url), 'value="Ik wil hier blijven wonen"')

    def test_a_button_press_does_not_overwrite_a_note_it_did_not_change(self):
        # Someone else saved a note for money after this page was drawn.
        self.plan.priorities.filter(domain=self.money).update(note="Schulden eerst")
        self.client.post(
            self.url,
            {"action": f"down:{self.money.pk}", f"note-{self.money.pk}": "", f"note-{self.money.pk}-was": ""},
        )
        self.assertEqual(self.notes()["financien"], "Schulden eerst")

    def test_enter_in_a_note_saves_the_notes_and_moves_nothing(self):
        response = self.client.post(
            self.url, {"action": "notes", f"note-{self.money.pk}": "Rust", f"note-{self.money.pk}-was": ""}
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertEqual(self.notes(), {"financien": "Rust", "huisvesting": ""})

    def test_a_note_that_is_too_long_is_refused_and_kept(self):
        long_note = "x" * 301
        response = self.client.post(
            self.url,
            {"action": f"up:{self.home.pk}", f"note-{self.money.pk}": long_note, f"note-{self.money.pk}-was": ""},
        )
        self.assertContains(response, "Een toelichting is te lang")
        self.assertContains(response, f'value="{long_note}"')
        self.assertEqual(list(self.notes()), ["financien", "huisvesting"])
        self.assertEqual(self.notes()["financien"], "")
