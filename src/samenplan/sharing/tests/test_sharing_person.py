"""Who sees what, one person at a time: the list of people with what each sees, the page
per person with a radio group per part, "same as ..." to copy, and saving only what changed."""

from datetime import UTC, date, datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenplan.audit.models import AuditEntry
from samenplan.sharing.models import EmergencyAccess, Grant, Membership, SharingDecision
from samenplan.sharing.parts import Level, Part
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import PlanFactory, UserFactory

TODAY = date(2026, 3, 2)
PARTS = [part.value for part in Part]


def levels(membership) -> dict[str, int]:
    return dict(Grant.objects.filter(membership=membership).values_list("part", "level"))


@time_machine.travel(TODAY)
class PeopleListTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/sharing/"

    def test_it_lists_each_person_with_a_plain_summary_and_a_link_to_their_page(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Ziet 3 van 9 delen: Mijn verhaal, Doelen, Afspraken.")
        self.assertContains(response, "Ziet 2 van 9 delen: Doelen, Afspraken. Mag ook aanvullen bij: Afspraken.")
        self.assertContains(response, "Ziet alle 9 delen. Mag bij al deze delen ook aanvullen.")
        self.assertContains(response, "Ziet nog niets.")
        self.assertContains(response, f'href="/plans/{self.plan.pk}/sharing/{self.carol_membership.pk}/"')
        self.assertContains(response, f'href="/plans/{self.plan.pk}/sharing/everyone/"')
        self.assertContains(response, "Schuldhulp")
        # No dropdowns here: the choices are on each person's own page.
        self.assertNotContains(response, "<select")

    def test_it_shows_an_end_date_and_what_a_representative_may_do(self):
        Grant.objects.filter(membership=self.dave_membership).update(valid_until=date(2026, 3, 20))
        mentor = UserFactory(role="network", first_name="Mona")
        self.add_member(mentor, Membership.Role.REPRESENTATIVE, {})
        Membership.objects.filter(user=mentor).update(representation="mentor", represents=["story", "goals"])
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Tot en met 20 maart 2026.")
        self.assertContains(response, "Wettelijk vertegenwoordiger voor: Mijn verhaal, Doelen")

    def test_it_tells_the_resident_when_her_coordinator_cannot_answer_her(self):
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.url), "kan de berichten lezen, maar er niet op antwoorden")
        Grant.objects.filter(membership=self.bob_membership, part=Part.CONVERSATIONS).update(level=Level.VIEW)
        response = self.client.get(self.url)
        self.assertContains(
            response, f"{self.bob.display_name} is de regisseur en kan de berichten lezen, maar er niet op antwoorden."
        )
        self.assertContains(response, "Kies dan “Bekijken en aanvullen” bij Berichten.")
        self.assertContains(response, "Ziet alle 9 delen. Mag hier ook aanvullen, behalve bij: Berichten.")
        Grant.objects.filter(membership=self.bob_membership, part=Part.CONVERSATIONS).delete()
        response = self.client.get(self.url)
        self.assertContains(response, "is de regisseur, maar kan geen berichten lezen of beantwoorden.")

    def test_the_number_of_queries_does_not_grow_with_the_people(self):
        self.login(self.alice)
        self.client.get(self.url)  # the first audit entry of all reads one more row
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(self.client.get(self.url).status_code, 200)
        for _number in range(4):
            user = UserFactory(role="network")
            self.add_member(user, Membership.Role.NETWORK, {Part.GOALS: Level.VIEW, Part.STORY: Level.CONTRIBUTE})
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.url)
        self.assertContains(response, "Ziet 2 van 9 delen", count=5)
        self.assertEqual(len(many), len(few), [q["sql"] for q in many])

    def test_the_list_is_for_who_decides_who_sees_what_only(self):
        self.assert_not_found_for([self.bob, self.carol, self.dave, self.erin, *self.outsiders], self.url)

    def test_the_list_takes_no_post(self):
        self.login(self.alice)
        before = SharingDecision.objects.count()
        self.assertEqual(self.client.post(self.url, {}).status_code, 405)
        self.assertEqual(SharingDecision.objects.count(), before)

    def test_opening_the_list_is_in_the_audit_log(self):
        self.login(self.alice)
        self.client.get(self.url)
        entry = AuditEntry.objects.order_by("-id").first()
        self.assertEqual(
            (entry.actor_id, entry.plan_id, entry.action, entry.outcome),
            (self.alice.pk, self.plan.pk, "view", "permitted"),
        )
        self.assertEqual(entry.page, "sharing")


