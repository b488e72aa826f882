"""A partner's early signals arrive as a CSV file: read it, check every row, and import it
only when no row is wrong, so a partner never has to find out which half of a file landed.

The format (documented in `docs/hubs-and-signals.md`): UTF-8 (a byte order mark is fine),
`;` or `,` between cells, a header row with the Dutch column names in `COLUMNS`, one signal
per row. A reference the partner sent before is skipped and counted, so a file sent twice
adds nothing. Each signal lands at the wijk of its postcode's four digits (`WijkPostcode`);
`household` groups the signals of one address.

Speed matters (a corporation may send 10,000 rows): one query for the references already
known, one for the postcode map, and `bulk_create` in batches.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenplan.accounts.models import Organisation, User, WijkPostcode
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry

from ..models import Signal, SignalUpload

# The columns of the file, in the order of the example file; all are required except these.
COLUMNS = (
    "referentie",
    "naam",
    "straat",
    "postcode",
    "plaats",
    "geboortedatum",
    "soort",
    "bedrag",
    "maanden",
    "laatste_herinnering",
    "incassostappen_gezet",
)
OPTIONAL_COLUMNS = {"plaats", "geboortedatum"}

KINDS = {
    "huur": Signal.Kind.RENT,
    "energie": Signal.Kind.ENERGY,
    "water": Signal.Kind.WATER,
    "zorgverzekering": Signal.Kind.HEALTH_INSURANCE,
}
MAX_MONTHS = 999
# The amount column holds at most 9 digits, 2 of them after the comma.
MAX_AMOUNT = Decimal("9999999.99")
BATCH_SIZE = 1_000

_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SPACES = re.compile(r"\s+")
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,6}$")


class FileRefused(Exception):
    """The file as a whole cannot be read (empty, not CSV, wrong columns)."""


@dataclass(frozen=True)
class RowProblem:
    # The row number a spreadsheet shows: the header is row 1.
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column %(column)s: %(reason)s") % {
                "row": self.row,
                "column": self.column,
                "reason": self.reason,
            }
        return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}


@dataclass
class ImportReport:
    """What became of a file: imported (with counts), or refused with the reasons."""

    rows: int = 0
    created: int = 0
    already_known: int = 0
    # The file as a whole could not be read: nothing else is known.
    file_problem: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    upload: SignalUpload | None = None

    @property
    def ok(self) -> bool:
        return not self.file_problem and not self.problems

    @property
    def bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})

    def lines(self) -> list[str]:
        """The report as lines of text (the command prints them)."""
        if self.file_problem:
            return [self.file_problem, _("Nothing was imported.")]
        if self.problems:
            return [
                *(str(problem) for problem in self.problems),
                ngettext(
                    "%(count)s row has problems. Nothing was imported.",
                    "%(count)s rows have problems. Nothing was imported.",
                    self.bad_rows,
                )
                % {"count": self.bad_rows},
            ]
        return [self.summary()]

    def summary(self) -> str:
        rows = ngettext("%(count)s row read", "%(count)s rows read", self.rows) % {"count": self.rows}
        created = ngettext("%(count)s new signal", "%(count)s new signals", self.created) % {"count": self.created}
        known = ngettext(
            "%(count)s already sent before (skipped)", "%(count)s already sent before (skipped)", self.already_known
        ) % {"count": self.already_known}
        return f"{rows}: {created}, {known}."


def signals_import(
    *, partner: Organisation, content: bytes, filename: str = "", uploaded_by: User | None = None
) -> ImportReport:
    """Import a partner's CSV file of signals, all rows or none; known references are skipped."""
    report = ImportReport()
    try:
        header, records = _read(content)
    except FileRefused as refused:
        report.file_problem = str(refused)
        return report

    postcodes = dict(WijkPostcode.objects.values_list("postcode", "wijk_id"))
    known = set(Signal.objects.filter(partner=partner).values_list("partner_reference", flat=True))
    today = timezone.localdate()
    seen: dict[str, int] = {}
    signals: list[Signal] = []
    for number, cells in records:
        report.rows += 1
        row = _Row(number, header, cells, report.problems)
        values = row.check(postcodes=postcodes, today=today)
        if values is None:
            continue
        reference = values["partner_reference"]
        if reference in seen:
            report.problems.append(
                RowProblem(
                    number,
                    "referentie",
                    _("The reference %(reference)s is also in row %(other)s. Each signal needs its own reference.")
                    % {"reference": reference, "other": seen[reference]},
                )
            )
            continue
        seen[reference] = number
        if reference in known:
            report.already_known += 1
            continue
        signals.append(Signal(partner=partner, **values))

    if not report.rows:
        report.file_problem = _("The file has a header row but no signals under it.")
        return report
    if report.problems:
        return report

    with transaction.atomic():
        upload = SignalUpload.objects.create(
            partner=partner,
            uploaded_by=uploaded_by,
            filename=filename[:200],
            rows=report.rows,
            already_known=report.already_known,
        )
        for signal in signals:
            signal.upload = upload
        # A file sent twice at the same moment: the second insert of a reference is ignored
        # (the unique constraint), and the count below says what really landed.
        Signal.objects.bulk_create(signals, batch_size=BATCH_SIZE, ignore_conflicts=True)
        created = Signal.objects.filter(upload=upload).count() if signals else 0
        upload.created = created
        upload.already_known = report.already_known + len(signals) - created
        upload.save(update_fields=["created", "already_known"])
        audit.note_action(AuditEntry.Action.CREATE)
        audit.note_records("signal_upload", [upload.pk])
    report.created = upload.created
    report.already_known = upload.already_known
    report.upload = upload
    return report


