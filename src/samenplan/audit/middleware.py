from django.conf import settings
from django.db import transaction
from django.http import Http404

from samenplan.lib.db import commit_durably

from . import context
from .entries import denied_fields, entry_fields
from .services import entry_append, entry_write


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
                return _answered_not_found(response, record)
            with transaction.atomic():
                commit_durably()
                response = _render(view_func(request, *view_args, **view_kwargs))
                if response.status_code < 400 and (fields := entry_fields(record)) is not None:
                    entry_write(**fields)
            return _answered_not_found(response, record)
        except Http404:
            fields = denied_fields(record)
            if fields is not None:
                entry_append(**fields)
            raise
        finally:
            context.stop(token)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _answered_not_found(response, record):
    """The API answers a refusal itself (a problem+json 404) instead of raising `Http404`:
    it is written as denied all the same, after the request's transaction rolled back."""
    if response.status_code == 404 and (fields := denied_fields(record)) is not None:
        entry_append(**fields)
    return response


def _render(response):
    if callable(getattr(response, "render", None)):
        response = response.render()
    return response
