"""The social map as Open Referral HSDS 3.0: our rows as HSDS objects (export, API) and HSDS
objects as our rows (import).

Import is one upsert by HSDS `id`, in one transaction: the input is first gathered into flat
records per kind (organizations, services, locations, ...), every record is checked, and only
when nothing is wrong is anything written (bulk_create / bulk_update). A problem is reported as
`file, row N, field F: reason`. Fields HSDS has and we don't keep are named once in the report.

Four ways in (walk_in, by_phone, self_referral, via_professional), `free` and
`accepts_referrals` have no HSDS field: they travel as `attributes` with terms of a small
Samenplan taxonomy (ACCESS_TAXONOMY), so a round trip keeps them.

Public data only: nothing here is about a resident."""

from __future__ import annotations

import datetime
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from samenplan.accounts.models import Organisation, Wijk

from .models import Location, Schedule, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .search import index_services, search_text_for

# uuid5 namespace of Samenplan's own HSDS ids (the same as migration 0002 uses).
NAMESPACE = uuid.UUID("6f1c2d0e-1a7b-5c3e-9d4f-2b8a7e6c5d10")
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"


def sid(*parts) -> str:
    """A stable id of something we keep no id for (a phone, an address, a language)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


# The Samenplan access taxonomy ------------------------------------------------------------

ACCESS_TAXONOMY = {
    "id": sid("samenplan-access"),
    "name": "Samenplan toegang",
    "description": "Hoe je bij een dienst terechtkomt, en of die gratis is (Samenplan).",
    "version": "1",
}
ACCESS_FLAGS = {
    "walk_in": ("toegang: binnenlopen", "Binnenlopen zonder afspraak"),
    "by_phone": ("toegang: bellen", "Bellen"),
    "self_referral": ("toegang: zelf aanmelden", "Zelf aanmelden"),
    "via_professional": ("toegang: via een professional", "Via een professional"),
    "free": ("kosten: gratis", "Gratis"),
    "accepts_referrals": ("samenplan: verwijzingen", "Neemt verwijzingen aan via Samenplan"),
}
ACCESS_TERM_IDS = {flag: sid("samenplan-access", flag) for flag in ACCESS_FLAGS}
FLAG_BY_TERM_ID = {term_id: flag for flag, term_id in ACCESS_TERM_IDS.items()}


def access_taxonomy_dict() -> dict:
    return dict(ACCESS_TAXONOMY)


def access_term_dicts() -> list[dict]:
    return [
        {
            "id": ACCESS_TERM_IDS[flag],
            "code": code,
            "name": name,
            "description": name,
            "taxonomy": ACCESS_TAXONOMY["name"],
            "taxonomy_id": ACCESS_TAXONOMY["id"],
            "language": "nl",
        }
        for flag, (code, name) in ACCESS_FLAGS.items()
    ]


# Export: rows -> HSDS ------------------------------------------------------------------

WEEKDAY_CODES = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
WEEKDAY_BY_CODE = {code: day for day, code in WEEKDAY_CODES.items()}


def _set(d: dict, key: str, value):
    """Only fields with a value: HSDS strings may not be null."""
    if value is None or value == "":
        return
    d[key] = value


def _stamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def taxonomy_dict(taxonomy: Taxonomy) -> dict:
    d = {"id": str(taxonomy.hsds_id), "name": taxonomy.name, "description": taxonomy.description}
    _set(d, "uri", taxonomy.uri)
    _set(d, "version", taxonomy.version)
    return d


def taxonomy_term_dict(term: TaxonomyTerm, *, detail: bool = True) -> dict:
    d = {"id": str(term.hsds_id)}
    _set(d, "code", term.code)
    d["name"] = term.name
    d["description"] = term.description
    if term.parent_id:
        d["parent_id"] = str(term.parent.hsds_id)
    if term.taxonomy_id:
        d["taxonomy"] = term.taxonomy.name
        d["taxonomy_id"] = str(term.taxonomy.hsds_id)
        if detail:
            d["taxonomy_detail"] = taxonomy_dict(term.taxonomy)
    _set(d, "language", term.language)
    _set(d, "term_uri", term.term_uri)
    return d


def _phones(owner_key: str, owner_id: str, number: str) -> list[dict]:
    if not number:
        return []
    return [{"id": sid("phone", owner_id), owner_key: owner_id, "number": number}]


def organization_dict(org: Organisation) -> dict:
    oid = str(org.hsds_id)
    d = {"id": oid, "name": org.name, "description": org.description}
    _set(d, "email", org.email)
    _set(d, "website", org.website)
    d["phones"] = _phones("organization_id", oid, org.phone)
    return d


def schedule_dict(schedule: Schedule, *, owner_key: str, owner_id: str) -> dict:
    d = {"id": str(schedule.hsds_id), owner_key: owner_id}
    if schedule.weekday:
        d["freq"] = "WEEKLY"
        d["byday"] = WEEKDAY_CODES[schedule.weekday]
    if schedule.opens_at:
        d["opens_at"] = schedule.opens_at.strftime("%H:%M")
    if schedule.closes_at:
        d["closes_at"] = schedule.closes_at.strftime("%H:%M")
    _set(d, "description", schedule.description)
    return d


def location_dict(location: Location) -> dict:
    lid = str(location.hsds_id)
    d = {
        "id": lid,
        "location_type": location.location_type,
        "organization_id": str(location.organisation.hsds_id),
        "name": location.name,
    }
    _set(d, "description", location.description)
    _set(d, "transportation", location.transportation)
    if location.latitude is not None:
        d["latitude"] = float(location.latitude)
    if location.longitude is not None:
        d["longitude"] = float(location.longitude)
    d["addresses"] = []
    if location.address_1 or location.postal_code or location.city:
        d["addresses"].append(
            {
                "id": sid("address", lid),
                "location_id": lid,
                "address_1": location.address_1,
                "city": location.city,
                "state_province": "",
                "postal_code": location.postal_code,
                "country": "NL",
                "address_type": "postal" if location.location_type == Location.Kind.POSTAL else "physical",
            }
        )
    if location.accessibility:
        d["accessibility"] = [
            {"id": sid("accessibility", lid), "location_id": lid, "description": location.accessibility}
        ]
    d["schedules"] = [schedule_dict(s, owner_key="location_id", owner_id=lid) for s in location.schedules.all()]
    return d


def service_at_location_dict(sal: ServiceAtLocation, *, location: bool = True) -> dict:
    d = {"id": str(sal.hsds_id), "service_id": str(sal.service.hsds_id), "location_id": str(sal.location.hsds_id)}
    _set(d, "description", sal.description)
    d["schedules"] = [
        schedule_dict(s, owner_key="service_at_location_id", owner_id=d["id"]) for s in sal.schedules.all()
    ]
    if location:
        d["location"] = location_dict(sal.location)
    return d


def language_dicts(service_id: str, codes: list[str]) -> list[dict]:
    out = []
    for code in codes:
        d = {"id": sid("language", service_id, code), "service_id": service_id, "code": code}
        _set(d, "name", LANG_INFO.get(code, {}).get("name", ""))
        out.append(d)
    return out


def attribute_dicts(service: Service) -> list[dict]:
    service_id = str(service.hsds_id)
    out = []
    for term in service.terms.all():
        out.append(
            {
                "id": sid("attribute", service_id, term.hsds_id),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": str(term.hsds_id),
                "taxonomy_term": taxonomy_term_dict(term),
            }
        )
    terms = {t["id"]: t for t in access_term_dicts()}
    for flag, term_id in ACCESS_TERM_IDS.items():
        term = dict(terms[term_id])
        term["taxonomy_detail"] = access_taxonomy_dict()
        out.append(
            {
                "id": sid("attribute", service_id, flag),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": term,
                "value": "true" if getattr(service, flag) else "false",
            }
        )
    return out


def service_dict(service: Service, *, full: bool = True) -> dict:
    """A service as HSDS `service` (schema/compiled/service.json). The caller prefetches
    (see `SERVICE_PREFETCH`)."""
    service_id = str(service.hsds_id)
    d = {"id": service_id, "organization_id": str(service.organisation.hsds_id), "name": service.name}
    _set(d, "alternate_name", service.alternate_name)
    _set(d, "description", service.description)
    _set(d, "url", service.url)
    _set(d, "email", service.email)
    d["status"] = service.status
    _set(d, "application_process", service.application_process)
    _set(d, "fees_description", service.fees_description)
    _set(d, "wait_time", service.wait_time)
    _set(d, "eligibility_description", service.eligibility_description)
    _set(d, "minimum_age", service.minimum_age)
    _set(d, "maximum_age", service.maximum_age)
    if service.assured_date:
        d["assured_date"] = service.assured_date.isoformat()
    d["last_modified"] = _stamp(service.last_modified)
    if not full:
        return d
    d["phones"] = _phones("service_id", service_id, service.phone)
    d["schedules"] = [schedule_dict(s, owner_key="service_id", owner_id=service_id) for s in service.schedules.all()]
    d["service_areas"] = [
        {"id": sid("service-area", service_id, wijk.code), "service_id": service_id, "name": wijk.name}
        for wijk in service.wijken.all()
    ]
    d["service_at_locations"] = [service_at_location_dict(sal) for sal in service.service_at_locations.all()]
    d["languages"] = language_dicts(service_id, service.languages or [])
    d["organization"] = organization_dict(service.organisation)
    d["attributes"] = attribute_dicts(service)
    return d


SERVICE_PREFETCH = (
    "schedules",
    "wijken",
    "terms__taxonomy",
    "terms__parent",
    "service_at_locations__schedules",
    "service_at_locations__location__organisation",
    "service_at_locations__location__schedules",
)


def services_for_export(queryset=None):
    queryset = Service.objects.all() if queryset is None else queryset
    return queryset.select_related("organisation").prefetch_related(*SERVICE_PREFETCH)


# Import: HSDS -> rows ------------------------------------------------------------------


class ImportRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Record:
    """One HSDS object to import, with where it came from (for messages)."""

    data: dict
    file: str
    row: int
    path: str = ""  # where inside the row, e.g. "service_at_locations[0].location."

    def where(self, name: str) -> str:
        return f"{self.file}, row {self.row}, field {self.path}{name}"


@dataclass
class Gathered:
    organizations: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    locations: dict = field(default_factory=dict)
    service_at_locations: dict = field(default_factory=dict)
    taxonomies: dict = field(default_factory=dict)
    taxonomy_terms: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    ignored: set = field(default_factory=set)  # "service.fees", once per field
    unmatched_areas: set = field(default_factory=set)
    warnings: list = field(default_factory=list)  # kept going, but the importer should know


# What we keep of each kind; anything else with a value is reported as ignored.
KEPT = {
    "organization": {"id", "name", "description", "email", "website", "phones", "services", "locations"},
    "service": {
        "id",
        "organization_id",
        "organization",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "wait_time",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "last_modified",
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "attributes",
    },
    "location": {
        "id",
        "location_type",
        "organization_id",
        "name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "addresses",
        "schedules",
        "accessibility",
    },
    "service_at_location": {"id", "service_id", "location_id", "description", "schedules", "location", "service"},
    "taxonomy": {"id", "name", "description", "uri", "version"},
    "taxonomy_term": {
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "taxonomy_id",
        "taxonomy_detail",
        "language",
        "term_uri",
    },
}


def _sub(record: Record, data, path: str) -> Record:
    """A nested object: from its own file and row when it came from a CSV (`_src`)."""
    if isinstance(data, dict) and "_src" in data:
        return Record(data, data["_src"][0], data["_src"][1], "")
    return Record(data if isinstance(data, dict) else {}, record.file, record.row, f"{record.path}{path}")


def _note_ignored(gathered: Gathered, kind: str, data: dict):
    for key, value in data.items():
        if key != "_src" and key not in KEPT[kind] and value not in (None, "", [], {}):
            gathered.ignored.add(f"{kind}.{key}")


def _merge(store: dict, record: Record):
    """The same id met twice (nested and on its own): one record, values combined."""
    key = record.data.get("id")
    if key in store:
        old = store[key]
        merged = dict(old.data)
        merged.update({k: v for k, v in record.data.items() if v not in (None, "", [])})
        old.data = merged
    else:
        store[key] = record


def _uuid(record: Record, name: str, problems: list, *, required: bool = True) -> str | None:
    value = record.data.get(name)
    if value in (None, ""):
        if required:
            problems.append(f"{record.where(name)}: missing")
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        problems.append(f"{record.where(name)}: not a UUID ({value!r})")
        return None


def gather_object(gathered: Gathered, kind: str, data, file: str, row: int, path: str = "", parent: dict | None = None):
    """Walk one HSDS object (and what it nests) into `gathered`."""
    if not isinstance(data, dict):
        gathered.problems.append(f"{file}, row {row}, field {path or kind}: not an object")
        return
    data = dict(data)
    if "_src" in data:
        file, row, path = data["_src"][0], data["_src"][1], ""
    record = Record(data, file, row, path)
    if _uuid(record, "id", gathered.problems) is None:
        return
    data["id"] = str(uuid.UUID(str(data["id"])))
    if data["id"] in FLAG_BY_TERM_ID or data["id"] == ACCESS_TAXONOMY["id"]:
        return  # the Samenplan access taxonomy lives in the code, read back from attributes
    _note_ignored(gathered, kind, data)
    parent = parent or {}
    if kind == "organization":
        _merge(gathered.organizations, record)
        for i, service in enumerate(data.get("services") or []):
            service = dict(service) if isinstance(service, dict) else service
            if isinstance(service, dict):
                service.setdefault("organization_id", data["id"])
            gather_object(gathered, "service", service, file, row, f"{path}services[{i}].")
        for i, location in enumerate(data.get("locations") or []):
            location = dict(location) if isinstance(location, dict) else location
            if isinstance(location, dict):
                location.setdefault("organization_id", data["id"])
            gather_object(gathered, "location", location, file, row, f"{path}locations[{i}].")
    elif kind == "service":
        organization = data.get("organization")
        if isinstance(organization, dict):
            data.setdefault("organization_id", organization.get("id"))
            gather_object(gathered, "organization", organization, file, row, f"{path}organization.")
        _merge(gathered.services, record)
        for i, sal in enumerate(data.get("service_at_locations") or []):
            sal = dict(sal) if isinstance(sal, dict) else sal
            if isinstance(sal, dict):
                sal.setdefault("service_id", data["id"])
            gather_object(
                gathered,
                "service_at_location",
                sal,
                file,
                row,
                f"{path}service_at_locations[{i}].",
                parent={"organization_id": data.get("organization_id")},
            )
        for i, attribute in enumerate(data.get("attributes") or []):
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            if isinstance(term, dict) and term.get("id") not in FLAG_BY_TERM_ID:
                gather_object(gathered, "taxonomy_term", term, file, row, f"{path}attributes[{i}].taxonomy_term.")
    elif kind == "service_at_location":
        service = data.get("service")
        if isinstance(service, dict):
            data.setdefault("service_id", service.get("id"))
            if isinstance(service.get("organization"), dict):
                parent = {"organization_id": service.get("organization_id") or service["organization"].get("id")}
            gather_object(gathered, "service", service, file, row, f"{path}service.")
        location = data.get("location")
        if isinstance(location, dict):
            location = dict(location)
            data.setdefault("location_id", location.get("id"))
            if parent.get("organization_id"):
                location.setdefault("organization_id", parent["organization_id"])
            gather_object(gathered, "location", location, file, row, f"{path}location.")
        _merge(gathered.service_at_locations, record)
    elif kind == "location":
        _merge(gathered.locations, record)
    elif kind == "taxonomy":
        _merge(gathered.taxonomies, record)
    elif kind == "taxonomy_term":
        detail = data.get("taxonomy_detail")
        if isinstance(detail, dict):
            data.setdefault("taxonomy_id", detail.get("id"))
            gather_object(gathered, "taxonomy", detail, file, row, f"{path}taxonomy_detail.")
        _merge(gathered.taxonomy_terms, record)


KIND_BY_NAME = (
    ("service_at_location", "service_at_location"),
    ("taxonomy_term", "taxonomy_term"),
    ("taxonom", "taxonomy"),
    ("organization", "organization"),
    ("organisation", "organization"),
    ("location", "location"),
    ("service", "service"),
)


def kind_of(name: str, item: dict) -> str:
    """Which HSDS object a JSON file holds: by its name, else by the object's fields."""
    lowered = name.lower()
    for part, kind in KIND_BY_NAME:
        if part in lowered:
            return kind
    if "status" in item:
        return "service"
    if "location_type" in item:
        return "location"
    if "service_id" in item and "location_id" in item:
        return "service_at_location"
    if "taxonomy_detail" in item or "term_uri" in item or "parent_id" in item:
        return "taxonomy_term"
    return "organization"


