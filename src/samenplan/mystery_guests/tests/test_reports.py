from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenplan.audit.models import AuditEntry
from samenplan.mystery_guests.models import Report, Response
from samenplan.testing.factories import MysteryReportFactory

from .base import MysteryTestCase

LETTER = (
    "Geachte heer Jansen,\nU bent welkom op 12 maart aan de Kerkstraat 12, 5701 AB Helmstad.\n"
    "Wilt u in schone kleding komen? Bel 06-12345678 of mail a.jansen@mail.example. Carol Claes"
)


def report_data(touchpoint, **extra):
    return {
        "touchpoint": touchpoint.pk,
        "visited_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "clear": "3",
        "respectful": "1",
        "reachable": "2",
        "accessible": "4",
        "reachable_by_phone": "yes",
        "reachable_by_email": "",
        "waiting_minutes": "25",
        "felt_wrong": "Schone kleding? Superdenigrerend.",
        "suggestions": "Schrijf uitnodigend.",
        "letter_text": LETTER,
        **extra,
    }


class GuestReportsTestCase(MysteryTestCase):
    def test_it_lists_the_guests_own_reports_only(self):
        other = MysteryReportFactory(touchpoint=self.desk, filed_by=self.dave, guest_kind="professional")
        self.login(self.carol)
        response = self.client.get("/mysteryguests/")
        self.assertContains(response, "Uitnodigingsbrief")
        self.assertContains(response, "/mysteryguests/nieuw/")
        self.assertNotContains(response, f"/mysteryguests/{other.pk}/")
        self.assertEqual(self.audit_entry("mystery_report", self.report.pk).actor_id, self.carol.pk)

    def test_the_list_takes_the_same_number_of_queries_for_more_reports(self):
        self.login(self.petra)
        self.client.get("/mysteryguests/")  # the session and the deployment municipality
        with CaptureQueriesContext(connection) as one_report:
            self.client.get("/mysteryguests/")
        for _ in range(4):
            report = MysteryReportFactory(touchpoint=self.desk, filed_by=self.carol)
            Response.objects.create(report=report, action="x", due_on=timezone.localdate(), responded_by=self.otto)
        with self.assertNumQueries(len(one_report.captured_queries)):
            response = self.client.get("/mysteryguests/")
        self.assertEqual(len(response.context["reports"]), 5)

    def test_checking_shows_the_letter_without_personal_data_and_files_nothing(self):
        self.login(self.carol)
        response = self.client.post("/mysteryguests/nieuw/", report_data(self.letter, step="check"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kijk je verslag na")
        self.assertContains(response, "Wilt u in schone kleding komen?")
        for personal in ("Jansen", "Kerkstraat 12", "5701 AB", "06-12345678", "a.jansen@mail.example"):
            self.assertNotContains(response, personal)
        # Carol's own name is in the page header; the letter sent on no longer holds it.
        self.assertTrue(response.context["form"].data["letter_text"].endswith("[naam] [naam]"))
        self.assertContains(response, "[telefoonnummer]")
        self.assertContains(response, 'value="file"')
        self.assertEqual(Report.objects.count(), 1)

    def test_filing_saves_the_cleaned_report_with_the_guest_kind_and_audits_it(self):
        self.login(self.carol)
        response = self.client.post("/mysteryguests/nieuw/", report_data(self.letter, step="file"))
        self.assertRedirects(response, "/mysteryguests/")
        report = Report.objects.latest("id")
        self.assertEqual((report.filed_by, report.guest_kind, report.respectful), (self.carol, "expert", 1))
        self.assertEqual(
            (report.reachable_by_phone, report.reachable_by_email, report.waiting_minutes), (True, None, 25)
        )
        self.assertIn("[naam]", report.letter_text)
        self.assertNotIn("06-12345678", report.letter_text)
        self.assertNotIn("Carol", report.letter_text)
        entry = self.audit_entry("mystery_report", report.pk, action=AuditEntry.Action.CREATE)
        self.assertEqual(entry.actor_id, self.carol.pk)

    def test_missing_answers_are_explained_and_what_was_typed_is_kept(self):
        self.login(self.carol)
        data = report_data(self.letter, step="check")
        del data["respectful"]
        data["visited_on"] = (timezone.localdate() + timedelta(days=3)).isoformat()
        response = self.client.post("/mysteryguests/nieuw/", data)
        self.assertContains(response, "Er klopt nog iets niet")
        self.assertContains(response, "Kies een van de antwoorden.")
        self.assertContains(response, "Deze datum ligt in de toekomst.")
        self.assertContains(response, "Schrijf uitnodigend.")
        self.assertEqual(Report.objects.count(), 1)

    def test_the_form_says_reports_are_about_services_not_residents(self):
        self.login(self.carol)
        response = self.client.get("/mysteryguests/nieuw/")
        self.assertContains(response, "Schrijf over de dienst, niet over een inwoner.")
        self.assertNotContains(response, "/plans/")

    def test_someone_who_is_not_a_guest_cannot_file_and_nothing_is_saved(self):
        self.assert_not_found_for(
            [self.charlie, self.dave, self.ann, self.pam, self.petra, self.olga, self.brit, self.wendy],
            "/mysteryguests/nieuw/",
            method="post",
            data=report_data(self.letter, step="file"),
        )
        self.assertEqual(Report.objects.count(), 1)

    def test_the_guest_sees_the_organisations_response(self):
        Response.objects.create(
            report=self.report, action="We schrappen de zin.", due_on=timezone.localdate(), responded_by=self.olga
        )
        self.login(self.carol)
        response = self.client.get(f"/mysteryguests/{self.report.pk}/")
        self.assertContains(response, "We schrappen de zin.")
        self.assertNotContains(response, "Reactie bewaren")


class OrganisationReportsTestCase(MysteryTestCase):
    def test_the_admin_sees_reports_about_their_organisation_with_the_guest_kind_not_the_name(self):
        other = MysteryReportFactory(touchpoint=self.desk, filed_by=self.carol)
        self.login(self.olga)
        response = self.client.get("/mysteryguests/")
        self.assertContains(response, f"/mysteryguests/{self.report.pk}/")
        self.assertNotContains(response, f"/mysteryguests/{other.pk}/")
        response = self.client.get(f"/mysteryguests/{self.report.pk}/")
        self.assertContains(response, "Ervaringsdeskundige")
        self.assertContains(response, "Superdenigrerend.")
        self.assertNotContains(response, "Carol")
        self.assertEqual(self.audit_entry("mystery_report", self.report.pk).actor_id, self.olga.pk)

    def test_the_admin_responds_with_an_action_and_a_date(self):
        self.login(self.olga)
        due = (timezone.localdate() + timedelta(days=30)).isoformat()
        response = self.client.post(
            f"/mysteryguests/{self.report.pk}/", {"action": "Nieuwe brief in gewone taal.", "due_on": due}
        )
        self.assertRedirects(response, f"/mysteryguests/{self.report.pk}/")
        answer = self.report.responses.get()
        self.assertEqual(
            (answer.action, answer.due_on.isoformat(), answer.responded_by),
            ("Nieuwe brief in gewone taal.", due, self.olga),
        )
        entry = self.audit_entry("mystery_report", self.report.pk, action=AuditEntry.Action.CREATE)
        self.assertEqual(entry.actor_id, self.olga.pk)

    def test_a_response_without_a_date_in_the_future_is_refused_and_kept(self):
        self.login(self.olga)
        past = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = self.client.post(f"/mysteryguests/{self.report.pk}/", {"action": "Nieuwe brief.", "due_on": past})
        self.assertContains(response, "Deze datum is al voorbij.")
        self.assertContains(response, "Nieuwe brief.")
        self.assertFalse(self.report.responses.exists())

    def test_another_organisation_the_coordinator_and_strangers_cannot_read_or_respond(self):
        url = f"/mysteryguests/{self.report.pk}/"
        self.assert_not_found_for([self.otto, self.charlie, self.dave, self.ann, self.pam, self.wendy, self.brit], url)
        self.assert_not_found_for(
            [self.otto, self.petra, self.carol, self.charlie],
            url,
            method="post",
            data={"action": "x", "due_on": timezone.localdate().isoformat()},
        )
        self.assertFalse(self.report.responses.exists())
        self.assertTrue(
            AuditEntry.objects.filter(
                outcome=AuditEntry.Outcome.DENIED, records__contains=f",mystery_report:{self.report.pk},"
            ).exists()
        )

    def test_an_unknown_report_is_404(self):
        self.assert_not_found_for([self.olga, self.petra, self.carol], "/mysteryguests/987654/")

    def test_the_list_is_404_for_people_without_mystery_guest_pages(self):
        self.assert_not_found_for(
            [self.charlie, self.ann, self.pam, self.wendy, self.brit, self.alice], "/mysteryguests/"
        )

    def test_the_organisation_page_links_to_the_reports(self):
        self.login(self.olga)
        self.assertContains(self.client.get("/organisatie/"), "/mysteryguests/")