@time_machine.travel(TODAY)
class PersonPageTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/sharing/{self.carol_membership.pk}/"

    def page(self, membership=None, **changes):
        """What the browser sends for a person's page as drawn now, with some choices changed:
        page(story=Level.VIEW, until="2026-03-10")."""
        current = levels(membership or self.carol_membership)
        data = {"action": "save", "until": "", "was_until": ""}
        for part in Part:
            data[f"level_{part.value}"] = data[f"was_{part.value}"] = str(current.get(part.value, Level.NONE))
        for key, value in changes.items():
            data[key if key == "until" else f"level_{key}"] = str(value)
        return data

    def test_it_shows_one_radio_group_per_part_with_the_current_choice(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, f"Wat {self.carol.display_name} mag zien")
        self.assertContains(response, 'type="radio"', count=3 * len(Part))
        self.assertContains(response, "<legend>Mijn verhaal</legend>")
        self.assertContains(response, 'value="1" class="inline" required id="id_level_goals_1" checked')
        self.assertContains(response, 'value="2" class="inline" required id="id_level_agreements_2" checked')
        self.assertContains(response, 'value="0" class="inline" required id="id_level_story_0" checked')
        for label in ("Niet", "Bekijken", "Bekijken en aanvullen"):
            self.assertContains(response, f" {label}</label>")
        self.assertContains(response, "de gesprekken lezen waar die aan meedoet, maar niet antwoorden")
        self.assertNotContains(response, "<table")

    def test_saving_writes_only_what_changed_and_counts_at_once(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.page(story=Level.VIEW), follow=True)
        self.assertRedirects(response, f"/plans/{self.plan.pk}/sharing/#person-{self.carol_membership.pk}")
        self.assertContains(response, f"Opgeslagen. Wat {self.carol.display_name} mag zien, telt vanaf nu.")
        self.assertEqual(levels(self.carol_membership), {"story": 1, "goals": 1, "agreements": 2})
        decision = SharingDecision.objects.order_by("-id").first()
        self.assertEqual(
            [(g["member"], g["part"], g["level"]) for g in decision.grants], [(self.carol_membership.pk, "story", 1)]
        )
        entry = AuditEntry.objects.filter(page="sharing_person").get()
        self.assertEqual((entry.actor_id, entry.action, entry.plan_id), (self.alice.pk, "share", self.plan.pk))
        self.login(self.carol)
        self.assertContains(self.client.get(f"/plans/{self.plan.pk}/story/"), "Alice&#x27;s story")

    def test_saving_nothing_changed_saves_nothing(self):
        self.login(self.alice)
        before = SharingDecision.objects.count()
        response = self.client.post(self.url, self.page(), follow=True)
        self.assertEqual(SharingDecision.objects.count(), before)
        self.assertContains(response, "Er is niets veranderd.")

    def test_a_stale_page_keeps_a_newer_choice_and_shows_both(self):
        self.login(self.alice)
        stale = self.page(agreements=Level.VIEW, story=Level.VIEW)
        self.client.post(self.url, self.page(agreements=Level.NONE))
        response = self.client.post(self.url, stale)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"Iemand anders heeft veranderd wat {self.carol.display_name} mag zien")
        self.assertContains(response, "Afspraken: nu opgeslagen “Niet”, jij koos “Bekijken”.")
        self.assertContains(response, "Nu opgeslagen: Niet")
        self.assertEqual(levels(self.carol_membership), {"goals": 1})
        # Her own choices are kept; saving again now knowingly replaces the newer one.
        form = response.context["form"]
        self.assertEqual(form["level_agreements"].value(), str(Level.VIEW))
        again = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
        self.client.post(self.url, again | {"action": "save"})
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 1, "story": 1})

    def test_a_stale_page_saves_its_own_change_without_undoing_another(self):
        self.login(self.alice)
        stale = self.page(story=Level.VIEW)
        self.client.post(self.url, self.page(agreements=Level.NONE))
        self.client.post(self.url, stale)
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "story": 1})

    def test_same_as_fills_in_another_persons_choices_without_saving(self):
        self.login(self.alice)
        drawn = self.page()
        copy = {key: value for key, value in drawn.items() if key.startswith("was_")}
        response = self.client.post(self.url, copy | {"action": "copy", "copy_from": self.dave_membership.pk})
        self.assertEqual(response.status_code, 200)
        dave = self.dave.display_name
        self.assertContains(response, f"De keuzes van {dave} staan hieronder ingevuld. Er is nog niets opgeslagen")
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 2})
        form = response.context["form"]
        self.assertEqual(
            {part: value for part in PARTS if (value := form[f"level_{part}"].value()) != "0"},
            {"story": "1", "goals": "1", "agreements": "1"},
        )
        # The parts that differ from what is saved are marked.
        self.assertContains(response, "veranderd, nog niet opgeslagen", count=2)
        # Saving the filled-in page gives Carol what Dave sees.
        data = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
        self.client.post(self.url, data | {"action": "save"})
        self.assertEqual(levels(self.carol_membership), levels(self.dave_membership))

    def test_same_as_copies_what_a_representative_may_do_but_not_emergency_access(self):
        mentor = UserFactory(role="network")
        mentor_membership = self.add_member(mentor, Membership.Role.REPRESENTATIVE, {Part.GOALS: Level.VIEW})
        Membership.objects.filter(pk=mentor_membership.pk).update(represents=["story"])
        EmergencyAccess.objects.create(
            membership=self.dave_membership, part="strengths", reason="r" * 30, ends_at=datetime(2026, 3, 3, tzinfo=UTC)
        )
        self.login(self.alice)
        response = self.client.post(
            f"/plans/{self.plan.pk}/sharing/{self.erin_membership.pk}/",
            {"action": "copy", "copy_from": mentor_membership.pk},
        )
        form = response.context["form"]
        self.assertEqual((form["level_story"].value(), form["level_goals"].value()), ("2", "1"))
        response = self.client.post(
            f"/plans/{self.plan.pk}/sharing/{self.erin_membership.pk}/",
            {"action": "copy", "copy_from": self.dave_membership.pk},
        )
        self.assertEqual(response.context["form"]["level_strengths"].value(), "0")

    def test_same_as_without_a_person_says_so_and_changes_nothing(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"action": "copy", "copy_from": ""})
        self.assertContains(response, "Kies de persoon van wie je de keuzes wilt overnemen.")
        self.assertContains(response, 'aria-describedby="copy-hint id_copy_from_error"')
        response = self.client.post(self.url, {"action": "copy", "copy_from": self.carol_membership.pk})
        self.assertContains(response, 'id="id_copy_from_error"')
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 2})

    def test_an_end_date_is_saved_on_every_grant_and_ends_them(self):
        self.login(self.alice)
        self.client.post(self.url, self.page(until="2026-03-10"))
        self.assertEqual(
            set(Grant.objects.filter(membership=self.carol_membership).values_list("valid_until", flat=True)),
            {date(2026, 3, 10)},
        )
        with time_machine.travel(date(2026, 3, 11)):
            self.login(self.carol)
            self.assertEqual(self.client.get(f"/plans/{self.plan.pk}/goals/").status_code, 404)

    def test_an_end_date_in_the_past_is_refused_with_a_message_and_the_input_kept(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.page(until="2026-03-01", story=Level.VIEW))
        self.assertContains(response, 'id="id_until_error"')
        self.assertContains(response, "Deze datum is al voorbij")
        self.assertContains(response, 'value="2026-03-01"')
        self.assertContains(response, 'value="1" class="inline" required id="id_level_story_1" checked')
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 2})

    def test_a_choice_that_does_not_exist_is_refused(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.page(story=7))
        self.assertContains(response, 'id="id_level_story_error"')
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 2})

    def test_strangers_and_members_get_404(self):
        users = [self.bob, self.carol, self.dave, self.erin, *self.outsiders]
        self.assert_not_found_for(users, self.url)
        self.assert_not_found_for(users, self.url, method="post", data=self.page(story=Level.CONTRIBUTE))
        self.assertEqual(levels(self.carol_membership), {"goals": 1, "agreements": 2})

    def test_people_outside_this_plan_or_without_an_account_get_404(self):
        contact = self.add_member(None, Membership.Role.NETWORK, {})
        other = PlanFactory()
        elsewhere = self.add_member(UserFactory(role="network"), Membership.Role.NETWORK, {}, plan=other)
        Membership.objects.filter(pk=self.erin_membership.pk).update(ended_at=datetime(2026, 3, 1, tzinfo=UTC))
        for membership in (contact, elsewhere, self.erin_membership):
            self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/sharing/{membership.pk}/")

    def test_a_full_representative_decides_and_it_is_recorded_on_behalf(self):
        mentor = UserFactory(role="network", first_name="Mona")
        self.add_member(mentor, Membership.Role.REPRESENTATIVE, {})
        self.login(mentor)
        response = self.client.get(self.url)
        self.assertContains(response, f"Kies per deel van het plan van Alice wat {self.carol.display_name} mag zien.")
        self.client.post(self.url, self.page(story=Level.VIEW))
        self.assertTrue(SharingDecision.objects.order_by("-id").first().on_behalf)
        self.assertEqual(levels(self.carol_membership)["story"], Level.VIEW)

    def test_a_closed_plan_has_no_sharing_pages(self):
        self.plan.status = "closed"
        self.plan.save()
        self.assert_not_found_for([self.alice], self.url)
        self.assert_not_found_for([self.alice], f"/plans/{self.plan.pk}/sharing/")


