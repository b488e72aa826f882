"""The read-only HSDS 3.0 API, mounted at `api/hsds/` (paths as in HSDS's openapi.json, no
trailing slash). `/api/v1/hsds/` mounts the same routes with its described views."""

from django.urls import path

from . import api

app_name = "hsds"

# (path, view class, route name): HSDS's own paths.
ROUTES = (
    ("", "Root", "root"),
    ("services", "Services", "services"),
    ("services/<str:service_hsds_id>", "ServiceDetail", "service"),
    ("organizations", "Organizations", "organizations"),
    ("organizations/<str:organization_hsds_id>", "OrganizationDetail", "organization"),
    ("service_at_locations", "ServiceAtLocations", "service_at_locations"),
    ("service_at_locations/<str:service_at_location_hsds_id>", "ServiceAtLocationDetail", "service_at_location"),
    ("taxonomies", "Taxonomies", "taxonomies"),
    ("taxonomies/<str:taxonomy_hsds_id>", "TaxonomyDetail", "taxonomy"),
    ("taxonomy_terms", "TaxonomyTerms", "taxonomy_terms"),
    ("taxonomy_terms/<str:taxonomy_term_hsds_id>", "TaxonomyTermDetail", "taxonomy_term"),
)


def hsds_patterns(views, *, prefix: str = "", name_prefix: str = "") -> list:
    """The HSDS routes on `views` (a module with the view classes named in ROUTES), under
    `prefix` (no trailing slash)."""
    return [
        path("/".join(filter(None, (prefix, route))), getattr(views, view).as_view(), name=name_prefix + name)
        for route, view, name in ROUTES
    ]


urlpatterns = hsds_patterns(api)