def gather_json(gathered: Gathered, name: str, payload):
    """A JSON document: one object, a list, or an HSDS Page (`contents`)."""
    if isinstance(payload, dict) and isinstance(payload.get("contents"), list):
        items = payload["contents"]
    elif isinstance(payload, list):
        items = payload
    else:
        items = [payload]
    for row, item in enumerate(items, start=1):
        kind = kind_of(name, item if isinstance(item, dict) else {})
        gather_object(gathered, kind, item, name, row)


# Checking one record's fields -----------------------------------------------------------


def _text(record: Record, name: str, problems: list, *, max_length: int | None = None, required: bool = False) -> str:
    value = record.data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        problems.append(f"{record.where(name)}: not text")
        return ""
    value = str(value).strip()
    if required and not value:
        problems.append(f"{record.where(name)}: missing")
    if max_length and len(value) > max_length:
        problems.append(f"{record.where(name)}: longer than {max_length} characters")
    return value


def _email(record: Record, name: str, problems: list) -> str:
    value = _text(record, name, problems, max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            problems.append(f"{record.where(name)}: not an email address ({value!r})")
    return value


_url = URLValidator()


def _link(record: Record, name: str, problems: list) -> str:
    value = _text(record, name, problems, max_length=500)
    if value:
        try:
            _url(value)
        except ValidationError:
            problems.append(f"{record.where(name)}: not a web address ({value!r})")
    return value


def _int(record: Record, name: str, problems: list) -> int | None:
    value = record.data.get(name)
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.5
    if number != int(number) or not 0 <= number <= 150:
        problems.append(f"{record.where(name)}: not an age ({value!r})")
        return None
    return int(number)


def _decimal(record: Record, name: str, problems: list, limit: int, warnings: list) -> Decimal | None:
    value = record.data.get(name)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        problems.append(f"{record.where(name)}: not a number ({value!r})")
        return None
    if abs(number) > limit:
        warnings.append(f"{record.where(name)}: out of range ({value!r}), not kept")
        return None
    return number


def _date(record: Record, name: str, problems: list) -> datetime.date | None:
    value = record.data.get(name)
    if value in (None, ""):
        return None
    try:
        parsed = parse_date(str(value)[:10])
    except ValueError:
        parsed = None
    if parsed is None:
        problems.append(f"{record.where(name)}: not a date ({value!r})")
    return parsed


def _datetime(record: Record, name: str, problems: list) -> datetime.datetime | None:
    value = record.data.get(name)
    if value in (None, ""):
        return None
    try:
        parsed = parse_datetime(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        problems.append(f"{record.where(name)}: not a date and time ({value!r})")
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _time(record: Record, name: str, problems: list) -> datetime.time | None:
    value = record.data.get(name)
    if value in (None, ""):
        return None
    try:
        parsed = parse_time(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        problems.append(f"{record.where(name)}: not a time ({value!r})")
    return parsed


def _first_phone(record: Record, problems: list) -> str:
    phones = record.data.get("phones") or []
    if not isinstance(phones, list):
        problems.append(f"{record.where('phones')}: not a list")
        return ""
    for i, phone in enumerate(phones):
        if isinstance(phone, dict) and phone.get("number"):
            number = str(phone["number"]).strip().strip('"').strip()
            if len(number) > 30:
                problems.append(f"{record.where(f'phones[{i}].number')}: longer than 30 characters")
            return number
    return ""


def _schedules(record: Record, problems: list) -> list[tuple]:
    """(hsds_id, weekday, opens_at, closes_at, description) per weekday."""
    out = []
    schedules = record.data.get("schedules") or []
    if not isinstance(schedules, list):
        problems.append(f"{record.where('schedules')}: not a list")
        return out
    for i, data in enumerate(schedules):
        sub = _sub(record, data, f"schedules[{i}].")
        schedule_id = _uuid(sub, "id", problems)
        opens_at = _time(sub, "opens_at", problems)
        closes_at = _time(sub, "closes_at", problems)
        description = _text(sub, "description", problems)[:300]
        codes = [c.strip().upper() for c in str(sub.data.get("byday") or "").split(",") if c.strip()]
        days = []
        for code in codes:
            # RRULE allows "1MO" (the first Monday); we keep the weekday.
            day = WEEKDAY_BY_CODE.get(code[-2:])
            if day is None:
                problems.append(f"{sub.where('byday')}: not a weekday ({code!r})")
            elif day not in days:
                days.append(day)
        if schedule_id is None:
            continue
        if len(days) <= 1:
            out.append((schedule_id, days[0] if days else None, opens_at, closes_at, description))
        else:
            for day in days:
                out.append((sid("schedule", schedule_id, day), day, opens_at, closes_at, description))
    return out


@dataclass
class Counts:
    added: dict = field(default_factory=lambda: defaultdict(int))
    changed: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def total_added(self):
        return sum(self.added.values())

    @property
    def total_changed(self):
        return sum(self.changed.values())


@dataclass
class ImportReport:
    counts: Counts
    ignored: list
    unmatched_areas: list
    warnings: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for kind in ("taxonomy", "taxonomy_term", "organization", "location", "service", "service_at_location"):
            out.append(f"{kind}: {self.counts.added[kind]} added, {self.counts.changed[kind]} changed")
        out.append(f"Total: {self.counts.total_added} added, {self.counts.total_changed} changed")
        for name in self.ignored:
            out.append(f"Ignored (not kept by Samenplan): {name}")
        for warning in self.warnings:
            out.append(f"Warning: {warning}")
        for name in self.unmatched_areas:
            out.append(f"Service area without a matching wijk (kept as the whole municipality): {name}")
        return out


def _upsert(
    model, existing: dict, wanted: dict, fields: list[str], counts: Counts, kind: str, *, touch: str = "", prepare=None
):
    """Create the rows not there yet and update those whose fields differ. `wanted` maps
    hsds_id -> field values; returns hsds_id -> row. `prepare(key, row)` completes a new row."""
    new, changed = [], []
    rows = {}
    now = timezone.now()
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            row = model(hsds_id=key, **values)
            row._hsds_new = True
            if prepare is not None:
                prepare(key, row)
            if touch and touch not in values:
                setattr(row, touch, now)
            new.append(row)
        else:
            if any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                if touch and touch not in values:
                    setattr(row, touch, now)
                changed.append(row)
        rows[key] = row
    if new:
        model.objects.bulk_create(new, batch_size=500)
        if not all(r.pk for r in new):  # backends without RETURNING ids
            fresh = model.objects.in_bulk([r.hsds_id for r in new], field_name="hsds_id")
            for r in new:
                r.pk = fresh[r.hsds_id].pk
    if changed:
        update_fields = sorted({*fields, touch} - {""})
        model.objects.bulk_update(changed, update_fields, batch_size=500)
    counts.added[kind] += len(new)
    counts.changed[kind] += len(changed)
    return rows, {r.hsds_id for r in changed}


def _existing(model, keys, *related) -> dict:
    keys = [uuid.UUID(k) for k in keys]
    found = {}
    for start in range(0, len(keys), 900):
        for row in model.objects.filter(hsds_id__in=keys[start : start + 900]).select_related(*related):
            found[str(row.hsds_id)] = row
    return found


def _key(row) -> str:
    return str(row.hsds_id)


def import_gathered(gathered: Gathered) -> ImportReport:
    """Check everything, then write everything in one transaction (or nothing)."""
    problems = gathered.problems
    counts = Counts()

    # Taxonomies and terms.
    taxonomies = {}
    for key, record in gathered.taxonomies.items():
        taxonomies[key] = {
            "name": _text(record, "name", problems, max_length=150, required=True),
            "description": _text(record, "description", problems, max_length=2000),
            "uri": _link(record, "uri", problems),
            "version": _text(record, "version", problems, max_length=40),
        }
    terms, term_parents, term_taxonomies = {}, {}, {}
    for key, record in gathered.taxonomy_terms.items():
        terms[key] = {
            "code": _text(record, "code", problems, max_length=100),
            "name": _text(record, "name", problems, max_length=200, required=True),
            "description": _text(record, "description", problems, max_length=2000),
            "language": _text(record, "language", problems, max_length=10),
            "term_uri": _link(record, "term_uri", problems),
        }
        term_parents[key] = _uuid(record, "parent_id", problems, required=False)
        term_taxonomies[key] = _uuid(record, "taxonomy_id", problems, required=False)

    # Organisations: the name is unique in Samenplan.
    organisations = {}
    for key, record in gathered.organizations.items():
        organisations[key] = {
            "name": _text(record, "name", problems, max_length=150, required=True),
            "description": _text(record, "description", problems, max_length=2000),
            "email": _email(record, "email", problems),
            "website": _link(record, "website", problems),
            "phone": _first_phone(record, problems),
        }
    existing_orgs = _existing(Organisation, organisations)
    names = {v["name"]: k for k, v in organisations.items()}
    for other_id, name in Organisation.objects.filter(name__in=list(names)).values_list("hsds_id", "name"):
        if str(other_id) != names[name]:
            record = gathered.organizations[names[name]]
            problems.append(f"{record.where('name')}: another organisation (id {other_id}) already has this name")
    known_orgs = set(organisations)

    def org_ref(record: Record) -> str | None:
        key = _uuid(record, "organization_id", problems)
        if key and key not in known_orgs and key not in existing_orgs:
            if Organisation.objects.filter(hsds_id=key).exists():
                existing_orgs[key] = Organisation.objects.get(hsds_id=key)
            else:
                problems.append(f"{record.where('organization_id')}: unknown organization ({key})")
                return None
        return key

    # Locations.
    locations, location_orgs, location_schedules = {}, {}, {}
    kinds = set(Location.Kind.values)
    for key, record in gathered.locations.items():
        location_type = _text(record, "location_type", problems) or Location.Kind.PHYSICAL
        if location_type not in kinds:
            problems.append(f"{record.where('location_type')}: not one of {', '.join(sorted(kinds))}")
        addresses = record.data.get("addresses") or []
        address = addresses[0] if isinstance(addresses, list) and addresses and isinstance(addresses[0], dict) else {}
        sub = _sub(record, address, "addresses[0].")
        accessibility = record.data.get("accessibility") or []
        first_access = accessibility[0] if isinstance(accessibility, list) and accessibility else {}
        values = {
            "location_type": location_type,
            "name": _text(record, "name", problems, max_length=150),
            "description": _text(record, "description", problems, max_length=2000),
            "address_1": _text(sub, "address_1", problems, max_length=150),
            "postal_code": _text(sub, "postal_code", problems, max_length=10),
            "city": _text(sub, "city", problems, max_length=100),
            "transportation": _text(record, "transportation", problems, max_length=300),
            "accessibility": str((first_access or {}).get("description") or "")[:300]
            if isinstance(first_access, dict)
            else "",
            "latitude": _decimal(record, "latitude", problems, 90, gathered.warnings),
            "longitude": _decimal(record, "longitude", problems, 180, gathered.warnings),
        }
        if not values["name"]:
            values["name"] = values["address_1"] or values["city"] or "-"
        locations[key] = values
        location_schedules[key] = _schedules(record, problems)

    # Services.
    services, service_orgs, service_schedules, service_terms, service_areas = {}, {}, {}, {}, {}
    statuses = set(Service.Status.values)
    wijken = {w.name.lower(): w for w in Wijk.objects.all()}
    for key, record in gathered.services.items():
        status = _text(record, "status", problems, required=True)
        if status and status not in statuses:
            problems.append(f"{record.where('status')}: not one of {', '.join(sorted(statuses))}")
        values = {
            "name": _text(record, "name", problems, max_length=150, required=True),
            "alternate_name": _text(record, "alternate_name", problems, max_length=150),
            "description": _text(record, "description", problems, max_length=3000),
            "eligibility_description": _text(record, "eligibility_description", problems, max_length=1000),
            "minimum_age": _int(record, "minimum_age", problems),
            "maximum_age": _int(record, "maximum_age", problems),
            "status": status,
            "application_process": _text(record, "application_process", problems, max_length=1000),
            "fees_description": _text(record, "fees_description", problems, max_length=300),
            "wait_time": _text(record, "wait_time", problems, max_length=150),
            "email": _email(record, "email", problems),
            "phone": _first_phone(record, problems),
            "url": _link(record, "url", problems),
            "assured_date": _date(record, "assured_date", problems),
        }
        modified = _datetime(record, "last_modified", problems)
        if modified is not None:
            values["last_modified"] = modified
        languages = []
        for i, language in enumerate(record.data.get("languages") or []):
            code = str(language.get("code") or "").strip().lower() if isinstance(language, dict) else ""
            if not code:
                problems.append(f"{record.where(f'languages[{i}].code')}: missing")
            elif code not in languages:
                languages.append(code)
        values["languages"] = languages
        term_ids = []
        for i, attribute in enumerate(record.data.get("attributes") or []):
            if not isinstance(attribute, dict):
                continue
            sub = _sub(record, attribute, f"attributes[{i}].")
            term_id = _uuid(sub, "taxonomy_term_id", problems, required=False)
            if term_id is None and isinstance(attribute.get("taxonomy_term"), dict):
                term_id = str(attribute["taxonomy_term"].get("id") or "") or None
            if term_id in FLAG_BY_TERM_ID:
                values[FLAG_BY_TERM_ID[term_id]] = str(attribute.get("value", "true")).strip().lower() not in (
                    "false",
                    "0",
                    "no",
                    "nee",
                    "",
                )
            elif term_id:
                term_ids.append(term_id)
        areas = []
        for area in record.data.get("service_areas") or []:
            name = str(area.get("name") or "").strip() if isinstance(area, dict) else ""
            wijk = wijken.get(name.lower())
            if wijk is not None:
                areas.append(wijk.pk)
            elif name:
                gathered.unmatched_areas.add(name)
        services[key] = values
        service_orgs[key] = org_ref(record)
        service_schedules[key] = _schedules(record, problems)
        service_terms[key] = term_ids
        service_areas[key] = sorted(set(areas))

    # Terms a service names must exist (in the import or already here).
    wanted_terms = {t for ids in service_terms.values() for t in ids} | {p for p in term_parents.values() if p}
    missing = wanted_terms - set(terms)
    found_terms = _existing(TaxonomyTerm, missing) if missing else {}
    for key, ids in service_terms.items():
        for term_id in ids:
            if term_id not in terms and term_id not in found_terms:
                record = gathered.services[key]
                problems.append(f"{record.where('attributes')}: unknown taxonomy term ({term_id})")
    missing_taxonomies = {t for t in term_taxonomies.values() if t} - set(taxonomies)
    found_taxonomies = _existing(Taxonomy, missing_taxonomies) if missing_taxonomies else {}
    for key, taxonomy_id in term_taxonomies.items():
        if taxonomy_id and taxonomy_id not in taxonomies and taxonomy_id not in found_taxonomies:
            record = gathered.taxonomy_terms[key]
            gathered.warnings.append(f"{record.where('taxonomy_id')}: unknown taxonomy ({taxonomy_id}), not linked")
            term_taxonomies[key] = None

    # A location's organisation: its own, else that of a service offered there (HSDS
    # does not require a location to name one).
    offered_by = {}
    for record in gathered.service_at_locations.values():
        service = gathered.services.get(str(record.data.get("service_id") or ""))
        if service is not None and record.data.get("location_id"):
            offered_by.setdefault(str(record.data["location_id"]), service.data.get("organization_id"))
    for key, record in gathered.locations.items():
        own = record.data.get("organization_id")
        if own and (own in known_orgs or own in existing_orgs or Organisation.objects.filter(hsds_id=own).exists()):
            location_orgs[key] = org_ref(record)
            continue
        fallback = offered_by.get(key)
        if fallback and fallback in known_orgs:
            if own:
                gathered.warnings.append(
                    f"{record.where('organization_id')}: unknown organization ({own}), "
                    "the organization of a service offered there is used"
                )
            location_orgs[key] = fallback
        else:
            location_orgs[key] = org_ref(record)

    # Services at locations.
    sals, sal_refs, sal_schedules = {}, {}, {}
    for key, record in gathered.service_at_locations.items():
        service_id = _uuid(record, "service_id", problems)
        location_id = _uuid(record, "location_id", problems)
        sals[key] = {"description": _text(record, "description", problems, max_length=1000)}
        sal_refs[key] = (service_id, location_id)
        sal_schedules[key] = _schedules(record, problems)
    sal_missing_services = {s for s, _l in sal_refs.values() if s} - set(services)
    sal_missing_locations = {loc for _s, loc in sal_refs.values() if loc} - set(locations)
    found_services = _existing(Service, sal_missing_services) if sal_missing_services else {}
    found_locations = _existing(Location, sal_missing_locations) if sal_missing_locations else {}
    for key, (service_id, location_id) in sal_refs.items():
        record = gathered.service_at_locations[key]
        if service_id and service_id not in services and service_id not in found_services:
            problems.append(f"{record.where('service_id')}: unknown service ({service_id})")
        if location_id and location_id not in locations and location_id not in found_locations:
            problems.append(f"{record.where('location_id')}: unknown location ({location_id})")

    if problems:
        raise ImportRefused(problems)

    # One schedule id given to a service, its location and the service there (the official
    # examples do so): the first keeps it, the others get an id derived from it.
    claimed = set()
    for kind, wanted in (("service", service_schedules), ("sal", sal_schedules), ("location", location_schedules)):
        for key, schedules in wanted.items():
            fixed = []
            for schedule in schedules:
                schedule_id = schedule[0]
                if schedule_id in claimed:
                    schedule_id = sid("schedule", schedule_id, kind, key)
                claimed.add(schedule_id)
                fixed.append((schedule_id, *schedule[1:]))
            wanted[key] = fixed

    with transaction.atomic():
        taxonomy_fields = ["name", "description", "uri", "version"]
        taxonomy_rows, _c = _upsert(
            Taxonomy, _existing(Taxonomy, taxonomies), taxonomies, taxonomy_fields, counts, "taxonomy"
        )
        taxonomy_rows.update(found_taxonomies)
        for key, taxonomy_id in term_taxonomies.items():
            if taxonomy_id:
                terms[key]["taxonomy_id"] = taxonomy_rows[taxonomy_id].pk
        term_fields = ["code", "name", "description", "language", "term_uri", "taxonomy_id"]
        for values in terms.values():
            values.setdefault("taxonomy_id", None)
        existing_terms = _existing(TaxonomyTerm, terms)
        for key, values in terms.items():
            if not term_taxonomies[key] and key in existing_terms:
                values["taxonomy_id"] = existing_terms[key].taxonomy_id  # keep what we had
        term_rows, _c = _upsert(TaxonomyTerm, existing_terms, terms, term_fields, counts, "taxonomy_term")
        term_rows.update(found_terms)
        parented = []
        for key, parent_id in term_parents.items():
            if parent_id and parent_id in term_rows and term_rows[key].parent_id != term_rows[parent_id].pk:
                term_rows[key].parent_id = term_rows[parent_id].pk
                parented.append(term_rows[key])
        TaxonomyTerm.objects.bulk_update(parented, ["parent"], batch_size=500)

        new_org_kind = Organisation.Kind.OTHER
        org_fields = ["name", "description", "email", "website", "phone"]
        existing_in_import = _existing(Organisation, organisations)
        for key, values in organisations.items():
            if key not in existing_in_import:
                values["kind"] = new_org_kind
        org_rows, _c = _upsert(
            Organisation, existing_in_import, organisations, org_fields, counts, "organization", touch="last_modified"
        )
        for values in organisations.values():
            values.pop("kind", None)
        org_rows.update({k: v for k, v in existing_orgs.items() if k not in org_rows})

        for key, values in locations.items():
            values["organisation_id"] = org_rows[location_orgs[key]].pk
        location_fields = [*next(iter(locations.values()), {}).keys()]
        location_rows, changed_locations = _upsert(
            Location,
            _existing(Location, locations),
            locations,
            location_fields,
            counts,
            "location",
            touch="last_modified",
        )
        location_rows.update(found_locations)

        for key, values in services.items():
            values["organisation_id"] = org_rows[service_orgs[key]].pk
        existing_services = _existing(Service, services)
        service_fields = sorted({name for values in services.values() for name in values})
        org_names = {row.pk: row.name for row in org_rows.values()}
        term_names = {row.pk: row.name for row in term_rows.values()}
        # A service that does not say its last change keeps the one it had, unless it changes.
        service_rows, changed_services = _upsert(
            Service,
            existing_services,
            services,
            service_fields,
            counts,
            "service",
            touch="last_modified",
            prepare=lambda key, row: setattr(
                row,
                "search_text",
                search_text_for(
                    row,
                    organisation_name=org_names.get(row.organisation_id, ""),
                    term_names=[term_names[term_rows[t].pk] for t in service_terms[key]],
                ),
            ),
        )
        service_rows.update(found_services)

        for key, values in sals.items():
            service_id, location_id = sal_refs[key]
            values["service_id"] = service_rows[service_id].pk
            values["location_id"] = location_rows[location_id].pk
        sal_rows, changed_sals = _upsert(
            ServiceAtLocation,
            _existing(ServiceAtLocation, sals),
            sals,
            ["description", "service_id", "location_id"],
            counts,
            "service_at_location",
            touch="last_modified",
        )

        touched = set()
        touched |= _replace_schedules("service", service_rows, service_schedules)
        touched_locations = _replace_schedules("location", location_rows, location_schedules)
        touched_sals = _replace_schedules("service_at_location", sal_rows, sal_schedules)
        touched |= _replace_links(
            Service.terms.through,
            "taxonomyterm_id",
            service_rows,
            {k: [term_rows[t].pk for t in ids] for k, ids in service_terms.items()},
        )
        touched |= _replace_links(Service.wijken.through, "wijk_id", service_rows, service_areas)
        _count_touched(counts, "service", touched, changed_services, service_rows)
        _count_touched(counts, "location", touched_locations, changed_locations, location_rows)
        _count_touched(counts, "service_at_location", touched_sals, changed_sals, sal_rows)

        # New services got their search text as they were made; changed ones are indexed again.
        reindex = [
            row.pk
            for key, row in service_rows.items()
            if key in existing_services and (row.hsds_id in changed_services or key in touched)
        ]
        if reindex:
            index_services(reindex)
    return ImportReport(counts, sorted(gathered.ignored), sorted(gathered.unmatched_areas), gathered.warnings)


def _count_touched(counts: Counts, kind: str, touched: set, changed: set, rows: dict):
    """A row whose own fields stayed the same but whose schedules, terms or areas changed
    counts as changed (once); its last change moves."""
    extra = [rows[k] for k in touched if rows[k].hsds_id not in changed and not getattr(rows[k], "_hsds_new", False)]
    if extra:
        now = timezone.now()
        for row in extra:
            row.last_modified = now
        type(extra[0]).objects.bulk_update(extra, ["last_modified"], batch_size=500)
    counts.changed[kind] += len(extra)


def _replace_schedules(owner: str, rows: dict, wanted: dict) -> set:
    """Make each owner's opening hours exactly the imported ones; returns the keys of
    owners whose hours changed (new owners excluded from the count by the caller)."""
    if not wanted:
        return set()
    pk_to_key = {rows[k].pk: k for k in wanted}
    current = defaultdict(set)
    owner_field = f"{owner}_id"
    for start in range(0, len(pk_to_key), 900):
        chunk = list(pk_to_key)[start : start + 900]
        for row in Schedule.objects.filter(**{f"{owner_field}__in": chunk}).values_list(
            owner_field, "hsds_id", "weekday", "opens_at", "closes_at", "description"
        ):
            current[pk_to_key[row[0]]].add((str(row[1]), *row[2:]))
    touched, remove, create = set(), [], []
    for key, schedules in wanted.items():
        want = {(s[0], s[1], s[2], s[3], s[4]) for s in schedules}
        if want != current.get(key, set()):
            touched.add(key)
            if current.get(key):
                remove.append(rows[key].pk)
            for hsds_id, weekday, opens_at, closes_at, description in want:
                create.append(
                    Schedule(
                        hsds_id=hsds_id,
                        weekday=weekday,
                        opens_at=opens_at,
                        closes_at=closes_at,
                        description=description,
                        **{owner_field: rows[key].pk},
                    )
                )
    for start in range(0, len(remove), 900):
        Schedule.objects.filter(**{f"{owner_field}__in": remove[start : start + 900]}).delete()
    # An id may move from one owner to another between imports.
    moving = [s.hsds_id for s in create]
    for start in range(0, len(moving), 900):
        chunk = moving[start : start + 900]
        taken = list(Schedule.objects.filter(hsds_id__in=chunk).values_list("pk", flat=True))
        if taken:
            Schedule.objects.filter(pk__in=taken).delete()
    Schedule.objects.bulk_create(create, batch_size=500)
    return touched


def _replace_links(through, target: str, rows: dict, wanted: dict) -> set:
    if not wanted:
        return set()
    pk_to_key = {rows[k].pk: k for k in wanted}
    current = defaultdict(set)
    ids = list(pk_to_key)
    for start in range(0, len(ids), 900):
        for service_id, target_id in through.objects.filter(service_id__in=ids[start : start + 900]).values_list(
            "service_id", target
        ):
            current[pk_to_key[service_id]].add(target_id)
    touched, remove, create = set(), [], []
    for key, targets in wanted.items():
        if set(targets) != current.get(key, set()):
            touched.add(key)
            if current.get(key):
                remove.append(rows[key].pk)
            create.extend(through(service_id=rows[key].pk, **{target: t}) for t in set(targets))
    for start in range(0, len(remove), 900):
        through.objects.filter(service_id__in=remove[start : start + 900]).delete()
    through.objects.bulk_create(create, batch_size=500)
    return touched


def gather_path(path) -> Gathered:
    """A JSON file, a folder of JSON files, or a tabular data package (a folder with CSV
    files or datapackage.json, or the path of datapackage.json itself)."""
    from . import hsds_tabular  # it imports this module

    path = Path(path)
    gathered = Gathered()
    if path.name == "datapackage.json":
        path = path.parent
    if path.is_dir():
        if (path / "datapackage.json").exists() or any(path.glob("*.csv")):
            hsds_tabular.gather_folder(gathered, path)
            return gathered
        files = sorted(path.glob("*.json"))
    else:
        files = [path]
    # Organizations and taxonomies first, so services can name them.
    order = {"organization": 0, "taxonomy": 1, "taxonomy_term": 2, "location": 3, "service": 4}
    for file in sorted(files, key=lambda f: (order.get(kind_of(f.name, {}), 5), f.name)):
        try:
            payload = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            gathered.problems.append(f"{file.name}, row 0, field -: not readable JSON ({error})")
            continue
        gather_json(gathered, file.name, payload)
    return gathered


def export_json(folder) -> dict:
    """Write services.json, organizations.json, taxonomies.json, taxonomy_terms.json (lists
    of HSDS objects) and the data package under folder/csv. Returns counts."""
    from . import hsds_tabular  # it imports this module

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    services = [service_dict(s) for s in services_for_export()]
    organizations = [organization_dict(o) for o in Organisation.objects.all()]
    taxonomies = [taxonomy_dict(t) for t in Taxonomy.objects.all()] + [access_taxonomy_dict()]
    terms = [
        taxonomy_term_dict(t, detail=False) for t in TaxonomyTerm.objects.select_related("taxonomy", "parent")
    ] + access_term_dicts()
    for name, items in (
        ("services", services),
        ("organizations", organizations),
        ("taxonomies", taxonomies),
        ("taxonomy_terms", terms),
    ):
        (folder / f"{name}.json").write_text(json.dumps(items, indent=1, ensure_ascii=False), encoding="utf-8")
    hsds_tabular.write_package(folder / "csv", services, organizations, taxonomies, terms)
    return {"services": len(services), "organizations": len(organizations), "taxonomy_terms": len(terms)}
