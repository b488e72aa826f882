"""A partner's CSV file of early signals: all rows or none, every bad row with its reason,
a file sent twice adds nothing, and each signal lands at the wijk of its postcode."""

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone

from samenplan.accounts.models import Organisation, WijkPostcode
from samenplan.audit.models import AuditEntry
from samenplan.early_signals.models import Signal, SignalUpload
from samenplan.early_signals.services.importing import COLUMNS, parse_amount, signals_import
from samenplan.testing.base import BaseTestCase
from samenplan.testing.factories import OrganisationFactory, WijkFactory

HEADER = ";".join(COLUMNS)
DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "data" / "signalen-woonbedrijf.csv"


def reminder_date() -> str:
    return (timezone.localdate() - timedelta(days=14)).strftime("%d-%m-%Y")


def row(**changes) -> str:
    """One good row (`;` between cells), with some cells changed."""
    cells = {
        "referentie": "WB-1",
        "naam": "Kees Verbeek",
        "straat": "Lindelaan 12",
        "postcode": "5701 AB",
        "plaats": "Helmstad",
        "geboortedatum": "14-03-1981",
        "soort": "huur",
        "bedrag": "1.234,56",
        "maanden": "3",
        "laatste_herinnering": reminder_date(),
        "incassostappen_gezet": "ja",
    }
    cells.update(changes)
    return ";".join(cells[name] for name in COLUMNS)


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


class ImportTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.noord = WijkFactory(name="Helmstad-Noord", code="noord")
        WijkPostcode.objects.create(postcode="5701", wijk=cls.wijk)
        WijkPostcode.objects.create(postcode="5702", wijk=cls.wijk)
        WijkPostcode.objects.create(postcode="5703", wijk=cls.noord)

    def do_import(self, content: bytes, partner=None):
        return signals_import(partner=partner or self.woonbedrijf, content=content, filename="signalen.csv")

    def problems(self, report) -> list[tuple[int, str, str]]:
        return [(p.row, p.column, p.reason) for p in report.problems]


