"""Routes of the social map on `/api/v1/hsds/` (the paths of HSDS 3.0's own openapi.json)."""

from django.urls import path

from ..views import socialmap as v

urlpatterns = [
    path("hsds", v.Root.as_view(), name="hsds_root"),
    path("hsds/services", v.Services.as_view(), name="hsds_services"),
    path("hsds/services/<str:service_hsds_id>", v.ServiceDetail.as_view(), name="hsds_service"),
    path("hsds/organizations", v.Organizations.as_view(), name="hsds_organizations"),
    path("hsds/organizations/<str:organization_hsds_id>", v.OrganizationDetail.as_view(), name="hsds_organization"),
    path("hsds/service_at_locations", v.ServiceAtLocations.as_view(), name="hsds_service_at_locations"),
    path(
        "hsds/service_at_locations/<str:service_at_location_hsds_id>",
        v.ServiceAtLocationDetail.as_view(),
        name="hsds_service_at_location",
    ),
    path("hsds/taxonomies", v.Taxonomies.as_view(), name="hsds_taxonomies"),
    path("hsds/taxonomies/<str:taxonomy_hsds_id>", v.TaxonomyDetail.as_view(), name="hsds_taxonomy"),
    path("hsds/taxonomy_terms", v.TaxonomyTerms.as_view(), name="hsds_taxonomy_terms"),
    path("hsds/taxonomy_terms/<str:taxonomy_term_hsds_id>", v.TaxonomyTermDetail.as_view(), name="hsds_taxonomy_term"),
]
