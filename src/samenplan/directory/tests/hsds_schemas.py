"""The HSDS 3.0 schemas, loaded from the standards folder (never copied into the code)."""

import functools
import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def standards() -> Path:
    return Path(settings.SAMENPLAN_HSDS_STANDARDS)


@functools.cache
def _registry() -> Registry:
    resources = []
    for path in (standards() / "schema").glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str):
    """A validator of schema/compiled/<name> if there is one, else schema/<name> with its
    `$ref`s resolved from the folder. The draft is the one the schema declares (2020-12 if
    none)."""
    compiled = standards() / "schema" / "compiled" / name
    path = compiled if compiled.exists() else standards() / "schema" / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema, registry=_registry(), format_checker=cls.FORMAT_CHECKER)


def errors(name: str, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator(name).iter_errors(instance)]


@functools.cache
def page_properties() -> set[str]:
    openapi = json.loads((standards() / "schema" / "openapi.json").read_text(encoding="utf-8"))
    return set(openapi["components"]["schemas"]["Page"]["properties"]) | {"contents"}
