from datetime import datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import Organisation, User
from samenplan.directory.models import STALE_AFTER_DAYS, Location, Schedule, Service, ServiceAtLocation
from samenplan.referrals.models import Referral
from samenplan.referrals.services import is_overdue
from samenplan.sharing.models import Grant
from samenplan.sharing.parts import Level, Part
from samenplan.sharing.policy import access_for, referral_inbox_filter

# A Tuesday morning in winter: the demo's dates are relative to it.
LOADED = datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


class DemoSocialMapTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(LOADED, tick=False):
            call_command("demo", "--json", stdout=StringIO())

    def setUp(self):
        traveller = time_machine.travel(LOADED, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_it_lists_about_120_services_of_most_organisations(self):
        self.assertTrue(110 <= Service.objects.count() <= 130, Service.objects.count())
        self.assertGreaterEqual(Service.objects.values("organisation").distinct().count(), 25)
        for name in ("Schuldhulpverlening", "Voedselpakket", "Taalhuis", "Jeugdclinic basketbal", "Huismeester"):
            self.assertTrue(Service.objects.filter(name=name).exists(), name)
        self.assertTrue(Service.objects.filter(name__startswith="Buurtsportcoach").exists())
        self.assertTrue(Service.objects.filter(name="Ouder- en kindcoach").exists())
        self.assertTrue(Service.objects.filter(name="GGZ-inloop De Boog", walk_in=True).exists())

    def test_every_service_has_a_life_domain_and_plain_contact_details(self):
        services = Service.objects.annotate(domains=Count("terms", filter=Q(terms__life_domain__isnull=False)))
        for service in services:
            self.assertGreaterEqual(service.domains, 1, service.name)
            self.assertTrue(service.description and service.eligibility_description, service.name)
            self.assertTrue(service.email.endswith(".example.nl"), service.email)
            self.assertTrue(service.url.startswith("https://") and ".example.nl/" in service.url, service.url)
            self.assertTrue(service.walk_in or service.by_phone or service.self_referral or service.via_professional)
            self.assertTrue(service.search_text, f"{service.name} is not indexed for the search")
        for organisation in Organisation.objects.all():
            self.assertTrue(organisation.email.endswith(".example.nl"), organisation.name)
            self.assertTrue(organisation.website.startswith("https://"), organisation.name)
            self.assertTrue(organisation.phone, organisation.name)

    def test_places_have_addresses_in_the_wijken_and_opening_hours(self):
        self.assertTrue(38 <= Location.objects.count() <= 50)
        physical = Location.objects.filter(location_type=Location.Kind.PHYSICAL)
        self.assertFalse(physical.filter(wijk=None).exists())
        self.assertFalse(physical.filter(postal_code="").exists())
        self.assertFalse(Location.objects.annotate(n=Count("schedules")).filter(n=0).exists())
        for schedule in Schedule.objects.all():
            self.assertLess(schedule.opens_at, schedule.closes_at)
        # Every service one can visit is somewhere (the crisis line is only a phone number).
        lonely = Service.objects.exclude(pk__in=ServiceAtLocation.objects.values("service"))
        self.assertLessEqual(lonely.count(), 2)

    def test_some_listings_are_out_of_date_and_one_is_closed_for_now(self):
        stale = [s for s in Service.objects.all() if s.is_stale]
        self.assertTrue(8 <= len(stale) <= 15, len(stale))
        today = timezone.localdate()
        for service in stale:
            self.assertLessEqual((today - service.assured_date).days, 400)
            self.assertGreater((today - service.assured_date).days, STALE_AFTER_DAYS)
        self.assertEqual(Service.objects.filter(status=Service.Status.TEMPORARILY_CLOSED).count(), 1)

    def test_loading_again_changes_nothing(self):
        def counts():
            return [m.objects.count() for m in (Service, Location, Schedule, ServiceAtLocation, Referral, Grant)]

        before = counts()
        call_command("demo", "--json", stdout=StringIO())
        self.assertEqual(counts(), before)


class DemoReferralsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(LOADED, tick=False):
            call_command("demo", "--json", stdout=StringIO())

    def setUp(self):
        traveller = time_machine.travel(LOADED, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_there_are_referrals_in_every_state_and_with_every_outcome(self):
        self.assertEqual(set(Referral.objects.values_list("status", flat=True)), set(Referral.Status.values))
        outcomes = set(Referral.objects.filter(status=Referral.Status.COMPLETED).values_list("outcome", flat=True))
        self.assertEqual(outcomes, set(Referral.Outcome.values))
        rejected = Referral.objects.get(status=Referral.Status.REJECTED)
        self.assertTrue(rejected.reason)
        self.assertIsNotNone(rejected.suggested_service)
        cancelled = Referral.objects.get(status=Referral.Status.CANCELLED)
        self.assertEqual(cancelled.events.last().by, cancelled.plan.owner)
        self.assertTrue(Referral.objects.get(status=Referral.Status.FAILED).reason)

    def test_fatima_has_one_waiting_for_her_consent_and_others_on_their_way(self):
        fatima = Referral.objects.filter(plan__owner__username="fatima")
        statuses = set(fatima.values_list("status", flat=True))
        self.assertIn(Referral.Status.AWAITING_CONSENT, statuses)
        self.assertGreaterEqual(len(statuses), 4)
        waiting = fatima.get(status=Referral.Status.AWAITING_CONSENT)
        self.assertIsNone(waiting.consented_at)
        self.assertTrue(waiting.plan.owner.notifications.filter(kind="referral_consent", read_at=None).exists())

    def test_jolien_finds_new_referrals_in_her_inbox_one_overdue_one_urgent(self):
        jolien = User.objects.get(username="jolien.schuldhulp")
        inbox = Referral.objects.filter(referral_inbox_filter(jolien))
        waiting = inbox.filter(status=Referral.Status.REQUESTED)
        self.assertEqual(len([r for r in waiting if is_overdue(r)]), 1)
        self.assertTrue(waiting.filter(priority=Referral.Priority.URGENT, respond_by__gte=timezone.localdate()))
        self.assertTrue(jolien.notifications.filter(kind="referral_received", read_at=None).exists())
        # Sanne sees the referrals of the plans she coordinates.
        sanne = User.objects.get(username="sanne.wijkteam")
        for referral in Referral.objects.filter(plan__memberships__user=sanne, plan__memberships__role="coordinator"):
            self.assertTrue(access_for(sanne, referral.plan).sees_referrals)

    def test_every_referrals_grants_match_the_consent(self):
        self.assertTrue(Referral.objects.filter(status__in=Referral.OPEN).exclude(assigned_to=None).exists())
        for referral in Referral.objects.select_related("membership", "assigned_to", "plan"):
            grants = {g.part: g.level for g in Grant.objects.filter(membership=referral.membership_id)}
            receiver = referral.assigned_to
            if referral.status in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
                self.assertTrue(referral.created_membership, referral)
                self.assertIsNone(referral.membership.ended_at)
                self.assertEqual(referral.membership.user, receiver)
                self.assertEqual(grants, dict.fromkeys(referral.consent_parts, Level.VIEW), referral)
                access = access_for(receiver, referral.plan)
                self.assertEqual({p for p in Part if access.can_view(p)}, set(referral.consent_parts), referral)
                self.assertFalse(any(access.can_contribute(p) for p in Part))
            elif referral.extended:
                self.assertEqual(grants, dict.fromkeys(referral.consent_parts, Level.VIEW), referral)
            elif referral.membership_id:
                self.assertEqual(grants, {}, referral)
                self.assertIsNotNone(referral.membership.ended_at, referral)
                self.assertIsNone(access_for(receiver, referral.plan), referral)
            else:
                self.assertIsNone(receiver)
                self.assertEqual(referral.granted_parts, [])

    def test_they_happened_on_working_days_in_order(self):
        now = timezone.now()
        for referral in Referral.objects.prefetch_related("events"):
            moments = [event.at for event in referral.events.all()]
            self.assertEqual(moments, sorted(moments))
            self.assertEqual(referral.proposed_at, moments[0])
            self.assertEqual(referral.status_changed_at, moments[-1])
            for moment in moments:
                local = timezone.localtime(moment)
                self.assertLess(moment, now)
                self.assertLess(local.weekday(), 5, f"{referral} on a {local:%A}")
                self.assertTrue(time(8, 30) <= local.time() <= time(17, 30), local)


class DemoReferralsAnyDayTestCase(TestCase):
    def test_loaded_early_on_a_monday_one_is_overdue_and_nothing_is_in_the_future(self):
        monday = datetime(2026, 3, 9, 6, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
        with time_machine.travel(monday, tick=False):
            call_command("demo", "--json", stdout=StringIO())
            self.assertEqual(len([r for r in Referral.objects.all() if is_overdue(r)]), 1)
            for referral in Referral.objects.prefetch_related("events"):
                for event in referral.events.all():
                    local = timezone.localtime(event.at)
                    self.assertLess(event.at, timezone.now(), referral)
                    self.assertLess(local.weekday(), 5, referral)
                    self.assertTrue(time(8, 30) <= local.time() <= time(17, 30), local)
