import gettext
import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from samenplan.testing.base import BaseTestCase

LOCALE = Path(settings.BASE_DIR) / "src" / "samenplan" / "locale" / "nl" / "LC_MESSAGES"


def po_entries(path):
    """(msgid, msgstr, fuzzy) for each entry of a .po file; plural forms joined."""
    entries, current, fuzzy, key = [], None, False, None
    for line in [*path.read_text().splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            current, key = {"msgid": [line[6:]], "msgstr": []}, "msgid"
        elif line.startswith("msgid_plural "):
            key = "plural"
        elif line.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1])
        elif line.startswith('"') and current is not None and key in ("msgid", "msgstr"):
            current[key].append(line)
        elif not line.strip() and current is not None:
            msgid = "".join(part.strip('"') for part in current["msgid"])
            msgstr = "".join(part.strip('"') for part in current["msgstr"])
            entries.append((msgid, msgstr, fuzzy))
            current, fuzzy, key = None, False, None
    return entries


class TranslationsTestCase(SimpleTestCase):
    def test_every_dutch_message_is_translated_and_not_fuzzy(self):
        entries = [e for e in po_entries(LOCALE / "django.po") if e[0]]
        self.assertGreater(len(entries), 200)
        missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
        self.assertEqual(missing, [])

    def test_the_compiled_catalogue_matches_the_po_file(self):
        with open(LOCALE / "django.mo", "rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        for msgid, _msgstr, _fuzzy in po_entries(LOCALE / "django.po"):
            if msgid and "%" not in msgid and "{" not in msgid:
                self.assertNotEqual(catalog.gettext(msgid.replace('\\"', '"').replace("\\n", "\n")), "", msgid)
        self.assertEqual(catalog.gettext("My plan"), "Mijn plan")


class LanguageSwitchTestCase(BaseTestCase):
    def test_dutch_is_the_default_and_english_is_one_click_away(self):
        self.login(self.alice)
        url = f"/plans/{self.plan.pk}/"
        response = self.client.get(url)
        self.assertContains(response, '<html lang="nl">')
        self.assertContains(response, "Mijn plan")
        self.assertContains(response, 'name="language" value="en"')
        response = self.client.post("/i18n/setlang/", {"language": "en", "next": url}, follow=True)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "My plan")
        self.assertContains(response, 'name="language" value="nl"')

    def test_reference_data_follows_the_language(self):
        self.login(self.alice)
        self.client.post("/i18n/setlang/", {"language": "en"})
        response = self.client.get(f"/plans/{self.plan.pk}/assessment/zelfredzaamheid/new/")
        self.assertContains(response, "How are your money matters going?")
        self.assertNotContains(response, "Hoe gaat het met je geldzaken?")

    def test_no_english_is_left_on_the_dutch_pages(self):
        self.login(self.alice)
        for page in ("", "goals/", "agreements/", "story/", "evaluations/", "assessment/"):
            html = self.client.get(f"/plans/{self.plan.pk}/{page}").content.decode()
            text = re.sub(r"<[^>]+>", " ", html)
            for english in ("Add goal", "Goals", "Save", "My story", "Agreements", "Log out", "Print"):
                self.assertNotRegex(text, rf"\b{english}\b", f"{page}: {english}")


class DefaultLanguageTestCase(BaseTestCase):
    def test_an_english_browser_still_gets_dutch_until_english_is_chosen(self):
        self.login(self.alice)
        response = self.client.get(f"/plans/{self.plan.pk}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, '<html lang="nl">')