class GoodFileTests(ImportTestCase):
    def test_it_imports_every_row_with_what_the_partner_sent(self):
        report = self.do_import(
            csv_file(
                row(),
                row(
                    referentie="WB-2",
                    naam="Fenna Hoeks",
                    straat="Noorderhof 3",
                    postcode="5703cd",
                    plaats="",
                    geboortedatum="",
                    soort="Energie",
                    bedrag="312.40",
                    maanden="1",
                ),
            )
        )

        self.assertTrue(report.ok, report.lines())
        self.assertEqual((report.rows, report.created, report.already_known), (2, 2, 0))
        kees = Signal.objects.get(partner_reference="WB-1")
        self.assertEqual(kees.partner, self.woonbedrijf)
        self.assertEqual(kees.name, "Kees Verbeek")
        self.assertEqual(kees.street, "Lindelaan 12")
        self.assertEqual(kees.postcode, "5701 AB")
        self.assertEqual(kees.city, "Helmstad")
        self.assertEqual(kees.date_of_birth, date(1981, 3, 14))
        self.assertEqual(kees.kind, Signal.Kind.RENT)
        self.assertEqual(kees.amount, Decimal("1234.56"))
        self.assertEqual(kees.months_in_arrears, 3)
        self.assertEqual(kees.last_reminder_on, timezone.localdate() - timedelta(days=14))
        self.assertTrue(kees.collection_steps_confirmed)
        self.assertEqual(kees.wijk, self.wijk)
        self.assertEqual(kees.status, Signal.Status.NEW)
        self.assertEqual(kees.upload, report.upload)
        fenna = Signal.objects.get(partner_reference="WB-2")
        # Each lands at the wijk of its postcode's four digits.
        self.assertEqual(fenna.wijk, self.noord)
        self.assertEqual(fenna.postcode, "5703 CD")
        self.assertIsNone(fenna.date_of_birth)
        self.assertEqual(fenna.kind, Signal.Kind.ENERGY)
        self.assertEqual(fenna.amount, Decimal("312.40"))

        upload = SignalUpload.objects.get()
        self.assertEqual(
            (upload.partner, upload.filename, upload.rows, upload.created), (self.woonbedrijf, "signalen.csv", 2, 2)
        )

    def test_signals_of_one_address_share_a_household(self):
        self.do_import(
            csv_file(
                row(referentie="A", straat="Merelstraat 14", postcode="5702 CA"),
                row(referentie="B", naam="Bart Kuijpers", straat="merelstraat   14", postcode="5702ca", soort="water"),
                row(referentie="C", straat="Merelstraat 16", postcode="5702 CA"),
            )
        )

        households = dict(Signal.objects.values_list("partner_reference", "household"))
        self.assertEqual(households["A"], "5702CA|MERELSTRAAT 14")
        self.assertEqual(households["A"], households["B"])
        self.assertNotEqual(households["A"], households["C"])

    def test_it_reads_commas_a_byte_order_mark_and_quoted_cells(self):
        header = ",".join(COLUMNS)
        cells = ["WB-9", '"Verbeek, Kees"', "Lindelaan 12", "5701AB", "Helmstad", "1981-03-14", "huur", '"1234,50"']
        line = ",".join([*cells, "2", reminder_date(), "JA"])
        report = self.do_import(b"\xef\xbb\xbf" + csv_file(line, header=header))

        self.assertTrue(report.ok, report.lines())
        signal = Signal.objects.get()
        self.assertEqual(signal.name, "Verbeek, Kees")
        self.assertEqual(signal.amount, Decimal("1234.50"))
        self.assertEqual(signal.date_of_birth, date(1981, 3, 14))

    def test_excels_separator_line_is_read_and_not_counted_as_a_row(self):
        report = self.do_import(b"sep=;\r\n" + csv_file(row(referentie="A"), row(referentie="B", maanden="x")))

        self.assertEqual(self.problems(report)[0][:2], (3, "maanden"))

    def test_a_very_long_street_still_groups_one_address(self):
        street = "Burgemeester van Houtenstraat-Noordzijde 1234"
        self.do_import(
            csv_file(row(referentie="A", straat=street), row(referentie="B", straat=street.upper(), soort="water"))
        )

        households = set(Signal.objects.values_list("household", flat=True))
        self.assertEqual(len(households), 1)
        self.assertTrue(households.pop().startswith("5701AB|"))

    def test_the_columns_may_come_in_any_order_and_the_optional_ones_may_be_left_out(self):
        names = [name for name in COLUMNS if name not in {"plaats", "geboortedatum"}][::-1]
        values = {"referentie": "WB-3", "naam": "Kees", "straat": "Lindelaan 1", "postcode": "5701 AB"}
        values |= {"soort": "water", "bedrag": "80", "maanden": "1", "laatste_herinnering": reminder_date()}
        values["incassostappen_gezet"] = "ja"
        report = self.do_import(csv_file(";".join(values[n] for n in names), header=";".join(names)))

        self.assertTrue(report.ok, report.lines())
        self.assertEqual(Signal.objects.get().city, "")

    def test_dates_may_be_written_day_first_or_year_first(self):
        day_first = (timezone.localdate() - timedelta(days=3)).strftime("%d-%m-%Y")
        year_first = (timezone.localdate() - timedelta(days=3)).isoformat()
        report = self.do_import(
            csv_file(
                row(referentie="A", geboortedatum="1-2-1990", laatste_herinnering=day_first),
                row(referentie="B", geboortedatum="1990-02-01", laatste_herinnering=year_first),
                row(referentie="C", geboortedatum="01/02/1990", laatste_herinnering=day_first),
            )
        )

        self.assertTrue(report.ok, report.lines())
        self.assertEqual(set(Signal.objects.values_list("date_of_birth", flat=True)), {date(1990, 2, 1)})
        self.assertEqual(
            set(Signal.objects.values_list("last_reminder_on", flat=True)), {timezone.localdate() - timedelta(days=3)}
        )

    def test_amounts_in_dutch_and_english_notation(self):
        for text, amount in [
            ("1.234,56", "1234.56"),
            ("1234,56", "1234.56"),
            ("1234.56", "1234.56"),
            ("€ 850", "850"),
            ("12,5", "12.5"),
            ("1.234.567,00", "1234567.00"),
        ]:
            with self.subTest(text):
                self.assertEqual(parse_amount(text), Decimal(amount))

    def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(self):
        report = self.do_import(csv_file(row(referentie="A"), ";;;;;;;;;;", row(referentie="B", maanden="nul")))

        self.assertEqual(report.rows, 2)
        self.assertEqual(self.problems(report)[0][:2], (4, "maanden"))

    def test_the_demo_file_imports_into_west(self):
        # The demo's West postcodes (demo/hubs_signals.py).
        WijkPostcode.objects.filter(postcode="5703").update(wijk=self.wijk)
        WijkPostcode.objects.create(postcode="5704", wijk=self.wijk)
        report = self.do_import(DEMO_FILE.read_bytes())

        self.assertTrue(report.ok, report.lines())
        self.assertEqual(report.created, 12)
        self.assertEqual(set(Signal.objects.values_list("wijk", flat=True)), {self.wijk.pk})
        # Two rows are one household.
        self.assertEqual(Signal.objects.values("household").distinct().count(), 11)


