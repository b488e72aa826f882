"""The programme coordinator edits the programme: the programme itself, goals, actions and
work groups. Everyone else gets a 404 and nothing changes."""

from samenplan.audit.models import AuditEntry
from samenplan.programme.models import Action, Goal, Programme, WorkGroupMember

from .base import ProgrammeTestCase


class EditTestCase(ProgrammeTestCase):
    def others(self):
        """A professional, the analyst and a stranger from another municipality."""
        return [self.dave, self.ann, self.otto]

    def last_entry(self):
        return AuditEntry.objects.order_by("-id").first()

    def assert_denied_logged(self, user, record):
        denied = AuditEntry.objects.filter(actor_id=user.pk, outcome=AuditEntry.Outcome.DENIED)
        self.assertIn(record, "".join(denied.values_list("records", flat=True)))


class ProgrammeCreateTestCase(EditTestCase):
    def test_the_coordinator_starts_a_programme_when_there_is_none(self):
        Programme.objects.all().delete()
        self.login(self.petra)
        self.assertContains(self.client.get("/programma/beheer/"), 'href="/programma/beheer/nieuw/"')
        response = self.client.post("/programma/beheer/nieuw/", {"name": "", "description": "Samen sterk"})
        self.assertContains(response, "Geef het programma een naam.", status_code=400)
        self.assertContains(response, "Samen sterk", status_code=400)
        response = self.client.post("/programma/beheer/nieuw/", {"name": "Ruimte voor leven 2", "description": ""})
        self.assertRedirects(response, "/programma/beheer/", fetch_redirect_response=False)
        programme = Programme.objects.get()
        self.assertEqual(
            (programme.name, programme.municipality), ("Ruimte voor leven 2", self.goal.programme.municipality)
        )
        self.assertIn(f"programme.programme#{programme.pk}: created the programme", self.last_entry().reason)

    def test_a_second_programme_is_not_made(self):
        self.login(self.petra)
        response = self.client.post("/programma/beheer/nieuw/", {"name": "Nog een"})
        self.assertRedirects(response, "/programma/beheer/", fetch_redirect_response=False)
        self.assertEqual(Programme.objects.count(), 1)

    def test_nobody_else_starts_one(self):
        Programme.objects.all().delete()
        self.assert_not_found_for(self.others(), "/programma/beheer/nieuw/", method="post", data={"name": "X"})
        self.assertFalse(Programme.objects.exists())
        self.assert_denied_logged(self.ann, "programme:new")


class GoalTestCase(EditTestCase):
    def test_the_coordinator_adds_a_goal_with_themes(self):
        self.login(self.petra)
        page = self.client.get("/programma/beheer/")
        self.assertContains(page, 'href="/programma/beheer/doelen/nieuw/"')
        self.assertContains(self.client.get("/programma/beheer/doelen/nieuw/"), 'value="2"')
        response = self.client.post(
            "/programma/beheer/doelen/nieuw/",
            {"number": 2, "title": "Gezond wonen", "description": "Droge huizen", "themes": ["housing", "health"]},
        )
        self.assertRedirects(response, "/programma/beheer/", fetch_redirect_response=False)
        goal = Goal.objects.get(number=2)
        self.assertEqual((goal.title, goal.themes), ("Gezond wonen", ["housing", "health"]))
        self.assertIn(f"programme.goal#{goal.pk}: goal saved", self.last_entry().reason)
        self.assertContains(self.client.get("/programma/"), "Gezond wonen")

    def test_a_taken_number_and_no_theme_are_refused_and_the_input_kept(self):
        self.login(self.petra)
        response = self.client.post("/programma/beheer/doelen/nieuw/", {"number": 1, "title": "Dubbel"})
        self.assertContains(response, "Doel 1 bestaat al. Kies een ander nummer.", status_code=400)
        self.assertContains(response, "Kies minstens één thema.", status_code=400)
        self.assertContains(response, 'value="Dubbel"', status_code=400)
        self.assertEqual(Goal.objects.count(), 1)

    def test_the_coordinator_changes_a_goal(self):
        self.login(self.petra)
        url = f"/programma/beheer/doelen/{self.goal.pk}/"
        self.assertContains(self.client.get(url), "Iedereen kan rondkomen")
        response = self.client.post(url, {"number": 1, "title": "Rondkomen lukt", "themes": ["income", "social"]})
        self.assertRedirects(response, "/programma/beheer/", fetch_redirect_response=False)
        self.goal.refresh_from_db()
        self.assertEqual((self.goal.title, self.goal.themes), ("Rondkomen lukt", ["income", "social"]))
        self.assertEqual(self.last_entry().action, "update")

    def test_nobody_else_adds_or_changes_a_goal(self):
        data = {"number": 5, "title": "Ingebroken", "themes": ["health"]}
        self.assert_not_found_for(self.others(), "/programma/beheer/doelen/nieuw/", method="post", data=data)
        self.assert_not_found_for(self.others(), f"/programma/beheer/doelen/{self.goal.pk}/", method="post", data=data)
        self.assertEqual(list(Goal.objects.values_list("title", flat=True)), ["Iedereen kan rondkomen"])
        self.assert_denied_logged(self.ann, f"programme_goal:{self.goal.pk}")


