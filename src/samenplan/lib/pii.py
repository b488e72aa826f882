"""Finding and removing personal data in free text, for what must leave a plan without
it: an anonymous consult, the anonymised copy of a breakthrough request.

`findings(text, names=...)` lists what looks like personal data (a known name, an email
address, a phone number, a postcode, a date, a BSN-like or IBAN number, a house address);
`scrub(text, names=...)` replaces each with a placeholder such as "[naam]". The patterns
are Dutch. No detector is complete: the person sending the text reviews it too."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october"
)
# (kind, pattern, placeholder), in the order they are tried: longer matches first.
PATTERNS = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), _("[email address]")),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", re.IGNORECASE), _("[account number]")),
    ("phone", re.compile(r"(?<![\w])(?:\+31|0031|0)(?:[\s-]?\d){9}\b"), _("[phone number]")),
    ("bsn", re.compile(r"(?<![\w-])\d{9}(?![\w-])"), _("[number]")),
    ("postcode", re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), _("[postcode]")),
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?\b",
            re.IGNORECASE,
        ),
        _("[date]"),
    ),
    (
        "address",
        re.compile(
            r"\b[A-Z][a-z]+(?:straat|laan|weg|plein|hof|dreef|singel|gracht|kade|pad|steeg|dijk|park)\s+\d+\s?[a-zA-Z]?\b"
        ),
        _("[address]"),
    ),
]
NAME_PLACEHOLDER = _("[name]")
# Name parts shorter than this are not looked for on their own ("Bo" would match "bos").
MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str


def _name_pattern(names) -> re.Pattern | None:
    words = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        words.add(name)
        words.update(part for part in re.split(r"[\s,]+", name) if len(part) >= MIN_NAME_LENGTH)
    # Small words of Dutch surnames ("van", "de") are not names on their own.
    words -= {"van", "der", "den", "de", "het", "ter", "ten", "Van", "Der", "Den", "De"}
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def findings(text: str, *, names=()) -> list[Finding]:
    """What in `text` looks like personal data, in the order it appears."""
    found: list[tuple[int, Finding]] = []
    pattern = _name_pattern(names)
    if pattern is not None:
        found += [(m.start(), Finding("name", m.group())) for m in pattern.finditer(text)]
    for kind, regex, _placeholder in PATTERNS:
        found += [(m.start(), Finding(kind, m.group())) for m in regex.finditer(text)]
    return [finding for _start, finding in sorted(found, key=lambda item: item[0])]


def scrub(text: str, *, names=()) -> str:
    """`text` with every finding replaced by a placeholder ("[naam]", "[postcode]")."""
    for _kind, regex, placeholder in PATTERNS:
        text = regex.sub(str(placeholder), text)
    pattern = _name_pattern(names)
    if pattern is not None:
        text = pattern.sub(str(NAME_PLACEHOLDER), text)
    return text
