from django.conf import settings
from django.db import transaction
from django.http import Http404

from samenplan.lib.db import commit_durably

from . import context
from .models import AuditEntry
from .services import access_point, entry_append, entry_write

Action = AuditEntry.Action


class AuditMiddleware:
    """Writes one audit entry per request that touched personal data. A request that may
    change something (POST) runs in a transaction and its entry is written before that
    transaction commits: a change and its entry land together or not at all. A read (GET)
    appends its entry after the view. A refused access (404) is written after the
    rollback, as denied. Place it last, after CSRF."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.SAMENPLAN_AUDIT_ENABLED or request.path.startswith(settings.STATIC_URL):
            return None
        token = context.start(request)
        record = context.current()
        try:
            if request.method in SAFE_METHODS:
                # A read changes nothing, so it needs no transaction of its own; its entry
                # is appended (and committed) on its own afterwards.
                response = _render(view_func(request, *view_args, **view_kwargs))
                if response.status_code < 400 and (fields := entry_fields(record)) is not None:
                    entry_append(**fields)
                return response
            with transaction.atomic():
                commit_durably()
                response = _render(view_func(request, *view_args, **view_kwargs))
                if response.status_code < 400 and (fields := entry_fields(record)) is not None:
                    entry_write(**fields)
            return response
        except Http404:
            fields = denied_fields(record)
            if fields is not None:
                entry_append(**fields)
            raise
        finally:
            context.stop(token)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _render(response):
    if callable(getattr(response, "render", None)):
        response = response.render()
    return response


def _actor(request, access=None) -> dict:
    user = request.user
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


def _request_fields(request) -> dict:
    match = getattr(request, "resolver_match", None)
    return {
        "page": match.view_name if match else request.path[:100],
        "request_id": getattr(request, "request_id", ""),
        "access_point": access_point(request.META.get("REMOTE_ADDR", "")),
    }


def _parts(parts) -> str:
    return "," + ",".join(sorted(str(part) for part in parts)) + "," if parts else ""


def entry_fields(record: context.RequestRecord) -> dict | None:
    """The one entry for a request that went well, or None when it touched no personal data."""
    request = record.request
    default = Action.VIEW
    if record.accesses:
        access = record.accesses[0]
        plan_ids = sorted({a.plan.pk for a in record.accesses})
        parts = set().union(*(a.touched for a in record.accesses))
        return {
            **_actor(request, access),
            **_request_fields(request),
            "on_behalf_of_id": access.plan.owner_id if access.acts_on_behalf else None,
            "subject_id": access.plan.owner_id if len(plan_ids) == 1 else None,
            "plan_id": plan_ids[0] if len(plan_ids) == 1 else None,
            "plans": _parts(plan_ids),
            "parts": _parts(parts),
            "action": record.action or default,
            "reason": record.reason or (AuditEntry.EMERGENCY_READ if access.emergency_parts & parts else ""),
        }
    if record.plans:
        plan = record.plans[0]
        return {
            **_actor(request),
            **_request_fields(request),
            "on_behalf_of_id": None,
            "subject_id": plan.owner_id,
            "plan_id": plan.pk,
            "plans": _parts([plan.pk]),
            "parts": "",
            "action": record.action or default,
            "reason": record.reason,
        }
    if record.listed is not None:
        plan_ids, parts = record.listed
        if not plan_ids:
            return None
        return {
            **_actor(request),
            **_request_fields(request),
            "on_behalf_of_id": None,
            "subject_id": None,
            "plan_id": None,
            "plans": _parts(plan_ids),
            "parts": _parts(parts),
            "action": Action.LIST,
            "reason": "",
        }
    if record.subject is not None:
        return {
            **_actor(request),
            **_request_fields(request),
            "on_behalf_of_id": None,
            "subject_id": record.subject.pk,
            "plan_id": None,
            "plans": "",
            "parts": "",
            "action": record.action or default,
            "reason": "",
        }
    return None


def denied_fields(record: context.RequestRecord) -> dict | None:
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
    if plan_id is None:
        return None
    try:
        plan_id = int(plan_id)
    except (TypeError, ValueError):
        return None
    return {
        **_actor(request, access),
        **_request_fields(request),
        "on_behalf_of_id": None,
        "subject_id": plan.owner_id if plan is not None else None,
        "plan_id": plan_id,
        "plans": _parts([plan_id]),
        "parts": _parts(parts),
        "action": Action.UPDATE if request.method == "POST" else Action.VIEW,
        "outcome": AuditEntry.Outcome.DENIED,
        "reason": "",
    }