class ActionEditTestCase(EditTestCase):
    def test_the_coordinator_adds_an_action_under_a_goal(self):
        self.login(self.petra)
        url = f"/programma/beheer/doelen/{self.goal.pk}/acties/nieuw/"
        page = self.client.get(url)
        self.assertContains(page, "Basketbal Peel Suns")
        self.assertNotContains(page, "Ander Werkbedrijf")
        data = {"title": "Sportpas", "description": "Gratis sporten", "lead": self.club.pk, "status": "running"}
        response = self.client.post(url, data)
        action = Action.objects.get(title="Sportpas")
        self.assertRedirects(response, f"/programma/beheer/acties/{action.pk}/", fetch_redirect_response=False)
        self.assertEqual((action.goal, action.lead, action.status), (self.goal, self.club, "running"))
        self.assertIn(f"programme.action#{action.pk}: action saved", self.last_entry().reason)

    def test_an_organisation_of_another_municipality_cannot_lead(self):
        self.login(self.petra)
        url = f"/programma/beheer/doelen/{self.goal.pk}/acties/nieuw/"
        response = self.client.post(url, {"title": "Sportpas", "lead": self.other_org.pk, "status": "planned"})
        self.assertContains(response, "Kies een organisatie uit de lijst.", status_code=400)
        self.assertContains(response, 'value="Sportpas"', status_code=400)
        self.assertFalse(Action.objects.filter(title="Sportpas").exists())

    def test_the_coordinator_changes_the_lead_and_status(self):
        self.login(self.petra)
        url = f"/programma/beheer/acties/{self.action.pk}/"
        page = self.client.get("/programma/beheer/")
        self.assertContains(page, f'href="{url}"')
        data = {"title": "Geldcafé", "description": "", "lead": self.club.pk, "status": "done"}
        self.assertRedirects(self.client.post(url, data), url, fetch_redirect_response=False)
        self.action.refresh_from_db()
        self.assertEqual((self.action.title, self.action.lead, self.action.status), ("Geldcafé", self.club, "done"))
        self.assertEqual(self.last_entry().action, "update")

    def test_nobody_else_adds_or_changes_an_action(self):
        data = {"title": "Ingebroken", "lead": self.club.pk, "status": "done"}
        url = f"/programma/beheer/doelen/{self.goal.pk}/acties/nieuw/"
        self.assert_not_found_for(self.others(), url, method="post", data=data)
        self.assert_not_found_for(
            self.others(), f"/programma/beheer/acties/{self.action.pk}/", method="post", data=data
        )
        self.action.refresh_from_db()
        self.assertEqual(
            (self.action.title, self.action.status, Action.objects.count()),
            ("Geldcafé in de bibliotheek", "running", 1),
        )
        self.assert_denied_logged(self.dave, f"programme_action:{self.action.pk}")


