from samenplan.audit.models import AuditEntry
from samenplan.mystery_guests.models import MysteryGuest, Touchpoint
from samenplan.mystery_guests.selectors import findings_by_organisation, findings_by_theme
from samenplan.testing.factories import MysteryReportFactory

from .base import MysteryTestCase


class GuestsTestCase(MysteryTestCase):
    def test_the_coordinator_sees_the_guests_with_their_names_and_kinds(self):
        self.login(self.petra)
        response = self.client.get("/mysteryguests/gasten/")
        self.assertContains(response, "Carol Claes")
        self.assertContains(response, "Ervaringsdeskundige")
        self.assertEqual(self.audit_entry("mystery_guest", self.guest.pk).actor_id, self.petra.pk)

    def test_the_coordinator_adds_an_existing_account_as_a_guest(self):
        self.login(self.petra)
        response = self.client.post("/mysteryguests/gasten/", {"account": "DAVE@example.org", "kind": "professional"})
        self.assertRedirects(response, "/mysteryguests/gasten/")
        guest = MysteryGuest.objects.get(user=self.dave)
        self.assertEqual((guest.kind, guest.added_by), ("professional", self.petra))
        entry = self.audit_entry("mystery_guest", guest.pk, action=AuditEntry.Action.CREATE)
        self.assertEqual((entry.actor_id, entry.subject_id), (self.petra.pk, self.dave.pk))
        # Dave is a guest now: he may write a report.
        self.login(self.dave)
        self.assertEqual(self.client.get("/mysteryguests/nieuw/").status_code, 200)

    def test_an_unknown_or_staff_only_account_is_refused_with_the_input_kept(self):
        self.login(self.petra)
        for account in ("nobody@example.org", "ann"):
            response = self.client.post("/mysteryguests/gasten/", {"account": account, "kind": "volunteer"})
            self.assertContains(response, "Er is geen actief account")
            self.assertContains(response, f'value="{account}"')
        self.assertEqual(MysteryGuest.objects.count(), 1)

    def test_nobody_else_sees_or_adds_guests(self):
        people = [self.carol, self.olga, self.charlie, self.ann, self.pam, self.brit, self.alice]
        self.assert_not_found_for(people, "/mysteryguests/gasten/")
        self.assert_not_found_for(
            people, "/mysteryguests/gasten/", method="post", data={"account": "dave", "kind": "expert"}
        )
        self.assertFalse(MysteryGuest.objects.filter(user=self.dave).exists())


class TouchpointsTestCase(MysteryTestCase):
    def test_an_organisation_admin_lists_their_own_touchpoints_only(self):
        self.login(self.olga)
        response = self.client.get("/mysteryguests/contactmomenten/")
        self.assertContains(response, "Uitnodigingsbrief")
        self.assertNotContains(response, "Balie wijkpunt")

    def test_an_organisation_admin_adds_a_touchpoint_for_their_own_organisation(self):
        self.login(self.olga)
        data = {"organisation": self.debt_team.pk, "kind": "phone", "name": "Telefonisch spreekuur", "description": ""}
        response = self.client.post("/mysteryguests/contactmomenten/", data)
        self.assertRedirects(response, "/mysteryguests/contactmomenten/")
        touchpoint = Touchpoint.objects.get(name="Telefonisch spreekuur")
        self.assertEqual((touchpoint.organisation, touchpoint.added_by), (self.debt_team, self.olga))

    def test_an_organisation_admin_cannot_add_one_for_another_organisation(self):
        self.login(self.olga)
        data = {"organisation": self.social_team.pk, "kind": "desk", "name": "Nep", "description": ""}
        response = self.client.post("/mysteryguests/contactmomenten/", data)
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertFalse(Touchpoint.objects.filter(name="Nep").exists())

    def test_a_touchpoint_without_a_name_is_refused_and_kept(self):
        self.login(self.petra)
        data = {"organisation": self.social_team.pk, "kind": "", "name": "", "description": "Achter de bibliotheek"}
        response = self.client.post("/mysteryguests/contactmomenten/", data)
        self.assertContains(response, "Vul een naam in.")
        self.assertContains(response, "Kies wat voor contactmoment het is.")
        self.assertContains(response, "Achter de bibliotheek")

    def test_the_coordinator_adds_one_for_any_organisation(self):
        self.login(self.petra)
        data = {"organisation": self.social_team.pk, "kind": "website", "name": "Website", "description": ""}
        self.client.post("/mysteryguests/contactmomenten/", data)
        self.assertTrue(Touchpoint.objects.filter(organisation=self.social_team, name="Website").exists())

    def test_guests_and_strangers_cannot_list_or_add_touchpoints(self):
        people = [self.carol, self.charlie, self.dave, self.ann, self.pam, self.wendy, self.alice]
        data = {"organisation": self.debt_team.pk, "kind": "desk", "name": "Nep"}
        self.assert_not_found_for(people, "/mysteryguests/contactmomenten/")
        self.assert_not_found_for(people, "/mysteryguests/contactmomenten/", method="post", data=data)
        self.assertFalse(Touchpoint.objects.filter(name="Nep").exists())


class FindingsTestCase(MysteryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Schuldhulp: three reports (one from setUp); the social team: one.
        MysteryReportFactory(touchpoint=cls.letter, filed_by=cls.dave, respectful=4, clear=1, felt_wrong="Vaag.")
        MysteryReportFactory(touchpoint=cls.letter, filed_by=cls.carol, respectful=2, felt_wrong="Kil.")
        MysteryReportFactory(touchpoint=cls.desk, filed_by=cls.carol, respectful=4, felt_wrong="")

    def test_findings_by_theme_count_reports_and_low_scores_with_the_latest_snippets(self):
        themes = {theme["dimension"]: theme for theme in findings_by_theme()}
        self.assertEqual((themes["respectful"]["reports"], themes["respectful"]["low"]), (4, 2))
        self.assertEqual(themes["respectful"]["low_percent"], 50)
        self.assertEqual(themes["respectful"]["snippets"], ["Kil.", "Superdenigrerend."])
        self.assertEqual(themes["clear"]["snippets"], ["Vaag."])
        self.assertEqual(themes["accessible"]["low"], 0)

    def test_an_organisation_with_fewer_than_three_reports_is_left_out(self):
        rows, hidden = findings_by_organisation()
        self.assertEqual([(row["name"], row["reports"]) for row in rows], [("Schuldhulp", 3)])
        self.assertEqual(hidden, 1)

    def test_the_coordinator_sees_the_findings_page(self):
        self.login(self.petra)
        response = self.client.get("/mysteryguests/bevindingen/")
        self.assertContains(response, "Superdenigrerend.")
        self.assertContains(response, "Schuldhulp")
        self.assertNotContains(response, "Sociaal Team West")
        self.assertContains(response, "1 organisatie heeft minder verslagen")
        self.assertEqual(self.audit_entry("mystery_report", self.report.pk).actor_id, self.petra.pk)

    def test_nobody_else_sees_the_findings(self):
        people = [self.carol, self.olga, self.charlie, self.ann, self.pam, self.brit, self.alice, self.wendy]
        self.assert_not_found_for(people, "/mysteryguests/bevindingen/")

    def test_the_coordinator_sees_every_report_with_the_guests_name_but_cannot_respond(self):
        self.login(self.petra)
        response = self.client.get(f"/mysteryguests/{self.report.pk}/")
        self.assertContains(response, "Carol Claes (Ervaringsdeskundige)")
        self.assertNotContains(response, "Reactie bewaren")
