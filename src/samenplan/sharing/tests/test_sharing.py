from datetime import date

import time_machine
from django.core import mail

from samenplan.notifications.models import Notification
from samenplan.sharing.models import Grant, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import GoalFactory

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class SharingGridTestCase(BaseTestCase):
    """The overview of everyone: the whole grid in one form."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/sharing/everyone/"

    def grid(self, **changes):
        """The form as it stands, with some cells changed: grid(carol_story=Level.VIEW, dave_until="...")."""
        members = {
            "bob": self.bob_membership,
            "carol": self.carol_membership,
            "dave": self.dave_membership,
            "erin": self.erin_membership,
        }
        data = {}
        for membership in members.values():
            levels = dict(Grant.objects.filter(membership=membership).values_list("part", "level"))
            for part in Part:
                data[f"level_{membership.pk}_{part.value}"] = str(levels.get(part.value, Level.NONE))
                data[f"was_{membership.pk}_{part.value}"] = str(levels.get(part.value, Level.NONE))
            data[f"until_{membership.pk}"] = ""
            data[f"was_until_{membership.pk}"] = ""
        for key, value in changes.items():
            name, field = key.split("_", 1)
            pk = members[name].pk
            data[f"until_{pk}" if field == "until" else f"level_{pk}_{field}"] = str(value)
        return data

    def test_the_grid_shows_every_member_and_part(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        for name in ("Bob", "Carol", "Dave", "Erin"):
            self.assertContains(response, name)
        self.assertContains(response, "<select", count=4 * len(Part))
        self.assertContains(
            response, f'<label class="visually-hidden" for="id_level_{self.carol_membership.pk}_story">'
        )

    def test_saving_the_grid_changes_access_on_the_very_next_request(self):
        GoalFactory(plan=self.plan, text="Carol's view of goals")
        self.login(self.carol)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/goals/"), "Carol&#x27;s view of goals")
        self.login(self.alice)
        response = self.client.post(self.url, self.grid(carol_goals=Level.NONE, carol_story=Level.VIEW))
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.login(self.carol)
        self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/goals/").status_code, 404)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/story/"), "Alice&#x27;s story")
        decision = SharingDecision.objects.filter(context="settings").last()
        self.assertEqual(
            {
                (entry["part"], entry["level"])
                for entry in decision.grants
                if entry["member"] == self.carol_membership.pk
            },
            {("goals", 0), ("story", 1)},
        )

    def test_an_end_date_is_saved_on_the_persons_grants_and_ends_them(self):
        self.login(self.alice)
        self.client.post(self.url, self.grid(dave_until="2026-03-10"))
        self.assertEqual(
            set(Grant.objects.filter(membership=self.dave_membership).values_list("valid_until", flat=True)),
            {date(2026, 3, 10)},
        )
        with time_machine.travel(date(2026, 3, 11)):
            self.login(self.dave)
            self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/goals/").status_code, 404)

    def test_an_end_date_in_the_past_is_refused_and_nothing_changes(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.grid(dave_until="2026-03-01", carol_story=Level.VIEW))
        self.assertContains(response, f'id="id_until_{self.dave_membership.pk}_error"')
        self.assertFalse(Grant.objects.filter(membership=self.carol_membership, part="story").exists())

    def test_members_are_told_when_they_may_see_more_or_nothing_at_all(self):
        self.login(self.alice)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, self.grid(erin_story=Level.VIEW, dave_story=0, dave_goals=0, dave_agreements=0))
        self.assertTrue(Notification.objects.filter(user=self.erin, kind="access_granted").exists())
        self.assertTrue(Notification.objects.filter(user=self.dave, kind="access_ended").exists())
        self.assertFalse(Notification.objects.filter(user=self.carol).exists())
        for message in mail.outbox:
            self.assertNotIn("story", message.body)

    def test_only_the_owner_manages_sharing(self):
        self.assert_not_found_for([self.bob, self.carol, self.dave, *self.outsiders], self.url)
        self.assert_not_found_for([self.bob], self.url, method="post", data=self.grid(bob_story=Level.VIEW))

    def test_view_as_shows_exactly_what_one_member_sees(self):
        GoalFactory(plan=self.plan, text="A goal Carol may see")
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/sharing/view-as/{self.carol_membership.pk}/")
        self.assertContains(response, "Wat Carol")
        self.assertContains(response, "A goal Carol may see")
        self.assertNotContains(response, "Alice&#x27;s story")
        self.assertNotContains(response, 'name="text"')
        response = self.client.get(f"/plans/{self.plan.pk}/sharing/view-as/{self.dave_membership.pk}/")
        self.assertContains(response, "Alice&#x27;s story")
        self.assert_not_found_for(
            [self.bob, self.carol], f"/plans/{self.plan.pk}/sharing/view-as/{self.carol_membership.pk}/"
        )


@time_machine.travel(TODAY)
class TwoTabsTestCase(BaseTestCase):
    """The resident has "Who sees what" open twice: a stale form never brings a revoked
    grant back unseen."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/sharing/everyone/"
        self.login(self.alice)

    def page_data(self):
        """What the browser would send for the page as drawn now, unchanged."""
        form = self.client.get(self.url).context["form"]
        data = {}
        for name in form.fields:
            value = form[name].value()
            data[name] = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
        return data

    def level(self, membership, part):
        grant = Grant.objects.filter(membership=membership, part=part).first()
        return grant.level if grant else Level.NONE

    def test_a_stale_tab_saves_only_its_own_change(self):
        carol, dave = self.carol_membership.pk, self.dave_membership.pk
        tab1 = self.page_data()
        tab2 = self.page_data()
        tab2[f"level_{carol}_agreements"] = str(Level.NONE)
        self.client.post(self.url, tab2)
        self.assertEqual(self.level(self.carol_membership, Part.AGREEMENTS), Level.NONE)
        tab1[f"level_{dave}_strengths"] = str(Level.VIEW)
        response = self.client.post(self.url, tab1)
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertEqual(self.level(self.carol_membership, Part.AGREEMENTS), Level.NONE)
        self.assertEqual(self.level(self.dave_membership, Part.STRENGTHS), Level.VIEW)

    def test_changing_the_same_box_in_a_stale_tab_is_refused_and_shows_both(self):
        carol = self.carol_membership.pk
        tab1 = self.page_data()
        tab2 = self.page_data()
        tab2[f"level_{carol}_agreements"] = str(Level.NONE)
        self.client.post(self.url, tab2)
        tab1[f"level_{carol}_agreements"] = str(Level.VIEW)
        tab1[f"level_{carol}_story"] = str(Level.VIEW)
        response = self.client.post(self.url, tab1)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft veranderd wie wat ziet")
        self.assertContains(response, "Nu opgeslagen: Niets")
        self.assertEqual(self.level(self.carol_membership, Part.AGREEMENTS), Level.NONE)
        self.assertEqual(self.level(self.carol_membership, Part.STORY), Level.NONE)
        # The person's own choices are kept; saving again now knowingly replaces it.
        form = response.context["form"]
        self.assertEqual(form[f"level_{carol}_agreements"].value(), str(Level.VIEW))
        again = {name: form[name].value() for name in form.fields}
        again = {name: "" if value is None else str(value) for name, value in again.items()}
        self.client.post(self.url, again)
        self.assertEqual(self.level(self.carol_membership, Part.AGREEMENTS), Level.VIEW)
        self.assertEqual(self.level(self.carol_membership, Part.STORY), Level.VIEW)
