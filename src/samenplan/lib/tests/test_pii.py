"""Personal data in free text: what an anonymous consult or the anonymised copy of a
breakthrough request must not carry."""

from django.test import SimpleTestCase

from samenplan.lib.pii import findings, scrub

NAMES = ["Fatima el Amrani", "Kees van Dijk"]


class FindingsTestCase(SimpleTestCase):
    def kinds(self, text, names=NAMES):
        return [finding.kind for finding in findings(text, names=names)]

    def test_it_finds_known_names_whole_or_in_parts_whatever_the_case(self):
        self.assertEqual(self.kinds("Fatima heeft een brief"), ["name"])
        self.assertEqual(self.kinds("mevrouw el amrani belde"), ["name"])
        self.assertEqual(self.kinds("Kees van Dijk en DIJK"), ["name", "name"])

    def test_it_leaves_words_that_only_contain_a_name_and_the_small_words_of_surnames(self):
        self.assertEqual(self.kinds("Keesje en de dijkgraaf van het dorp"), [])

    def test_it_finds_contact_details_dates_and_numbers(self):
        text = "Mail f.amrani@example.org of bel 06-12345678, postcode 5701 AB, geboren 12-03-1980, BSN 123456782"
        self.assertEqual(self.kinds(text, names=[]), ["email", "phone", "postcode", "date", "bsn"])
        self.assertEqual(self.kinds("op 3 maart 2024 bij NL91ABNA0417164300", names=[]), ["date", "iban"])
        self.assertEqual(self.kinds("woont aan de Kerkstraat 12a", names=[]), ["address"])

    def test_plain_questions_pass(self):
        text = "Kan iemand met een schuldregeling nog huurtoeslag krijgen? Het gaat om 2 maanden huur."
        self.assertEqual(findings(text, names=NAMES), [])


class ScrubTestCase(SimpleTestCase):
    def test_it_replaces_every_finding_with_a_placeholder(self):
        text = "Fatima (06-12345678, Kerkstraat 12, 5701 AB) heeft sinds 1 mei een achterstand."
        scrubbed = scrub(text, names=NAMES)
        for personal in ("Fatima", "06-12345678", "Kerkstraat 12", "5701 AB", "1 mei"):
            self.assertNotIn(personal, scrubbed)
        self.assertIn("een achterstand", scrubbed)
        self.assertEqual(findings(scrubbed, names=NAMES), [])
