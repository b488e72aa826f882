"""Every error of the API as RFC 9457 problem details (`application/problem+json`), as the
NL API Design Rules ask: `type`, `title`, `status`, `detail`, `instance`, and for bad input
`invalidParams` naming each field and what is wrong with it, in the request's language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

PROBLEM = "application/problem+json"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not right"),
        401: _("Log in first"),
        403: _("This is not allowed"),
        404: _("Not found"),
        405: _("This method is not allowed here"),
        406: _("This format cannot be given"),
        409: _("This conflicts with what is already there"),
        413: _("The request is too large"),
        415: _("This format cannot be read"),
        422: _("The request cannot be carried out"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
    }


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested validation errors to the ADR's `invalidParams` list."""
    params: list[dict] = []
    if isinstance(detail, dict):
        for name, value in detail.items():
            field = f"{prefix}.{name}" if prefix else str(name)
            if field == "non_field_errors":
                field = prefix or "body"
            params += _invalid_params(value, field)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params += _invalid_params(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                params += _invalid_params(value, prefix)
    else:
        params.append({"name": prefix or "body", "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return params


def problem_data(status_code: int, *, detail: str = "", instance: str = "", invalid_params=None) -> dict:
    data = {
        "type": "about:blank",
        "title": _titles().get(status_code, _("The request could not be carried out")),
        "status": status_code,
    }
    if detail:
        data["detail"] = detail
    if instance:
        data["instance"] = instance
    if invalid_params:
        data["invalidParams"] = invalid_params
    return data


def exception_handler(exc, context):
    """DRF's exception handler, answering in problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    request = context.get("request")
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    invalid = None
    if isinstance(exc, exceptions.ValidationError):
        invalid = _invalid_params(exc.detail)
        detail = _("Some values are not right; see invalidParams.")
    elif isinstance(exc.detail, dict | list):
        detail = " ".join(str(p["reason"]) for p in _invalid_params(exc.detail))
    else:
        detail = str(exc.detail)
    data = problem_data(
        exc.status_code, detail=detail, instance=request.path if request else "", invalid_params=invalid
    )
    set_rollback()
    return Response(data, status=exc.status_code, headers=headers, content_type=PROBLEM)


@csrf_exempt
def not_found(request, *args, **kwargs):
    """An address under the API that does not exist."""
    return JsonResponse(
        problem_data(404, detail=_("There is nothing at this address."), instance=request.path),
        status=404,
        content_type=PROBLEM,
    )
