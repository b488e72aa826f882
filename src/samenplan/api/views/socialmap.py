"""The social map on `/api/v1/hsds/`: the public Open Referral HSDS 3.0 endpoints of
`directory.api` (also at `/api/hsds/`), described in this API's contract. Public data, no
login; the bodies follow HSDS 3.0's own schemas (tests validate them against the standard)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from samenplan.directory import api as hsds

PAGING = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description=_("The page, from 1.")),
    OpenApiParameter(
        "per_page", {"type": "integer", "minimum": 1, "maximum": hsds.PER_PAGE_MAX}, description=_("Items per page.")
    ),
]
SEARCH = OpenApiParameter("search", str, description=_("Words to look for; parts of words and typos are found."))


def _uuid(name: str, what) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.UUID, description=what)


def _describe(view, operation_id: str, summary, *, parameters=(), detail_id: str | None = None):
    """A public HSDS view as it appears in the contract (the view itself is unchanged)."""
    parameters = list(parameters)
    if detail_id:
        parameters.append(OpenApiParameter(detail_id, OpenApiTypes.UUID, OpenApiParameter.PATH))
    described = type(
        view.__name__,
        (view,),
        {"__doc__": view.__doc__, "__module__": __name__},
    )
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            tags=["socialmap"],
            summary=summary,
            description=_("Open Referral HSDS 3.0; public, no login."),
            parameters=parameters,
            responses={200: OpenApiTypes.OBJECT},
            auth=[],
        )
    )(described)


Root = _describe(hsds.Root, "hsds_root", _("About this HSDS API"))
Services = _describe(
    hsds.Services,
    "hsds_services_list",
    _("Services"),
    parameters=[
        SEARCH,
        *PAGING,
        _uuid("taxonomy_term_id", _("Only services with this taxonomy term.")),
        _uuid("taxonomy_id", _("Only services with a term of this taxonomy.")),
        _uuid("organization_id", _("Only this organisation's services.")),
        OpenApiParameter(
            "modified_after",
            {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]},
            description=_("Only services changed since (ISO 8601)."),
        ),
    ],
)
ServiceDetail = _describe(hsds.ServiceDetail, "hsds_service", _("One service"), detail_id="service_hsds_id")
Organizations = _describe(
    hsds.Organizations, "hsds_organizations_list", _("Organisations"), parameters=[SEARCH, *PAGING]
)
OrganizationDetail = _describe(
    hsds.OrganizationDetail, "hsds_organization", _("One organisation"), detail_id="organization_hsds_id"
)
ServiceAtLocations = _describe(
    hsds.ServiceAtLocations, "hsds_service_at_locations_list", _("Services at locations"), parameters=[SEARCH, *PAGING]
)
ServiceAtLocationDetail = _describe(
    hsds.ServiceAtLocationDetail,
    "hsds_service_at_location",
    _("One service at a location"),
    detail_id="service_at_location_hsds_id",
)
Taxonomies = _describe(hsds.Taxonomies, "hsds_taxonomies_list", _("Taxonomies"), parameters=[SEARCH, *PAGING])
TaxonomyDetail = _describe(hsds.TaxonomyDetail, "hsds_taxonomy", _("One taxonomy"), detail_id="taxonomy_hsds_id")
TaxonomyTerms = _describe(
    hsds.TaxonomyTerms, "hsds_taxonomy_terms_list", _("Taxonomy terms"), parameters=[SEARCH, *PAGING]
)
TaxonomyTermDetail = _describe(
    hsds.TaxonomyTermDetail, "hsds_taxonomy_term", _("One taxonomy term"), detail_id="taxonomy_term_hsds_id"
)
