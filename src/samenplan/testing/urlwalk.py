"""Every URL of the app, read from the URL configuration (not a hand-written list), and
a way to fill in its parameters. Tests walk these to prove the access rules hold on every
page, including pages added later."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


# Pages that only take a POST (a button on another page); their GET answers 405 or 404.
# Plan routes only the coordinator opens (the resident agrees to what they start there).
COORDINATOR_ONLY = ("overleg/nieuw/",)
POST_ONLY = ("confirm/", "resend/", "cancel/", "coordinator/", "end/", "reopen/", "status/", "letter/", "antwoord/")

# Fewer plan routes than this means the walk lost its way (a changed URL configuration),
# not that the app has no pages: a walk over nothing would prove nothing.
MIN_PLAN_ROUTES = 20


def app_routes() -> list[str]:
    """Every route except the admin site, e.g. 'plans/<int:plan_id>/goals/'."""
    routes = sorted(set(_walk(get_resolver().url_patterns)))
    if not routes:
        raise AssertionError("The URL walk found no routes at all.")
    return routes


def plan_routes() -> list[str]:
    routes = [route for route in app_routes() if "<int:plan_id>" in route]
    if len(routes) < MIN_PLAN_ROUTES:
        raise AssertionError(f"The URL walk found only {len(routes)} plan routes; it should find every plan page.")
    return routes


def parameters(route: str) -> list[str]:
    return PARAMETER.findall(route)


def fill(route: str, values: dict[str, object]) -> str | None:
    """The URL with each parameter filled in, or None when a value is missing."""
    missing = [name for name in parameters(route) if values.get(name) is None]
    if missing:
        return None
    return "/" + PARAMETER.sub(lambda match: str(values[match.group(1)]), route)


# The API's plan endpoints (`/api/v1/plans...`) name their parameters in camelCase, as the
# NL API Design Rules ask (`planId`); the walk fills them from the pages' values (`plan_id`).
API_PLAN_PREFIX = "api/v1/plans"
CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _reads(route: str) -> bool:
    """Whether the endpoint answers a GET (a button's endpoint takes only a POST)."""
    view = getattr(resolve(PARAMETER.sub("1", "/" + route)).func, "view_class", None)
    return view is None or hasattr(view, "get")


def api_plan_routes() -> list[str]:
    """The API's plan endpoints that read (GET), e.g. 'api/v1/plans/<int:planId>/agreements'."""
    routes = [route for route in app_routes() if route.startswith(API_PLAN_PREFIX) and _reads(route)]
    if not routes:
        raise AssertionError("The URL walk found no plan endpoints of the API.")
    return routes


def api_parameters(route: str) -> dict[str, str]:
    """Each parameter of an API route with the name the pages give it: planId -> plan_id."""
    return {name: CAMEL.sub("_", name).lower() for name in parameters(route)}
