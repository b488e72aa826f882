"""Removing personal data from a letter a mystery guest pastes in (`scrub_letter`).

A guest shows how an organisation writes to residents; the organisation needs the wording,
not whose letter it was. What is recognised is replaced by a placeholder in square brackets,
so the reader sees that something was there. This is a safety net, not a guarantee: the
form asks the guest to remove names themselves and shows the result before filing.
"""

import re
from collections.abc import Iterable
from datetime import date

# Dutch placeholders: the letters are Dutch, and so is whoever reads them.
EMAIL = "[e-mailadres]"
PHONE = "[telefoonnummer]"
POSTCODE = "[postcode]"
IBAN = "[IBAN]"
BSN = "[BSN]"
BIRTH_DATE = "[geboortedatum]"
HOUSE_NUMBER = "[huisnummer]"
NAME = "[naam]"

# A letter's own dates (the visit, a deadline) are recent; a date this many years back or
# more is somebody's date of birth, or near enough to one.
BIRTH_YEARS_BACK = 12

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
STREET_WORDS = (
    "straat|laan|weg|plein|singel|gracht|dijk|kade|hof|dreef|pad|steeg|baan|park|markt|ring|"
    "veld|wal|plantsoen|erf|hoeve|akker|dam|burg|steenweg|boulevard|allee|wijk|oord"
)

_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|0)\d(?:[ -]?\d){8}(?!\d)")
_BSN = re.compile(r"(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d.]?\d)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?P<year>\d{{4}})|\d{{1,2}} (?:{MONTHS})\.? (?P<year2>\d{{4}}))\b",
    re.IGNORECASE,
)
_BORN = re.compile(r"(?:geboren|geboortedatum|geb\.|date of birth|born)\W{0,5}$", re.IGNORECASE)
_HOUSE = re.compile(rf"(\b\w*(?:{STREET_WORDS}))\b(\s+)\d+(?:[ -]?[a-zA-Z](?![a-zA-Z]))?(?:[-/]\d+)?\b", re.IGNORECASE)
# "heer Jansen", "mevrouw De Vries-Bakker", "dhr. J. van den Berg": the words after a form
# of address that look like a name.
_ADDRESSED = re.compile(
    r"\b(heer|mevrouw|mevr\.|mw\.|dhr\.|meneer)(\s+)"
    r"((?:[A-Z]\.\s*)*(?:(?i:van|de|der|den|ter|ten|het|'t|el|al)\s+)*[A-Z][\w'-]+(?:-[A-Z][\w'-]+)*)"
)


def _date(match: re.Match, text: str, today: date) -> str:
    year = int(match.group("year") or match.group("year2"))
    before = text[max(0, match.start() - 30) : match.start()]
    if year <= today.year - BIRTH_YEARS_BACK or _BORN.search(before):
        return BIRTH_DATE
    return match.group(0)


def scrub_letter(text: str, *, names: Iterable[str] = (), today: date | None = None) -> str:
    """The text with e-mail addresses, phone numbers, IBANs, BSN-like numbers, postcodes,
    dates of birth, house numbers after a street name and names replaced by placeholders.
    `names` are known names (of accounts, say) to remove wherever they stand as a word.
    Scrubbing twice gives the same text as scrubbing once."""
    today = today or date.today()
    text = _IBAN.sub(IBAN, text)
    text = _EMAIL.sub(EMAIL, text)
    text = _PHONE.sub(PHONE, text)
    text = _BSN.sub(BSN, text)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _DATE.sub(lambda m: _date(m, m.string, today), text)
    text = _HOUSE.sub(lambda m: f"{m.group(1)}{m.group(2)}{HOUSE_NUMBER}", text)
    text = _ADDRESSED.sub(lambda m: f"{m.group(1)}{m.group(2)}{NAME}", text)
    words = sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True)
    if words:
        pattern = re.compile(r"(?<![\w\[])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w\]])")
        text = pattern.sub(NAME, text)
    return text
