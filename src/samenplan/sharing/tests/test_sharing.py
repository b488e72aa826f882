from datetime import date

import time_machine
from django.core import mail

from samenplan.lib.testing import BaseTestCase
from samenplan.notifications.models import Notification
from samenplan.plans.tests.factories import GoalFactory
from samenplan.sharing.models import Grant, SharingDecision
from samenplan.sharing.parts import Level, Part

TODAY = date(2026, 3, 2)


@time_machine.travel(TODAY)
class SharingGridTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/sharing/"

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
            data[f"until_{membership.pk}"] = ""
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
        response = self.client.get(f"{self.url}view-as/{self.carol_membership.pk}/")
        self.assertContains(response, "Wat Carol")
        self.assertContains(response, "A goal Carol may see")
        self.assertNotContains(response, "Alice&#x27;s story")
        self.assertNotContains(response, 'name="text"')
        response = self.client.get(f"{self.url}view-as/{self.dave_membership.pk}/")
        self.assertContains(response, "Alice&#x27;s story")
        self.assert_not_found_for([self.bob, self.carol], f"{self.url}view-as/{self.carol_membership.pk}/")
