"""Convening a case conference: the plan's list, the convening form, proposing people, the agenda."""

import uuid
from datetime import date, datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEntry
from samenplan.conferences.models import AgendaItem, Conference, Participant
from samenplan.notifications.models import Notification
from samenplan.sharing.models import Membership
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import (
    BreakthroughFactory,
    ConferenceFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)

TODAY = date(2026, 3, 4)


@time_machine.travel(datetime(2026, 3, 4, 10, 0, tzinfo=timezone.get_current_timezone()))
class ConveningTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.wijkzorg = OrganisationFactory(name="Wijkzorg")
        cls.nina = UserFactory(
            username="nina", first_name="Nina", last_name="Nijs", role=User.Role.PROFESSIONAL, organisation=cls.wijkzorg
        )

    def setUp(self):
        self.list_url = f"/plans/{self.plan.pk}/overleg/"
        self.new_url = f"/plans/{self.plan.pk}/overleg/nieuw/"

    def convene_data(self, **data):
        return {
            "stuck": "De huurachterstand groeit.\nEn de uitkering staat stil.",
            "tried": "Twee betalingsregelingen.",
            "date": "2026-03-11",
            "time": "14:30",
            "place": "Wijkpunt West",
            "professionals": [self.dave.pk, self.nina.pk],
            "submit_token": str(uuid.uuid4()),
        } | data

    def proposed(self, **fields):
        conference = ConferenceFactory(plan=self.plan, convened_by=self.bob, **fields)
        ParticipantFactory(conference=conference, user=self.dave, organisation=self.debt_team, proposed_by=self.bob)
        return conference

    # The plan's list ---------------------------------------------------------------------

    def test_it_lists_the_conferences_open_first_for_the_resident(self):
        closed = ConferenceFactory(
            plan=self.plan, convened_by=self.bob, status=Conference.Status.CLOSED, stuck="Oud probleem"
        )
        self.proposed(stuck="Huur loopt vast\ntweede regel")
        BreakthroughFactory(conference=closed, plan=self.plan, filed_by=self.bob)
        self.login(self.alice)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Overleg over mijn plan")
        self.assertContains(response, "Soms loopt het vast. Dan kan je coördinator een overleg organiseren")
        self.assertContains(response, "Wacht op jou")
        self.assertContains(response, "Huur loopt vast")
        self.assertNotContains(response, "tweede regel")
        self.assertContains(response, "Doorbraakverzoek")
        self.assertNotContains(response, "Nieuw overleg")
        html = response.content.decode()
        self.assertLess(html.index("Huur loopt vast"), html.index("Oud probleem"))

    def test_the_coordinator_sees_the_list_with_a_button_to_convene(self):
        self.proposed()
        self.login(self.bob)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Casusoverleggen")
        self.assertContains(response, "Nieuw overleg")
        self.assertNotContains(response, "Wacht op jou")

    def test_others_in_the_plan_and_strangers_get_404_on_the_list(self):
        self.proposed()
        self.assert_not_found_for([self.carol, self.erin, *self.outsiders], self.list_url)

    def test_a_professional_in_the_plan_may_ask_for_advice_there_but_sees_no_conference(self):
        conference = self.proposed()
        self.login(self.dave)
        response = self.client.get(self.list_url)
        self.assertContains(response, "Vraag een andere organisatie om raad")
        self.assertNotContains(response, conference.stuck)
        self.assertNotContains(response, f"/overleg/{conference.pk}/")

    def test_the_list_takes_the_same_number_of_queries_for_2_and_10_conferences(self):
        self.login(self.bob)
        for _ in range(2):
            BreakthroughFactory(conference=self.proposed(), plan=self.plan, filed_by=self.bob)
        self.client.get(self.list_url)  # the first request of a session does more
        two = self._count(self.list_url)
        for _ in range(8):
            BreakthroughFactory(conference=self.proposed(), plan=self.plan, filed_by=self.bob)
        self.assertEqual(self._count(self.list_url), two)

    def _count(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    # Convening -------------------------------------------------------------------------

    def test_the_form_groups_professionals_with_the_plans_own_first(self):
        self.login(self.bob)
        response = self.client.get(self.new_url)
        html = response.content.decode()
        self.assertContains(response, "Al in het plan")
        self.assertContains(response, "<legend>Wijkzorg</legend>", html=False)
        self.assertLess(html.index("Al in het plan"), html.index("Wijkzorg"))
        self.assertLess(html.index("Al in het plan"), html.index("Dave Dekker"))
        self.assertLess(html.index("Dave Dekker"), html.index("Nina Nijs"))
        self.assertNotContains(response, f'value="{self.bob.pk}" id=')
        self.assertContains(response, "Charlie Claassen")  # a colleague not in the plan may be invited

    def test_the_coordinator_convenes_and_the_resident_is_asked(self):
        self.login(self.bob)
        response = self.client.post(self.new_url, self.convene_data())
        conference = Conference.objects.get()
        self.assertRedirects(response, f"/overleg/{conference.pk}/", fetch_redirect_response=False)
        self.assertEqual(conference.status, Conference.Status.PROPOSED)
        self.assertEqual(conference.meets_at, timezone.make_aware(datetime(2026, 3, 11, 14, 30)))
        self.assertEqual(conference.place, "Wijkpunt West")
        participants = list(conference.participants.order_by("user__username"))
        self.assertEqual([p.user for p in participants], [self.dave, self.nina])
        self.assertTrue(all(p.approved_at is None and p.kind == Participant.Kind.PROFESSIONAL for p in participants))
        self.assertEqual(participants[1].organisation, self.wijkzorg)
        notification = Notification.objects.get(user=self.alice)
        self.assertEqual(notification.kind, Notification.Kind.CONFERENCE_CONSENT)
        self.assertEqual(notification.url, f"/overleg/{conference.pk}/toestemming/")
        self.assertFalse(Notification.objects.filter(user__in=[self.dave, self.nina]).exists())
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor_id=self.bob.pk).latest("id")
        self.assertEqual(entry.plan_id, self.plan.pk)
        page = self.client.get(response.url)
        self.assertContains(page, "Het overleg is voorgesteld. Alice krijgt een bericht")

    def test_a_representative_for_all_parts_is_asked_too(self):
        rita = UserFactory(username="rita", first_name="Rita", role=User.Role.NETWORK)
        self.add_member(rita, Membership.Role.REPRESENTATIVE, {})
        self.login(self.bob)
        self.client.post(self.new_url, self.convene_data())
        self.assertTrue(Notification.objects.filter(user=rita, kind=Notification.Kind.CONFERENCE_CONSENT).exists())

    def test_a_double_submit_makes_one_conference(self):
        self.login(self.bob)
        data = self.convene_data()
        first = self.client.post(self.new_url, data)
        second = self.client.post(self.new_url, data)
        self.assertEqual(Conference.objects.count(), 1)
        self.assertEqual(first.url, second.url)
        self.assertEqual(Participant.objects.count(), 2)

    def test_bad_input_is_refused_with_a_message_and_kept(self):
        self.login(self.bob)
        response = self.client.post(
            self.new_url, self.convene_data(stuck="", date="2026-03-01", professionals=[], place="Buurthuis De Es")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Kies minstens één professional om uit te nodigen.")
        self.assertContains(response, "Deze datum is al voorbij.")
        self.assertContains(response, 'value="Buurthuis De Es"')
        self.assertFalse(Conference.objects.exists())

    def test_a_time_earlier_today_is_refused_and_the_ticked_people_stay_ticked(self):
        self.login(self.bob)
        response = self.client.post(self.new_url, self.convene_data(date="2026-03-04", time="08:00"))
        self.assertContains(response, "Deze tijd is al voorbij.")
        self.assertRegex(response.content.decode(), rf'value="{self.nina.pk}" id="id_professionals_\d+" checked')
        self.assertFalse(Conference.objects.exists())

    def test_only_the_coordinator_convenes(self):
        for user in (self.alice, self.dave, self.carol, self.erin, *self.outsiders):
            self.assert_not_found_for([user], self.new_url)
            self.assert_not_found_for([user], self.new_url, method="post", data=self.convene_data())
        self.assertFalse(Conference.objects.exists())

    # Proposing more people -------------------------------------------------------------

    def test_the_coordinator_proposes_someone_while_planned_and_the_resident_must_approve(self):
        conference = self.conference_planned()
        url = f"/overleg/{conference.pk}/deelnemers/"
        self.login(self.bob)
        response = self.client.get(url)
        self.assertContains(response, "Dave Dekker")  # on the list
        self.assertNotContains(response, f'name="professionals" value="{self.dave.pk}"')
        response = self.client.post(url, {"action": "add", "professionals": [self.nina.pk]})
        self.assertRedirects(response, url)
        nina = Participant.objects.get(conference=conference, user=self.nina)
        self.assertIsNone(nina.approved_at)
        self.assertTrue(
            Notification.objects.filter(user=self.alice, kind=Notification.Kind.CONFERENCE_CONSENT).exists()
        )
        self.assertFalse(Notification.objects.filter(user=self.nina).exists())
        # She sees nothing until alice approves.
        self.assert_not_found_for([self.nina], f"/overleg/{conference.pk}/")
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor_id=self.bob.pk).exists())

    def test_the_coordinator_takes_a_professional_off_the_list(self):
        conference = self.conference_planned()
        dave = conference.participants.get(user=self.dave)
        self.login(self.bob)
        response = self.client.post(
            f"/overleg/{conference.pk}/deelnemers/", {"action": "remove", "participant": dave.pk}
        )
        self.assertEqual(response.status_code, 302)
        dave.refresh_from_db()
        self.assertIsNotNone(dave.removed_at)
        self.assert_not_found_for([self.dave], f"/overleg/{conference.pk}/")
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, actor_id=self.bob.pk).exists())

    def test_proposing_people_is_for_the_coordinator_only(self):
        conference = self.conference_planned()
        url = f"/overleg/{conference.pk}/deelnemers/"
        self.assert_not_found_for([self.alice, self.dave, self.carol, self.erin, *self.outsiders], url)
        self.assert_not_found_for(
            [self.alice, self.dave], url, method="post", data={"action": "add", "professionals": [self.nina.pk]}
        )
        self.assertFalse(Participant.objects.filter(user=self.nina).exists())

    # The agenda ----------------------------------------------------------------------------

    def test_the_resident_adds_a_point_shown_as_hers(self):
        conference = self.conference_planned()
        self.login(self.alice)
        response = self.client.post(f"/overleg/{conference.pk}/agenda/", {"text": "Mijn dochter moet mee kunnen"})
        self.assertRedirects(response, f"/overleg/{conference.pk}/#h-agenda", fetch_redirect_response=False)
        item = AgendaItem.objects.get()
        self.assertTrue(item.by_resident)
        self.assertFalse(item.on_behalf)
        self.assertContains(self.client.get(f"/overleg/{conference.pk}/"), "Jouw punt")
        self.login(self.bob)
        self.assertContains(self.client.get(f"/overleg/{conference.pk}/"), "Punt van Alice")
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, actor_id=self.alice.pk).exists())

    def test_a_participant_adds_a_point_too(self):
        conference = self.conference_planned()
        self.login(self.dave)
        self.client.post(f"/overleg/{conference.pk}/agenda/", {"text": "Schuldsanering"})
        self.assertFalse(AgendaItem.objects.get().by_resident)

    def test_an_empty_point_shows_the_page_again_with_an_error(self):
        conference = self.conference_planned()
        self.login(self.alice)
        response = self.client.post(f"/overleg/{conference.pk}/agenda/", {"text": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertFalse(AgendaItem.objects.exists())

    def test_the_agenda_is_post_only_and_closed_to_others(self):
        conference = self.conference_planned()
        url = f"/overleg/{conference.pk}/agenda/"
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assert_not_found_for([self.carol, self.erin, *self.outsiders], url)
        self.assert_not_found_for([self.carol, self.erin, *self.outsiders], url, method="post", data={"text": "x"})
        conference.status = Conference.Status.CLOSED
        conference.save()
        self.assert_not_found_for([self.alice, self.bob], url, method="post", data={"text": "x"})
        self.assertFalse(AgendaItem.objects.exists())

    def test_the_people_section_shows_who_waits_only_to_the_resident_side_and_coordinator(self):
        conference = self.conference_planned()
        ParticipantFactory(conference=conference, user=self.nina, organisation=self.wijkzorg, proposed_by=self.bob)
        url = f"/overleg/{conference.pk}/"
        self.login(self.alice)
        response = self.client.get(url)
        self.assertContains(response, "Wachten op jouw ja")
        self.assertContains(response, "Nina Nijs")
        self.assertContains(response, "Wie doet mee en wat zien zij")
        self.login(self.dave)
        response = self.client.get(url)
        self.assertNotContains(response, "Nina Nijs")
        self.assertContains(response, "Dave Dekker")
        self.assertNotContains(response, "Overleg afsluiten")
        self.login(self.bob)
        response = self.client.get(url)
        self.assertContains(response, "Wachten op de ja van Alice")
        self.assertContains(response, "Iemand uitnodigen")
        self.assertContains(response, "Overleg afsluiten")
