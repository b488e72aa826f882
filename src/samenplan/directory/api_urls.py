"""The read-only HSDS 3.0 API, mounted at `api/hsds/` (paths as in HSDS's openapi.json, no
trailing slash)."""

from django.urls import path

from . import api

app_name = "hsds"

urlpatterns = [
    path("", api.Root.as_view(), name="root"),
    path("services", api.Services.as_view(), name="services"),
    path("services/<str:service_hsds_id>", api.ServiceDetail.as_view(), name="service"),
    path("organizations", api.Organizations.as_view(), name="organizations"),
    path("organizations/<str:organization_hsds_id>", api.OrganizationDetail.as_view(), name="organization"),
    path("service_at_locations", api.ServiceAtLocations.as_view(), name="service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_hsds_id>",
        api.ServiceAtLocationDetail.as_view(),
        name="service_at_location",
    ),
    path("taxonomies", api.Taxonomies.as_view(), name="taxonomies"),
    path("taxonomies/<str:taxonomy_hsds_id>", api.TaxonomyDetail.as_view(), name="taxonomy"),
    path("taxonomy_terms", api.TaxonomyTerms.as_view(), name="taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_hsds_id>", api.TaxonomyTermDetail.as_view(), name="taxonomy_term"),
]