class WorkGroupTestCase(EditTestCase):
    def url(self):
        return f"/programma/beheer/acties/{self.action.pk}/werkgroep/"

    def test_the_coordinator_adds_a_person_of_an_organisation_with_a_role(self):
        self.login(self.petra)
        self.assertContains(
            self.client.get(f"/programma/beheer/acties/{self.action.pk}/"), "Sem Smit (Basketbal Peel Suns)"
        )
        data = {"member-organisation": self.club.pk, "member-person": self.sem.pk, "member-role": "trainer"}
        response = self.client.post(self.url(), data)
        self.assertRedirects(response, f"/programma/beheer/acties/{self.action.pk}/", fetch_redirect_response=False)
        member = WorkGroupMember.objects.get(action=self.action, user=self.sem)
        self.assertEqual((member.organisation, member.name, member.role), (self.club, "Sem Smit", "trainer"))
        self.assertIn(f"programme.workgroupmember#{member.pk}: added", self.last_entry().reason)
        self.login(self.sem)
        self.assertContains(self.client.get(f"/programma/acties/{self.action.pk}/"), "Sem Smit, trainer")

    def test_an_organisation_alone_can_join(self):
        self.login(self.petra)
        self.client.post(self.url(), {"member-organisation": self.club.pk, "member-role": ""})
        member = WorkGroupMember.objects.get(action=self.action, organisation=self.club)
        self.assertIsNone(member.user)

    def test_a_person_of_another_organisation_or_twice_is_refused_and_the_input_kept(self):
        self.login(self.petra)
        data = {"member-organisation": self.club.pk, "member-person": self.dave.pk, "member-role": "spreker"}
        response = self.client.post(self.url(), data)
        self.assertContains(response, "Deze persoon werkt niet bij de organisatie die je koos.", status_code=400)
        self.assertContains(response, 'value="spreker"', status_code=400)
        data = {"member-organisation": self.debt_team.pk, "member-person": self.dave.pk}
        response = self.client.post(self.url(), data)
        self.assertContains(response, "Deze persoon zit al in de werkgroep.", status_code=400)
        self.assertEqual(WorkGroupMember.objects.count(), 1)

    def test_the_coordinator_removes_a_member(self):
        member = WorkGroupMember.objects.get(user=self.dave)
        self.login(self.petra)
        url = f"/programma/beheer/acties/{self.action.pk}/werkgroep/{member.pk}/verwijderen/"
        response = self.client.post(url)
        self.assertRedirects(response, f"/programma/beheer/acties/{self.action.pk}/", fetch_redirect_response=False)
        self.assertFalse(WorkGroupMember.objects.exists())
        entry = self.last_entry()
        self.assertEqual(entry.action, "delete")
        self.assertIn(f"programme.workgroupmember#{member.pk}: removed", entry.reason)

    def test_nobody_else_adds_or_removes_members(self):
        member = WorkGroupMember.objects.get(user=self.dave)
        data = {"member-organisation": self.club.pk, "member-person": self.sem.pk}
        self.assert_not_found_for(self.others(), self.url(), method="post", data=data)
        remove = f"/programma/beheer/acties/{self.action.pk}/werkgroep/{member.pk}/verwijderen/"
        self.assert_not_found_for(self.others(), remove, method="post")
        self.assertEqual(list(WorkGroupMember.objects.values_list("user", flat=True)), [self.dave.pk])
        self.assert_denied_logged(self.otto, f"programme_action:{self.action.pk}")

    def test_a_member_of_another_action_cannot_be_removed_through_this_one(self):
        other = Action.objects.create(goal=self.goal, title="Ander", lead=self.club)
        member = WorkGroupMember.objects.get(user=self.dave)
        self.assert_not_found_for(
            [self.petra], f"/programma/beheer/acties/{other.pk}/werkgroep/{member.pk}/verwijderen/", method="post"
        )
        self.assertTrue(WorkGroupMember.objects.filter(pk=member.pk).exists())