class SentTwiceTests(ImportTestCase):
    def test_a_file_sent_twice_adds_nothing_the_second_time(self):
        content = csv_file(row(referentie="A"), row(referentie="B"))
        self.do_import(content)

        again = self.do_import(content)

        self.assertTrue(again.ok)
        self.assertEqual((again.rows, again.created, again.already_known), (2, 0, 2))
        self.assertEqual(Signal.objects.count(), 2)
        self.assertEqual(again.upload.already_known, 2)

    def test_a_longer_file_adds_only_the_new_rows(self):
        self.do_import(csv_file(row(referentie="A")))

        report = self.do_import(csv_file(row(referentie="A"), row(referentie="B")))

        self.assertEqual((report.created, report.already_known), (1, 1))
        self.assertEqual(sorted(Signal.objects.values_list("partner_reference", flat=True)), ["A", "B"])

    def test_another_partner_may_use_the_same_reference(self):
        energie = OrganisationFactory(name="Energie Helmstad", kind=Organisation.Kind.ENERGY, delivers_signals=True)
        self.do_import(csv_file(row(referentie="A")))

        report = self.do_import(csv_file(row(referentie="A", soort="energie")), partner=energie)

        self.assertEqual(report.created, 1)
        self.assertEqual(Signal.objects.count(), 2)


class BadRowTests(ImportTestCase):
    def assert_refused(self, column: str, reason_part: str, **changes):
        report = self.do_import(csv_file(row(referentie="GOOD"), row(**{"referentie": "BAD", **changes})))

        self.assertFalse(report.ok)
        problems = self.problems(report)
        self.assertEqual([(r, c) for r, c, _reason in problems], [(3, column)], problems)
        self.assertIn(reason_part, problems[0][2])
        self.assertEqual(Signal.objects.count(), 0, "a file with a bad row imports nothing")
        self.assertEqual(SignalUpload.objects.count(), 0)

    def test_each_bad_cell_is_refused_with_its_reason(self):
        future = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")
        cases = [
            ("naam", "moet ingevuld zijn", {"naam": ""}),
            ("naam", "te lang", {"naam": "K" * 151}),
            ("straat", "moet ingevuld zijn", {"straat": " "}),
            ("postcode", "moet ingevuld zijn", {"postcode": ""}),
            ("postcode", "geen postcode", {"postcode": "570 AB"}),
            ("postcode", "niet in de gemeente", {"postcode": "9999 ZZ"}),
            ("geboortedatum", "geen datum", {"geboortedatum": "14 maart 1981"}),
            ("geboortedatum", "geen datum", {"geboortedatum": "31-02-1981"}),
            ("geboortedatum", "toekomst", {"geboortedatum": future}),
            ("soort", "geen soort die we kennen", {"soort": "telefoon"}),
            ("soort", "moet ingevuld zijn", {"soort": ""}),
            ("bedrag", "geen bedrag", {"bedrag": "veel"}),
            ("bedrag", "meer zijn dan 0", {"bedrag": "0,00"}),
            ("bedrag", "meer dan duizend", {"bedrag": "1.234"}),
            ("bedrag", "twee cijfers na de komma", {"bedrag": "12,345"}),
            ("bedrag", "te groot", {"bedrag": "12.345.678,00"}),
            ("maanden", "heel getal", {"maanden": "2,5"}),
            ("maanden", "heel getal", {"maanden": "0"}),
            ("maanden", "heel getal", {"maanden": "²"}),
            ("laatste_herinnering", "moet ingevuld zijn", {"laatste_herinnering": ""}),
            ("laatste_herinnering", "toekomst", {"laatste_herinnering": future}),
            ("incassostappen_gezet", "Schrijf ‘ja’", {"incassostappen_gezet": "misschien"}),
            ("referentie", "moet ingevuld zijn", {"referentie": ""}),
        ]
        for column, reason, changes in cases:
            with self.subTest(column=column, changes=changes):
                self.assert_refused(column, reason, **changes)

    def test_a_row_without_the_collection_steps_is_refused_with_the_besluit_reason(self):
        self.assert_refused("incassostappen_gezet", "persoonlijk contact", incassostappen_gezet="nee")

    def test_an_unknown_postcode_names_it(self):
        self.assert_refused("postcode", "Postcode 5799 AB ligt niet in de gemeente", postcode="5799ab")

    def test_every_problem_of_every_row_is_listed_and_nothing_is_imported(self):
        report = self.do_import(
            csv_file(
                row(referentie="A", bedrag="-5", maanden=""),
                row(referentie="B"),
                row(referentie="A", soort="gas"),
            )
        )

        self.assertEqual(
            [(r, c) for r, c, _reason in self.problems(report)],
            [(2, "bedrag"), (2, "maanden"), (4, "soort")],
        )
        self.assertEqual(report.bad_rows, 2)
        self.assertIn("2 rijen hebben fouten. Er is niets ingelezen.", report.lines())
        self.assertFalse(Signal.objects.exists())

    def test_a_reference_twice_in_one_file_is_refused(self):
        report = self.do_import(csv_file(row(referentie="A"), row(referentie="A", naam="Someone else")))

        self.assertEqual(self.problems(report)[0][:2], (3, "referentie"))
        self.assertIn("ook in rij 2", self.problems(report)[0][2])
        self.assertFalse(Signal.objects.exists())

    def test_a_row_with_more_cells_than_columns_is_refused(self):
        report = self.do_import(csv_file(row() + ";extra"))

        self.assertEqual(self.problems(report)[0][:2], (2, ""))
        self.assertIn("Rij 2: Deze rij heeft meer cellen", report.lines()[0])


