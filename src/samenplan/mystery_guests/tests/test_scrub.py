from datetime import date

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from samenplan.mystery_guests.scrub import scrub_letter

TODAY = date(2027, 3, 1)


def scrub(text, **kwargs):
    return scrub_letter(text, today=TODAY, **kwargs)


class ScrubLetterTestCase(SimpleTestCase):
    def test_it_removes_email_addresses(self):
        self.assertEqual(scrub("Mail naar j.jansen+post@mail.example.nl."), "Mail naar [e-mailadres].")

    def test_it_removes_phone_numbers_in_their_usual_forms(self):
        for number in (
            "0612345678",
            "06-12345678",
            "040 123 4567",
            "040-1234567",
            "+31 6 12345678",
            "+31(0)40 1234567",
        ):
            with self.subTest(number):
                self.assertEqual(scrub(f"Bel {number} vandaag."), "Bel [telefoonnummer] vandaag.")

    def test_it_removes_postcodes_but_not_a_year_followed_by_a_word(self):
        self.assertEqual(scrub("5701 AB Helmstad en 5702CD"), "[postcode] Helmstad en [postcode]")
        self.assertEqual(scrub("In 2024 en 2025 kwam u."), "In 2024 en 2025 kwam u.")

    def test_it_removes_ibans(self):
        self.assertEqual(scrub("Rekening NL91 ABNA 0417 1643 00 of NL91ABNA0417164300."), "Rekening [IBAN] of [IBAN].")

    def test_it_removes_bsn_like_numbers(self):
        self.assertEqual(scrub("BSN 123456782 en 1234.56.782"), "BSN [BSN] en [BSN]")

    def test_it_removes_dates_of_birth_but_keeps_the_letters_own_dates(self):
        self.assertEqual(scrub("geboren 03-04-1985"), "geboren [geboortedatum]")
        self.assertEqual(scrub("Geboortedatum: 3 maart 2020"), "Geboortedatum: [geboortedatum]")
        self.assertEqual(scrub("Kom op 12 maart 2027 of 14-03-2027."), "Kom op 12 maart 2027 of 14-03-2027.")

    def test_it_removes_house_numbers_after_a_street_word(self):
        self.assertEqual(
            scrub("Kerkstraat 12a, Van Goghlaan 3-5"), "Kerkstraat [huisnummer], Van Goghlaan [huisnummer]"
        )

    def test_it_removes_names_after_a_form_of_address_and_known_names(self):
        self.assertEqual(scrub("Geachte heer J. van den Berg,"), "Geachte heer [naam],")
        self.assertEqual(scrub("mevrouw De Vries-Bakker"), "mevrouw [naam]")
        self.assertEqual(scrub("Peter Swinkels belde.", names=["Peter", "Swinkels", "Al"]), "[naam] [naam] belde.")

    def test_it_keeps_the_wording_that_matters(self):
        text = "Wilt u in schone kleding komen? Neem uw paspoort mee."
        self.assertEqual(scrub(text), text)

    @settings(max_examples=60, deadline=None)
    @given(
        before=st.text(alphabet="abcdefghij .,\n", max_size=30),
        after=st.text(alphabet="abcdefghij .,\n", max_size=30),
        user=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        digits=st.from_regex(r"[1-9][0-9]{7}", fullmatch=True),
    )
    def test_property_no_email_or_phone_survives_and_scrubbing_twice_changes_nothing(self, before, after, user, digits):
        email, phone = f"{user}@example.nl", f"06{digits}"
        once = scrub(f"{before} {email} {phone} {after}")
        self.assertNotIn(email, once)
        self.assertNotIn(phone, once)
        self.assertEqual(scrub(once), once)