@time_machine.travel(TODAY)
class NetworkWhyNotTestCase(BaseTestCase):
    """The network page says why someone cannot act there, and who can change it."""

    def setUp(self):
        self.url = f"/plans/{self.plan.pk}/network/"

    def test_a_viewer_is_told_why_they_cannot_add_and_who_can_change_it(self):
        Grant.objects.create(
            membership=self.carol_membership, part=Part.NETWORK, level=Level.VIEW, granted_by=self.alice
        )
        self.login(self.carol)
        response = self.client.get(self.url)
        self.assertContains(
            response,
            "Je kunt hier niemand toevoegen of iets veranderen: Alice heeft je het netwerk alleen laten bekijken. "
            "Alice kan dat veranderen bij Wie ziet wat.",
        )
        self.assertContains(response, "Alleen Alice beslist wie wat ziet en wie in het plan wordt uitgenodigd.")

    def test_the_coordinator_is_told_who_decides_who_sees_what(self):
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Alleen Alice beslist wie wat ziet. Je kunt mensen op deze pagina wel uitnodigen")
        self.assertNotContains(response, "Je kunt hier niemand toevoegen")

    def test_a_closed_plan_says_so_and_who_opens_it(self):
        self.plan.status = "closed"
        self.plan.save()
        self.login(self.bob)
        response = self.client.get(self.url)
        self.assertContains(response, "Niemand kan deze pagina nog veranderen: het plan is afgesloten.")
        self.assertContains(response, "Je kunt het plan weer openen op de overzichtspagina.")
        Grant.objects.create(
            membership=self.dave_membership, part=Part.NETWORK, level=Level.VIEW, granted_by=self.alice
        )
        self.login(self.dave)
        self.assertContains(self.client.get(self.url), "Alice of de regisseur kan het weer openen.")

    def test_the_resident_gets_no_such_note(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertNotContains(response, "why-not")
        self.assertContains(response, "De mensen om je heen")