def _read(content: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (column names, lower case) and the rows that are not empty, each with its
    row number as a spreadsheet shows it."""
    if not content.strip():
        raise FileRefused(_("The file is empty. Choose the CSV file with your signals."))
    if b"\x00" in content[:4096]:
        raise FileRefused(_("This is not a CSV file. In your spreadsheet, choose “Save as” and then “CSV UTF-8”."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "The file is not saved as UTF-8, so letters like é may come out wrong. "
                "In your spreadsheet, choose “Save as” and then “CSV UTF-8”."
            )
        ) from None
    first_line, _newline, rest = text.partition("\n")
    if first_line.strip().lower() in ("sep=;", "sep=,"):
        # Excel's hint which separator follows; a spreadsheet does not show it as a row.
        delimiter = first_line.strip()[-1]
        text = rest
    else:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise FileRefused(_("This file cannot be read as CSV. Check that it is saved as “CSV UTF-8”.")) from None
    header = [_normal_name(name) for name in rows[0]] if rows else []
    while header and not header[-1]:
        # Spreadsheets add empty columns after the last one in use.
        header.pop()
    missing = [name for name in COLUMNS if name not in header and name not in OPTIONAL_COLUMNS]
    unknown = [name or _("(empty)") for name in header if name not in COLUMNS]
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if missing or unknown or doubled:
        parts = []
        if missing:
            parts.append(_("These columns are missing: %(names)s.") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("These columns are unknown: %(names)s.") % {"names": ", ".join(unknown)})
        if doubled:
            parts.append(_("These columns appear twice: %(names)s.") % {"names": ", ".join(doubled)})
        parts.append(
            _("The first row must hold the column names of the example file: %(names)s.")
            % {"names": ", ".join(COLUMNS)}
        )
        raise FileRefused(" ".join(parts))
    records = [(index + 1, cells) for index, cells in enumerate(rows) if index and any(c.strip() for c in cells)]
    return header, records


def _normal_name(name: str) -> str:
    return _SPACES.sub("_", name.strip().lstrip("\ufeff").lower())


def household_key(postcode: str, street: str) -> str:
    """The same for every signal of one address: postcode and street, upper case, single
    spaces (the column holds the longest street and postcode)."""
    return f"{postcode}|{street.upper()}"


def parse_date(value: str) -> date | None:
    """DD-MM-JJJJ (also with / or .) or JJJJ-MM-DD; None if it is no date."""
    if match := _DAY_FIRST.match(value):
        day, month, year = match.groups()
    elif match := _YEAR_FIRST.match(value):
        year, month, day = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


class AmountError(ValueError):
    pass


def parse_amount(value: str) -> Decimal:
    """1.234,56 or 1234,56 (Dutch) or 1234.56; a euro sign and spaces are fine. A single
    point before three digits (1.234) could mean either, so it is refused."""
    text = value.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[0-9.,]+", text) or not re.search(r"[0-9]", text):
        raise AmountError(_("This is not an amount. Write it like 1234,56."))
    if "," in text:
        # Dutch: points group thousands, the comma comes before the cents.
        whole, _sep, cents = text.rpartition(",")
        if "," in whole or not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})*|[0-9]+", whole):
            raise AmountError(_("This is not an amount. Write it like 1234,56."))
        text = whole.replace(".", "") + "." + cents
    elif text.count(".") > 1:
        if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", text):
            raise AmountError(_("This is not an amount. Write it like 1234,56."))
        text = text.replace(".", "")
    elif re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", text):
        raise AmountError(
            _("Is this %(value)s euros or more than a thousand? Write it like 1234,00.") % {"value": value}
        )
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", text):
        raise AmountError(_("An amount has at most two digits after the comma. Write it like 1234,56."))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise AmountError(_("This is not an amount. Write it like 1234,56.")) from None


class _Row:
    """One row of the file: its cells by column name, and the problems found in it."""

    def __init__(self, number: int, header: list[str], cells: list[str], problems: list[RowProblem]):
        self.number = number
        self.problems = problems
        self.count_before = len(problems)
        self.cells = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        if any(cell.strip() for cell in cells[len(header) :]):
            self.problem("", _("This row has more cells than the header row has columns."))

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(RowProblem(self.number, column, reason))

    def text(self, column: str, *, required: bool, max_length: int) -> str:
        value = _SPACES.sub(" ", self.cells.get(column, ""))
        if required and not value:
            self.problem(column, _("This is empty, and it must be filled in."))
        elif len(value) > max_length:
            self.problem(column, _("This is too long: at most %(max)s characters.") % {"max": max_length})
        return value

    def date(self, column: str, *, required: bool, today: date) -> date | None:
        value = self.cells.get(column, "")
        if not value:
            if required:
                self.problem(column, _("This is empty, and it must be filled in."))
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(
                column,
                _("“%(value)s” is not a date. Write it like 31-01-2026 or 2026-01-31.") % {"value": value},
            )
        elif parsed > today:
            self.problem(column, _("This date is in the future."))
            return None
        elif parsed.year < 1900:
            self.problem(column, _("This date is too long ago."))
            return None
        return parsed

    def check(self, *, postcodes: dict[str, int], today: date) -> dict | None:
        """The signal's fields, or None when the row has problems (added to the list)."""
        reference = self.text("referentie", required=True, max_length=60)
        name = self.text("naam", required=True, max_length=150)
        street = self.text("straat", required=True, max_length=150)
        city = self.text("plaats", required=False, max_length=100)

        postcode = self.cells.get("postcode", "")
        wijk_id = None
        if not postcode:
            self.problem("postcode", _("This is empty, and it must be filled in."))
        elif (match := _POSTCODE.match(_SPACES.sub(" ", postcode.upper()))) is None:
            self.problem("postcode", _("“%(value)s” is not a postcode. Write it like 5701 AB.") % {"value": postcode})
        else:
            digits, letters = match.groups()
            postcode = f"{digits} {letters}"
            wijk_id = postcodes.get(digits)
            if wijk_id is None:
                self.problem(
                    "postcode",
                    _("Postcode %(postcode)s is not in the municipality, so no wijk team can take it on.")
                    % {"postcode": postcode},
                )

        date_of_birth = self.date("geboortedatum", required=False, today=today)
        kind = None
        if not (kind_text := self.cells.get("soort", "")):
            self.problem("soort", _("This is empty, and it must be filled in."))
        elif (kind := KINDS.get(kind_text.lower())) is None:
            self.problem(
                "soort",
                _("“%(value)s” is not a kind we know. Write one of: %(kinds)s.")
                % {"value": kind_text, "kinds": ", ".join(KINDS)},
            )

        amount = None
        if not (amount_text := self.cells.get("bedrag", "")):
            self.problem("bedrag", _("This is empty, and it must be filled in."))
        else:
            try:
                amount = parse_amount(amount_text)
            except AmountError as error:
                self.problem("bedrag", str(error))
            else:
                if amount <= 0:
                    self.problem("bedrag", _("The amount must be more than 0."))
                elif amount > MAX_AMOUNT:
                    self.problem("bedrag", _("This amount is too large."))

        months = None
        if not (months_text := self.cells.get("maanden", "")):
            self.problem("maanden", _("This is empty, and it must be filled in."))
        elif not _WHOLE_NUMBER.match(months_text) or not 1 <= int(months_text) <= MAX_MONTHS:
            self.problem(
                "maanden",
                _("“%(value)s” is not a number of months. Write a whole number from 1 to %(max)s.")
                % {"value": months_text, "max": MAX_MONTHS},
            )
        else:
            months = int(months_text)

        last_reminder = self.date("laatste_herinnering", required=True, today=today)

        confirmed = self.cells.get("incassostappen_gezet", "").lower()
        if confirmed == "nee":
            self.problem(
                "incassostappen_gezet",
                _(
                    "A signal can only be sent after your own collection steps: the Besluit asks you to "
                    "try to reach the resident in person, point them to debt help and send a written "
                    "reminder first."
                ),
            )
        elif confirmed != "ja":
            self.problem("incassostappen_gezet", _("Write “ja” when your own collection steps were taken."))

        if len(self.problems) > self.count_before:
            return None
        return {
            "partner_reference": reference,
            "name": name,
            "street": street,
            "postcode": postcode,
            "city": city,
            "date_of_birth": date_of_birth,
            "kind": kind,
            "amount": amount,
            "months_in_arrears": months,
            "last_reminder_on": last_reminder,
            "collection_steps_confirmed": True,
            "wijk_id": wijk_id,
            "household": household_key(postcode.replace(" ", ""), street),
        }
