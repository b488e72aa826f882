"""HSDS 3.0 as a tabular data package: CSV files plus `datapackage.json`.

Reading turns the rows back into the nested HSDS objects `hsds.gather_object` takes (each
nested object remembers its own file and CSV line, for messages). Writing flattens the
exported objects into one CSV per HSDS table, with the columns and the table schema taken
from the HSDS schemas (`settings.SAMENPLAN_HSDS_STANDARDS`, schema/*.json)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.conf import settings

from . import hsds

# HSDS table name -> default file name (the schemas' `path`).
TABLES = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "service_at_location.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "schedule": "schedules.csv",
    "service_area": "service_areas.csv",
    "language": "languages.csv",
    "accessibility": "accessibility.csv",
    "attribute": "attributes.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
}
# Tables of the standard we keep nothing of (named once in the report when they hold rows).
NOT_KEPT = (
    "contacts.csv",
    "cost_options.csv",
    "funding.csv",
    "metadata.csv",
    "meta_table_descriptions.csv",
    "organization_identifiers.csv",
    "programs.csv",
    "required_documents.csv",
)


def _paths(folder: Path) -> dict[str, str]:
    """Table -> file, from datapackage.json when it is a real one."""
    paths = dict(TABLES)
    descriptor = folder / "datapackage.json"
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return paths
    for resource in package.get("resources", []) if isinstance(package, dict) else []:
        if isinstance(resource, dict) and resource.get("name") in paths and isinstance(resource.get("path"), str):
            paths[resource["name"]] = resource["path"]
    return paths


def _rows(folder: Path, name: str) -> list[dict]:
    path = folder / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        out = []
        for row in reader:
            data = {k: (v if v != "" else None) for k, v in row.items() if k}
            data["_src"] = (name, reader.line_num)
            out.append(data)
        return out


def gather_folder(gathered: hsds.Gathered, folder: Path) -> None:
    paths = _paths(folder)
    table = {kind: _rows(folder, name) for kind, name in paths.items()}
    for name in NOT_KEPT:
        if _rows(folder, name):
            gathered.ignored.add(name)
    by = {kind: {row.get("id"): row for row in rows} for kind, rows in table.items()}

    def attach(kind: str, key: str, child: dict, owners: tuple[str, ...]):
        # The most specific owner only: a schedule of a service at a location is not also
        # the service's own.
        for owner in owners:
            parent = by[owner].get(child.get(f"{owner}_id") or child.get("link_id"))
            if parent is not None:
                parent.setdefault(key, []).append(child)
                return

    for row in table["address"]:
        attach("address", "addresses", row, ("location",))
    for row in table["accessibility"]:
        attach("accessibility", "accessibility", row, ("location",))
    for row in table["schedule"]:
        attach("schedule", "schedules", row, ("service_at_location", "service", "location"))
    for row in table["phone"]:
        for owner in ("service", "organization", "location"):
            parent = by[owner].get(row.get(f"{owner}_id"))
            if parent is not None:
                parent.setdefault("phones", []).append(row)
    for row in table["language"]:
        attach("language", "languages", row, ("service",))
    for row in table["service_area"]:
        attach("service_area", "service_areas", row, ("service",))
    for row in table["attribute"]:
        if row.get("link_id") in by["service"]:
            by["service"][row["link_id"]].setdefault("attributes", []).append(row)
    for kind in ("taxonomy", "taxonomy_term", "organization", "location", "service", "service_at_location"):
        for row in table[kind]:
            hsds.gather_object(gathered, kind, row, *row["_src"])


# Writing -------------------------------------------------------------------------------


def _schema(table: str) -> dict | None:
    path = Path(settings.SAMENPLAN_HSDS_STANDARDS) / "schema" / f"{table}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _table_fields(table: str, seen: list[str]) -> tuple[list[str], list[dict]]:
    """Columns and Table Schema fields of one table: the standard's, else what we wrote."""
    schema = _schema(table)
    if schema is None:
        return seen, [{"name": name, "type": "string"} for name in seen]
    required = {"id", *schema.get("tabular_required", [])}
    columns, fields = [], []
    for name, spec in schema["properties"].items():
        if spec.get("type") not in ("string", "number", "integer", "boolean") or "$ref" in spec:
            continue
        kind = {"number": "number", "integer": "integer", "boolean": "boolean"}.get(spec["type"], "string")
        entry = {"name": name, "type": kind}
        if kind == "string" and spec.get("format") in ("uuid", "email", "uri"):
            entry["format"] = spec["format"]
        constraints = {}
        if name in required:
            constraints["required"] = True
        if (spec.get("constraints") or {}).get("unique"):
            constraints["unique"] = True
        if "enum" in spec:
            constraints["enum"] = spec["enum"]
        if constraints:
            entry["constraints"] = constraints
        columns.append(name)
        fields.append(entry)
    return columns, fields


def write_package(
    folder: Path, services: list[dict], organizations: list[dict], taxonomies: list[dict], terms: list[dict]
):
    """Write the CSV files and datapackage.json of these exported objects."""
    rows: dict[str, dict[str, dict]] = {table: {} for table in TABLES}

    def put(table: str, item: dict, **extra):
        flat = {k: v for k, v in item.items() if not isinstance(v, list | dict)}
        flat.update(extra)
        rows[table].setdefault(flat["id"], flat)

    def put_location(location: dict):
        put("location", location)
        for address in location.get("addresses", []):
            put("address", address)
        for item in location.get("accessibility", []):
            put("accessibility", item)
        for schedule in location.get("schedules", []):
            put("schedule", schedule)

    for org in organizations:
        put("organization", org)
        for phone in org.get("phones", []):
            put("phone", phone)
    for service in services:
        put("service", service)
        for phone in service.get("phones", []):
            put("phone", phone)
        for schedule in service.get("schedules", []):
            put("schedule", schedule)
        for area in service.get("service_areas", []):
            put("service_area", area)
        for language in service.get("languages", []):
            put("language", language)
        for attribute in service.get("attributes", []):
            put("attribute", attribute)
        for sal in service.get("service_at_locations", []):
            put("service_at_location", sal)
            for schedule in sal.get("schedules", []):
                put("schedule", schedule)
            put_location(sal["location"])
    for taxonomy in taxonomies:
        put("taxonomy", taxonomy)
    for term in terms:
        put("taxonomy_term", term)

    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for table, name in TABLES.items():
        seen = list(dict.fromkeys(k for row in rows[table].values() for k in row))
        columns, fields = _table_fields(table, seen or ["id"])
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows[table].values():
                writer.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()})
        resources.append(
            {
                "name": table,
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            }
        )
    package = {
        "name": "samenplan-sociale-kaart",
        "title": "Samenplan sociale kaart (HSDS 3.0)",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")
