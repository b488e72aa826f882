"""drf-spectacular hooks for the committed contract (`openapi.yaml`): only `/api/v1/`, every
operation documents its problem answers, and every answer its `API-Version` header."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_STATUSES = {
    "400": "The request is not right (see invalidParams).",
    "401": "No valid session or access token.",
    "403": "Not allowed for this caller.",
    "404": "Not found, or not yours to see (the two look the same).",
    "406": "Only JSON can be given.",
    "413": "The request body is too large.",
    "415": "Only JSON can be read.",
    "429": "Too many requests; try again later.",
}
WRITE_STATUSES = {"409": "Conflicts with what is already there (e.g. a reused idempotency key)."}


def only_version_one(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def _problem_schemas() -> dict:
    return {
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details.",
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "invalidParams": {"type": "array", "items": {"$ref": "#/components/schemas/InvalidParam"}},
            },
            "required": ["type", "title", "status"],
        },
        "InvalidParam": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
            "required": ["name", "code", "reason"],
        },
    }


def problems_and_version(result, generator, request, public):
    version_header = {"API-Version": {"description": "The full version of this API.", "schema": {"type": "string"}}}
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    # Input is strict (`base.StrictSerializer`): a field the API does not know is an error.
    for name, component in schemas.items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    schemas.update(_problem_schemas())
    result["components"].setdefault("headers", {})
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            statuses = dict(PROBLEM_STATUSES)
            if method in ("post", "put", "patch", "delete"):
                statuses.update(WRITE_STATUSES)
            for code, description in statuses.items():
                responses.setdefault(code, {"description": description, "content": problem})
            for response in responses.values():
                response.setdefault("headers", {}).update(version_header)
    result["info"]["version"] = settings.SAMENPLAN_API_VERSION
    return result


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    target_class = "samenplan.api.authentication.ClientCredentials"
    name = "partnerSystem"

    def get_security_requirement(self, auto_schema):
        # The scope a view needs (`required_scopes`), so the contract names it per operation.
        return {self.name: list(getattr(auto_schema.view, "required_scopes", []))}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "A partner organisation's system: OAuth2 client credentials (docs/exchange.md).",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token",
                    "scopes": dict(settings.OAUTH2_PROVIDER["SCOPES"]),
                }
            },
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "samenplan.api.authentication.Session"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "A person logged in to Samenplan (the app's own pages); changes need the CSRF token.",
        }
