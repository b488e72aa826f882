"""Reading the download back: which rows of which table it lists."""

from django.apps import apps
from django.db import models

from samenplan.accounts.models import User
from samenplan.plans.models import Plan


def listed_rows(data: dict) -> set[tuple[str, int]]:
    """(model label, id) of every row the download lists, wherever it sits."""
    rows = set()
    for plan in data["plans"]:
        rows.add(("plans.plan", plan["id"]))
        for label, items in plan["rows"].items():
            rows.update((label, item["id"]) for item in items)
    for label, items in data["yours"].items():
        rows.update((label, item["id"]) for item in items)
    rows.update((item["model"], item["id"]) for item in data["elsewhere"])
    return rows


def paths_to_plan(model, depth: int = 3, prefix: str = "") -> list[str]:
    """Every chain of foreign keys from `model` to Plan (found here on its own, not taken
    from the registry under test)."""
    if model is Plan:
        return [prefix[:-2] if prefix else "pk"]
    if depth == 0:
        return []
    paths = []
    for f in model._meta.concrete_fields:
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None:
            if f.related_model is Plan:
                paths.append(prefix + f.name)
            elif f.related_model is not User and f.related_model is not model:
                paths.extend(paths_to_plan(f.related_model, depth - 1, prefix + f.name + "__"))
    return paths


def points_at_person(model) -> bool:
    return any(f.is_relation and f.concrete and f.related_model is User for f in model._meta.get_fields())


def models_about_people() -> list[type[models.Model]]:
    """Every installed model with a key to an account, or a chain of keys to a plan."""
    return [m for m in apps.get_models() if points_at_person(m) or paths_to_plan(m)]
