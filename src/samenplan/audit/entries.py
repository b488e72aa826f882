"""The fields of the one audit entry a request (or a scheduled task) leaves, built from
what the policy and the services noted while it ran (`context.RequestRecord`)."""

from __future__ import annotations

from samenplan.lib.network import client_address

from .context import RequestRecord
from .models import AuditEntry
from .services import access_point

Action = AuditEntry.Action

# Who acts when no person does: a scheduled command such as `send_reminders`.
SYSTEM_ACTOR = {"actor_id": None, "actor_name": "Samenplan", "actor_role": "system", "actor_organisation": ""}


def _actor(record: RequestRecord, access=None) -> dict:
    if record.request is None:
        return dict(SYSTEM_ACTOR)
    user = record.request.user
    if getattr(user, "is_api_client", False):
        # A partner organisation's system (OAuth2 client credentials): named, never a person.
        return {
            "actor_id": None,
            "actor_name": user.display_name[:150],
            "actor_role": "api_client",
            "actor_organisation": user.organisation_name[:150],
        }
    if not user.is_authenticated:
        return {"actor_id": None, "actor_name": "", "actor_role": "anonymous", "actor_organisation": ""}
    if access is not None and access.is_owner:
        role = "owner"
    elif access is not None and access.membership is not None:
        role = access.membership.role
    else:
        role = user.role
    organisation = user.organisation.name if user.organisation_id else ""
    return {
        "actor_id": user.pk,
        "actor_name": user.display_name,
        "actor_role": role,
        "actor_organisation": organisation,
    }


def _where(record: RequestRecord) -> dict:
    request = record.request
    if request is None:
        return {"page": record.page, "request_id": "", "client_request_id": None, "access_point": ""}
    match = getattr(request, "resolver_match", None)
    return {
        "page": match.view_name if match else request.path[:100],
        "request_id": getattr(request, "request_id", ""),
        "client_request_id": getattr(request, "client_request_id", "") or None,
        "access_point": access_point(client_address(request)),
    }


def _ids(values) -> str:
    return "," + ",".join(sorted(str(value) for value in values)) + "," if values else ""


def entry_fields(record: RequestRecord) -> dict | None:
    """The one entry for a request that went well, or None when it touched no personal data."""
    fields = _plan_entry_fields(record)
    if not record.records:
        return fields
    if fields is None:
        # Only personal data outside any plan: a question at a hub, an early signal.
        fields = {
            **_actor(record),
            **_where(record),
            "on_behalf_of_id": None,
            "subject_id": record.subject.pk if record.subject is not None else None,
            "plan_id": None,
            "plans": "",
            "parts": "",
            "action": record.action or Action.VIEW,
            "reason": record.reason,
        }
    return {**fields, "records": _ids(record.records)}


def _plan_entry_fields(record: RequestRecord) -> dict | None:
    default = Action.VIEW
    if record.accesses:
        access = record.accesses[0]
        plan_ids = sorted({a.plan.pk for a in record.accesses})
        parts = set().union(*(a.touched for a in record.accesses))
        return {
            **_actor(record, access),
            **_where(record),
            "on_behalf_of_id": access.plan.owner_id if access.acts_on_behalf else None,
            "subject_id": access.plan.owner_id if len(plan_ids) == 1 else None,
            "plan_id": plan_ids[0] if len(plan_ids) == 1 else None,
            "plans": _ids(plan_ids),
            "parts": _ids(parts),
            "action": record.action or default,
            "reason": record.reason or (AuditEntry.EMERGENCY_READ if access.emergency_parts & parts else ""),
        }
    if record.plans:
        plan = record.plans[0]
        return {
            **_actor(record),
            **_where(record),
            "on_behalf_of_id": None,
            "subject_id": plan.owner_id,
            "plan_id": plan.pk,
            "plans": _ids([plan.pk]),
            "parts": "",
            "action": record.action or default,
            "reason": record.reason,
        }
    if record.listed is not None:
        plan_ids, parts = record.listed
        if not plan_ids:
            return None
        return {
            **_actor(record),
            **_where(record),
            "on_behalf_of_id": None,
            "subject_id": None,
            "plan_id": None,
            "plans": _ids(plan_ids),
            "parts": _ids(parts),
            "action": record.action or Action.LIST,
            "reason": record.reason,
        }
    if record.subject is not None or record.admin_changes:
        return {
            **_actor(record),
            **_where(record),
            "on_behalf_of_id": None,
            "subject_id": record.subject.pk if record.subject is not None else None,
            "plan_id": None,
            "plans": "",
            "parts": "",
            "action": record.action or default,
            "reason": "; ".join(record.admin_changes) or record.reason,
        }
    return None


def denied_fields(record: RequestRecord) -> dict | None:
    """The entry for a request that ended in a 404 after asking for plan data."""
    request = record.request
    denied = record.denied or {}
    plan = denied.get("plan")
    plan_id = denied.get("plan_id")
    parts = set(denied.get("parts", set()))
    access = record.accesses[0] if record.accesses else None
    if access is not None:
        plan, plan_id = access.plan, access.plan.pk
        parts |= access.touched
    if plan is None and denied.get("records"):
        # A question or signal refused (or missing): the ids asked for, outside every plan.
        return {
            **_actor(record, access),
            **_where(record),
            "on_behalf_of_id": None,
            "action": Action.UPDATE if request is not None and request.method == "POST" else Action.VIEW,
            "outcome": AuditEntry.Outcome.DENIED,
            "subject_id": None,
            "plan_id": None,
            "plans": "",
            "parts": "",
            "records": _ids(denied["records"]),
            "reason": "",
        }
    if plan is None and denied.get("missing") is None:
        return None
    common = {
        **_actor(record, access),
        **_where(record),
        "on_behalf_of_id": None,
        "action": Action.UPDATE if request is not None and request.method == "POST" else Action.VIEW,
        "outcome": AuditEntry.Outcome.DENIED,
    }
    if plan is None:
        # A plan id that does not exist (yet): kept apart from every plan, so it never shows
        # in the log of a plan that gets this id later.
        return {
            **common,
            "subject_id": None,
            "plan_id": None,
            "plans": "",
            "parts": _ids(parts),
            "reason": f"no such plan: {denied['missing']}"[:200],
        }
    fields = {
        **common,
        "subject_id": plan.owner_id,
        "plan_id": plan_id,
        "plans": _ids([plan_id]),
        "parts": _ids(parts),
        "reason": "",
    }
    if denied.get("records"):
        # A conference or consult of this plan that was refused: which one, with the plan.
        fields["records"] = _ids(denied["records"])
    return fields