class BadFileTests(ImportTestCase):
    def assert_file_refused(self, content: bytes, message_part: str):
        report = self.do_import(content)
        self.assertFalse(report.ok)
        self.assertIn(message_part, report.file_problem)
        self.assertFalse(Signal.objects.exists())

    def test_missing_and_unknown_columns_are_named(self):
        header = HEADER.replace("bedrag", "bedrag_euro").replace(";maanden", "")
        self.assert_file_refused(csv_file(header=header), "ontbreken: bedrag, maanden.")
        self.assert_file_refused(csv_file(header=header), "kennen we niet: bedrag_euro.")

    def test_a_column_twice_is_named(self):
        self.assert_file_refused(csv_file(row(), header=HEADER + ";naam"), "twee keer in: naam.")

    def test_an_empty_file_is_refused(self):
        self.assert_file_refused(b"", "Het bestand is leeg.")
        self.assert_file_refused(b"\r\n\r\n", "Het bestand is leeg.")

    def test_a_header_without_rows_is_refused(self):
        self.assert_file_refused(csv_file(), "geen signalen")

    def test_a_file_that_is_not_csv_is_refused(self):
        self.assert_file_refused(b"PK\x03\x04\x00\x00 a spreadsheet, not CSV", "Dit is geen CSV-bestand.")

    def test_a_file_not_saved_as_utf8_is_refused(self):
        content = csv_file(row(naam="Renée")).decode().encode("cp1252")
        self.assert_file_refused(content, "niet opgeslagen als UTF-8")


class CommandTests(ImportTestCase):
    def run_command(self, partner: str, content: bytes) -> str:
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "signalen.csv"
        path.write_bytes(content)
        out = StringIO()
        call_command("signals_import", partner, str(path), stdout=out)
        return out.getvalue()

    def test_it_imports_a_file_for_the_partner_by_name_or_id(self):
        output = self.run_command("Woonbedrijf", csv_file(row(referentie="A"), row(referentie="B")))

        self.assertIn("2 rijen gelezen: 2 nieuwe signalen, 0 al eerder gestuurd (overgeslagen).", output)
        self.assertRegex(output, r"Done in [0-9.]+ s\.")
        self.assertEqual(Signal.objects.filter(partner=self.woonbedrijf).count(), 2)
        # Outside a request the import is audited as done by the system.
        entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
        self.assertEqual(entry.records, f",signal_upload:{SignalUpload.objects.get().pk},")
        self.assertIsNone(entry.actor_id)
        self.assertEqual(entry.page, "signals_import")

        again = self.run_command(str(self.woonbedrijf.pk), csv_file(row(referentie="A"), row(referentie="B")))
        self.assertIn("0 nieuwe signalen, 2 al eerder gestuurd", again)
        self.assertEqual(Signal.objects.count(), 2)

    def test_bad_rows_are_printed_and_it_fails(self):
        out = StringIO()
        with self.assertRaises(CommandError):
            path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "signalen.csv"
            path.write_bytes(csv_file(row(incassostappen_gezet="nee")))
            call_command("signals_import", "Woonbedrijf", str(path), stdout=out)

        self.assertIn("Rij 2, kolom incassostappen_gezet:", out.getvalue())
        self.assertFalse(Signal.objects.exists())

    def test_an_organisation_that_delivers_no_signals_is_refused(self):
        with self.assertRaisesMessage(CommandError, "No organisation that delivers early signals"):
            self.run_command("Schuldhulp", csv_file(row()))
        self.assertFalse(Signal.objects.exists())
