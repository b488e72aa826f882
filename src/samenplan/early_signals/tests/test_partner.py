"""The partner's page: wendy (Woonbedrijf) sends a CSV file of signals and sees, for her own
organisation's signals only, whether contact was made and help accepted; nobody else gets in."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organisation, User, WijkPostcode
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal
from samenplan.early_signals.services.importing import COLUMNS
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import OrganisationFactory, SignalFactory, UserFactory

URL = reverse("signal_partner")
TEMPLATE_URL = reverse("signal_template")


def csv_file(*rows: list[str], name: str = "signalen.csv") -> SimpleUploadedFile:
    lines = [";".join(COLUMNS), *(";".join(cells) for cells in rows)]
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode(), content_type="text/csv")


def good_row(reference: str, **changes) -> list[str]:
    reminder = (timezone.localdate() - timedelta(days=10)).strftime("%d-%m-%Y")
    cells = dict(
        zip(
            COLUMNS,
            [
                reference,
                "Kees Verbeek",
                "Lindelaan 12",
                "5701 AB",
                "Helmstad",
                "",
                "huur",
                "950,00",
                "2",
                reminder,
                "ja",
            ],
            strict=True,
        )
    )
    cells.update(changes)
    return [cells[name] for name in COLUMNS]


class PartnerPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        WijkPostcode.objects.create(postcode="5701", wijk=cls.wijk)
        cls.energie = OrganisationFactory(name="Energie Helmstad", kind=Organisation.Kind.ENERGY, delivers_signals=True)

    def last_entry(self) -> AuditEntry:
        return AuditEntry.objects.order_by("-id").first()

    def test_outsiders_get_404(self):
        # Not a partner that delivers signals: a partner account of an organisation that no
        # longer delivers them, too.
        stopped = OrganisationFactory(name="Oud Woonbedrijf", kind=Organisation.Kind.HOUSING, delivers_signals=False)
        former = UserFactory(username="former", role=User.Role.SIGNAL_PARTNER, organisation=stopped)
        people = [self.alice, self.bob, self.charlie, self.dave, self.ann, self.pam, self.carol, former]
        self.assert_not_found_for(people, URL)
        self.assert_not_found_for(people, TEMPLATE_URL)
        self.assert_not_found_for(people, URL, method="post", data={"file": csv_file(good_row("X"))})
        self.assertFalse(Signal.objects.exists())

    def test_someone_not_logged_in_is_sent_to_log_in(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_wendy_sends_a_file_and_sees_what_became_of_it(self):
        self.login(self.wendy)

        response = self.client.post(URL, {"file": csv_file(good_row("WB-1"), good_row("WB-2"))}, follow=True)

        self.assertRedirects(response, URL)
        self.assertContains(response, "Het bestand is ingelezen. 2 rijen gelezen: 2 nieuwe signalen")
        self.assertEqual(set(Signal.objects.values_list("partner", "wijk")), {(self.woonbedrijf.pk, self.wijk.pk)})
        self.assertContains(response, "WB-1")
        self.assertContains(response, "WB-2")
        self.assertNotContains(response, "Kees Verbeek")
        self.assertNotContains(response, "Lindelaan")

    def test_sending_the_same_file_again_adds_nothing(self):
        self.login(self.wendy)
        self.client.post(URL, {"file": csv_file(good_row("WB-1"))})

        response = self.client.post(URL, {"file": csv_file(good_row("WB-1"))}, follow=True)

        self.assertContains(response, "0 nieuwe signalen, 1 al eerder gestuurd (overgeslagen)")
        self.assertEqual(Signal.objects.count(), 1)

    def test_a_successful_upload_is_audited(self):
        self.login(self.wendy)

        self.client.post(URL, {"file": csv_file(good_row("WB-1"))})

        upload_id = Signal.objects.get().upload_id
        entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).get()
        self.assertEqual(entry.actor_id, self.wendy.pk)
        self.assertEqual(entry.records, f",signal_upload:{upload_id},")

    def test_a_file_with_bad_rows_shows_each_and_imports_nothing(self):
        self.login(self.wendy)
        upload = csv_file(good_row("WB-1"), good_row("WB-2", postcode="9999 ZZ", incassostappen_gezet="nee"))

        response = self.client.post(URL, {"file": upload})

        self.assertEqual(response.status_code, 200)
        self.assertFalse(Signal.objects.exists())
        self.assertContains(response, "1 rij heeft fouten. Er is niets ingelezen.")
        self.assertContains(response, "Rijen met fouten")
        self.assertContains(response, '<th scope="row">3</th>', count=2, html=False)
        self.assertContains(response, "Postcode 9999 ZZ ligt niet in de gemeente")
        self.assertContains(response, "persoonlijk contact te zoeken")
        # The error is tied to the file field and listed in the summary.
        self.assertContains(response, 'aria-describedby="id_file_helptext id_file_error"')
        self.assertContains(response, 'href="#id_file"')
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).exists())

    def test_a_file_with_wrong_columns_says_which(self):
        self.login(self.wendy)
        upload = SimpleUploadedFile("x.csv", b"naam;adres\r\nKees;Lindelaan 12\r\n")

        response = self.client.post(URL, {"file": upload})

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Deze kolommen kennen we niet: adres.")
        self.assertContains(response, "Deze kolommen ontbreken: referentie, straat, postcode")
        self.assertNotContains(response, "Rijen met fouten")

    def test_sending_without_a_file_asks_for_one(self):
        self.login(self.wendy)

        response = self.client.post(URL, {})

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kies het CSV-bestand met je signalen.")

    def test_wendy_sees_only_her_organisations_signals_with_only_contact_and_help(self):
        SignalFactory(partner=self.woonbedrijf, wijk=self.wijk, partner_reference="WB-NEW", name="Nina Nieuw")
        SignalFactory(
            partner=self.woonbedrijf,
            wijk=self.wijk,
            partner_reference="WB-HELPED",
            name="Henk Geholpen",
            first_contact_at=timezone.now(),
            closed_at=timezone.now(),
            outcome=Signal.Outcome.ARRANGEMENT,
            outcome_note="Regeling van 50 euro per maand afgesproken.",
        )
        SignalFactory(
            partner=self.woonbedrijf,
            wijk=self.wijk,
            partner_reference="WB-NOHELP",
            name="Noor Nee",
            first_contact_at=timezone.now(),
            closed_at=timezone.now(),
            outcome=Signal.Outcome.NO_HELP_WANTED,
        )
        SignalFactory(partner=self.energie, wijk=self.wijk, partner_reference="EN-OTHER", name="Otto Ander")
        self.login(self.wendy)

        response = self.client.get(URL)

        self.assertEqual(response.status_code, 200)
        rows = {row.reference: row for row in response.context["page"].object_list}
        self.assertEqual(set(rows), {"WB-NEW", "WB-HELPED", "WB-NOHELP"})
        self.assertEqual((rows["WB-NEW"].contact_made, rows["WB-NEW"].help_accepted), (False, None))
        self.assertEqual((rows["WB-HELPED"].contact_made, rows["WB-HELPED"].help_accepted), (True, True))
        self.assertEqual((rows["WB-NOHELP"].contact_made, rows["WB-NOHELP"].help_accepted), (True, False))
        self.assertContains(response, "Nog niet bekend")
        self.assertNotContains(response, "EN-OTHER")
        for content in ["Nina Nieuw", "Henk Geholpen", "Noor Nee", "Kerkstraat", "Regeling", "Betalingsregeling"]:
            self.assertNotContains(response, content)

    def test_the_list_is_audited_with_the_signals_shown(self):
        shown = [SignalFactory(partner=self.woonbedrijf, wijk=self.wijk).pk for _ in range(2)]
        SignalFactory(partner=self.energie, wijk=self.wijk)
        self.login(self.wendy)

        self.client.get(URL)

        self.assertEqual(self.last_entry().actor_id, self.wendy.pk)
        self.assertEqual(self.last_entry().records, "," + ",".join(sorted(f"signal:{pk}" for pk in shown)) + ",")

    def test_the_list_takes_the_same_queries_for_few_or_many_signals(self):
        self.login(self.wendy)
        SignalFactory.create_batch(3, partner=self.woonbedrijf, wijk=self.wijk)
        self.client.get(URL)  # warm up (session, translations)
        with CaptureQueriesContext(connection) as few:
            self.client.get(URL)
        SignalFactory.create_batch(40, partner=self.woonbedrijf, wijk=self.wijk)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(URL)

        self.assertEqual(len(response.context["page"].object_list), 43)
        self.assertEqual(len(many), len(few))

    def test_the_list_is_paged(self):
        SignalFactory.create_batch(55, partner=self.woonbedrijf, wijk=self.wijk)
        self.login(self.wendy)

        first = self.client.get(URL)
        second = self.client.get(URL, {"page": 2})

        self.assertEqual(len(first.context["page"].object_list), 50)
        self.assertContains(first, "Pagina 1 van 2")
        self.assertContains(first, "?page=2")
        self.assertEqual(len(second.context["page"].object_list), 5)

    def test_the_example_file_has_the_columns_and_one_row_that_imports(self):
        self.login(self.wendy)

        response = self.client.get(TEMPLATE_URL)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        lines = response.content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0].split(";"), list(COLUMNS))
        self.assertEqual(len(lines), 2)
        sent = self.client.post(
            URL, {"file": SimpleUploadedFile("voorbeeld.csv", response.content, content_type="text/csv")}
        )
        self.assertEqual(sent.status_code, 302)
        self.assertEqual(Signal.objects.get().partner, self.woonbedrijf)
