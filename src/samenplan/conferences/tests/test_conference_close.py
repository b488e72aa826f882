"""Closing or cancelling a case conference, and the date to look back."""

from datetime import date

import time_machine

from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import Conference
from samenplan.notifications.models import Notification
from samenplan.plans.models import Plan
from samenplan.testing.base import BaseTestCase

TODAY = date(2026, 3, 4)


@time_machine.travel(TODAY)
class CloseTestCase(BaseTestCase):
    def setUp(self):
        self.conference = self.conference_planned()
        self.url = f"/overleg/{self.conference.pk}/afsluiten/"
        self.page = f"/overleg/{self.conference.pk}/"

    def close(self, **data):
        self.login(self.bob)
        data = {"action": "close", "close-follow_up_on": "2026-04-15", "close-version": 1} | data
        return self.client.post(self.url, data)

    def test_the_page_says_participants_see_nothing_after_closing(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "zien de deelnemers niets meer van het plan van Alice")
        self.assertContains(response, "Aanbevolen")
        self.assertContains(response, "Overleg afzeggen")

    def test_the_coordinator_closes_with_a_date_to_look_back(self):
        response = self.close()
        self.assertRedirects(response, self.page, fetch_redirect_response=False)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.CLOSED)
        self.assertEqual(self.conference.follow_up_on, date(2026, 4, 15))
        self.assertEqual(self.conference.closed_by, self.bob)
        self.assertIsNotNone(self.conference.closed_at)
        self.assertEqual(self.conference.version, 2)
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, actor_id=self.bob.pk))
        alice = Notification.objects.get(user=self.alice)
        self.assertEqual((alice.kind, alice.url), (Notification.Kind.CONFERENCE_CHANGED, self.page))
        dave = Notification.objects.get(user=self.dave)
        self.assertEqual((dave.kind, dave.url), (Notification.Kind.CONFERENCE_CHANGED, "/overleg/"))
        # Participants see nothing any more; the resident and coordinator still do.
        self.assert_not_found_for([self.dave], self.page)
        for user in (self.alice, self.bob):
            self.login(user)
            self.assertEqual(self.client.get(self.page).status_code, 200)

    def test_after_closing_the_date_may_still_change(self):
        self.close()
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Wanneer kijken we terug?")
        self.assertNotContains(response, "Overleg afzeggen")
        response = self.client.post(
            self.url, {"action": "follow_up", "follow_up-follow_up_on": "2026-05-01", "follow_up-version": 2}
        )
        self.assertEqual(response.status_code, 302)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.follow_up_on, date(2026, 5, 1))
        self.assertEqual(self.conference.status, Conference.Status.CLOSED)

    def test_a_date_in_the_past_is_refused_and_kept(self):
        response = self.close(**{"close-follow_up_on": "2026-03-01"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Deze datum is al voorbij.")
        self.assertContains(response, 'value="2026-03-01"')
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PLANNED)

    def test_a_stale_form_is_refused_with_what_was_typed(self):
        Conference.objects.filter(pk=self.conference.pk).update(version=2)  # alice changed her consent meanwhile
        response = self.close(**{"close-follow_up_on": "2026-04-20"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is intussen iets veranderd")
        self.assertContains(response, 'value="2026-04-20"')
        self.assertRegex(response.content.decode(), r'name="close-version" value="2"')
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PLANNED)

    def test_the_coordinator_cancels_with_a_reason(self):
        self.login(self.bob)
        response = self.client.post(self.url, {"action": "cancel", "cancel-reason": "", "cancel-version": 1})
        self.assertContains(response, "Schrijf op waarom het overleg niet doorgaat.")
        response = self.client.post(
            self.url, {"action": "cancel", "cancel-reason": "Dave is ziek", "cancel-version": 1}
        )
        self.assertEqual(response.status_code, 302)
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.CANCELLED)
        self.assertEqual(self.conference.cancel_reason, "Dave is ziek")
        self.assertTrue(Notification.objects.filter(user=self.dave, kind=Notification.Kind.CONFERENCE_CHANGED))
        self.assertTrue(Notification.objects.filter(user=self.alice, kind=Notification.Kind.CONFERENCE_CHANGED))
        self.assert_not_found_for([self.dave], self.page)
        self.assert_not_found_for([self.bob], self.url)  # nothing left to close or date

    def test_only_the_coordinator_closes(self):
        others = [self.alice, self.dave, self.carol, self.erin, *self.outsiders]
        self.assert_not_found_for(others, self.url)
        self.assert_not_found_for(
            others, self.url, method="post", data={"action": "close", "close-version": 1, "close-follow_up_on": ""}
        )
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PLANNED)

    def test_a_closed_plan_ends_what_participants_see(self):
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.CLOSED)
        self.assert_not_found_for([self.dave], self.page)
        self.assert_not_found_for([self.bob], self.url)

    def test_a_proposed_conference_can_be_cancelled_not_closed(self):
        Conference.objects.filter(pk=self.conference.pk).update(status=Conference.Status.PROPOSED)
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Overleg afzeggen")
        self.assertNotContains(response, 'name="close-version"')
        response = self.close()
        self.assertEqual(response.status_code, 302)  # refused: told that something changed
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, Conference.Status.PROPOSED)
        self.assertEqual(self.conference.follow_up_on, None)
