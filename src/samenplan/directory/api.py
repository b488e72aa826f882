"""The social map as a read-only Open Referral HSDS 3.0 API (`/api/hsds/`), for other
municipal systems and anyone who wants the public listings. Public data only: services,
organisations, locations and taxonomies; nothing about residents, staff or plans.

Lists answer with the HSDS `Page` envelope (`HsdsPagination`). Bad parameters and unknown ids
answer as RFC 9457 problem details (`application/problem+json`), in the request's language."""

from __future__ import annotations

import math
import uuid

from django.db.models import Prefetch
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.views import APIView

from samenplan.accounts.models import Organisation

from . import hsds
from .models import Location, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .search import normalise, text_search

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 500
PROBLEM = "application/problem+json"


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str = ""):
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail


def problem_response(problem: Problem) -> Response:
    data = {"type": "about:blank", "title": problem.title, "status": problem.status}
    if problem.detail:
        data["detail"] = problem.detail
    return Response(data, status=problem.status, content_type=PROBLEM)


def _bad_parameter(name: str, value: str) -> Problem:
    return Problem(
        400,
        _("The request has a parameter that is not right"),
        _("%(name)s cannot be %(value)s.") % {"name": name, "value": repr(value)[:60]},
    )


class HsdsPagination(BasePagination):
    """`page` (from 1) and `per_page` (default 50, at most 500), answered as an HSDS Page."""

    def paginate_queryset(self, queryset, request, view=None):
        self.page_number = _positive(request, "page", 1)
        self.per_page = _positive(request, "per_page", PER_PAGE_DEFAULT)
        if self.per_page > PER_PAGE_MAX:
            raise _bad_parameter("per_page", request.query_params["per_page"])
        self.total_items = queryset.count()
        start = (self.page_number - 1) * self.per_page
        return list(queryset[start : start + self.per_page]) if start < self.total_items else []

    def get_paginated_response(self, data):
        total_pages = max(1, math.ceil(self.total_items / self.per_page))
        return Response(
            {
                "total_items": self.total_items,
                "total_pages": total_pages,
                "page_number": self.page_number,
                "size": len(data),
                "first_page": self.page_number == 1,
                "last_page": self.page_number >= total_pages,
                "empty": not data,
                "contents": data,
            }
        )


def _positive(request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1:
        raise _bad_parameter(name, value)
    return int(value)


def _uuid_param(request, name: str) -> uuid.UUID | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise _bad_parameter(name, value) from None


def _modified_after(request):
    value = request.query_params.get("modified_after")
    if value is None:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = parse_datetime(f"{day.isoformat()}T00:00:00")
    except ValueError:
        moment = None
    if moment is None:
        raise _bad_parameter("modified_after", value)
    return make_aware(moment) if is_naive(moment) else moment


def _search(queryset, request):
    """The social map's own search (`directory.search.text_search`: parts of words, typos),
    best match first."""
    query = request.query_params.get("search", "")
    return text_search(queryset, query) if query.strip() else queryset


class HsdsView(APIView):
    """A public, read-only HSDS endpoint: no login, no session, JSON only."""

    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head", "options"]

    def handle_exception(self, exc):
        if isinstance(exc, Problem):
            return problem_response(exc)
        return super().handle_exception(exc)

    def not_found(self):
        return Problem(404, _("Not found"), _("There is nothing with this id."))

    def get_object(self, queryset, key):
        try:
            key = uuid.UUID(str(key))
        except ValueError:
            raise self.not_found() from None
        row = queryset.filter(hsds_id=key).first()
        if row is None:
            raise self.not_found()
        return row


class ListView(HsdsView):
    def page(self, request, queryset, to_dict):
        paginator = HsdsPagination()
        rows = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response([to_dict(row) for row in rows])


class Root(HsdsView):
    def get(self, request):
        return Response({"version": "3.0", "profile": hsds.PROFILE_URL, "openapi_url": hsds.OPENAPI_URL})


def _service_list_dict(service: Service) -> dict:
    d = hsds.service_dict(service, full=False)
    d["organization"] = hsds.organization_dict(service.organisation)
    return d


class Services(ListView):
    def get(self, request):
        queryset = Service.objects.select_related("organisation").order_by("name", "id")
        queryset = _search(queryset, request)
        if (term_id := _uuid_param(request, "taxonomy_term_id")) is not None:
            flag = hsds.FLAG_BY_TERM_ID.get(str(term_id))
            queryset = queryset.filter(**{flag: True}) if flag else queryset.filter(terms__hsds_id=term_id)
        taxonomy_id = _uuid_param(request, "taxonomy_id")
        if taxonomy_id is not None and str(taxonomy_id) != hsds.ACCESS_TAXONOMY["id"]:
            queryset = queryset.filter(terms__taxonomy__hsds_id=taxonomy_id).distinct()
        if (org_id := _uuid_param(request, "organization_id")) is not None:
            queryset = queryset.filter(organisation__hsds_id=org_id)
        if (moment := _modified_after(request)) is not None:
            queryset = queryset.filter(last_modified__gte=moment)
        return self.page(request, queryset, _service_list_dict)


class ServiceDetail(HsdsView):
    def get(self, request, service_hsds_id):
        return Response(hsds.service_dict(self.get_object(hsds.services_for_export(), service_hsds_id)))


class Organizations(ListView):
    def get(self, request):
        queryset = Organisation.objects.order_by("name", "id")
        words = normalise(request.query_params.get("search", "")).split()
        for word in words:
            queryset = queryset.filter(name__icontains=word)
        if (moment := _modified_after(request)) is not None:
            queryset = queryset.filter(last_modified__gte=moment)
        if (term_id := _uuid_param(request, "taxonomy_term_id")) is not None:
            queryset = queryset.filter(services__terms__hsds_id=term_id).distinct()
        return self.page(request, queryset, hsds.organization_dict)


class OrganizationDetail(HsdsView):
    def get(self, request, organization_hsds_id):
        queryset = Organisation.objects.prefetch_related(
            Prefetch("services", queryset=Service.objects.select_related("organisation").order_by("name", "id")),
            Prefetch(
                "locations", queryset=Location.objects.select_related("organisation").prefetch_related("schedules")
            ),
        )
        org = self.get_object(queryset, organization_hsds_id)
        d = hsds.organization_dict(org)
        d["services"] = [hsds.service_dict(s, full=False) for s in org.services.all()]
        d["locations"] = [hsds.location_dict(loc) for loc in org.locations.all()]
        return Response(d)


def _sal_queryset():
    return ServiceAtLocation.objects.select_related("service__organisation", "location__organisation").prefetch_related(
        "schedules", "location__schedules"
    )


def _sal_dict(sal: ServiceAtLocation) -> dict:
    d = hsds.service_at_location_dict(sal)
    d["service"] = _service_list_dict(sal.service)
    return d


class ServiceAtLocations(ListView):
    def get(self, request):
        queryset = _sal_queryset().order_by("service__name", "id")
        if request.query_params.get("search", "").strip():
            queryset = queryset.filter(service__in=_search(Service.objects.all(), request).values("pk"))
        if (term_id := _uuid_param(request, "taxonomy_term_id")) is not None:
            flag = hsds.FLAG_BY_TERM_ID.get(str(term_id))
            if flag:
                queryset = queryset.filter(**{f"service__{flag}": True})
            else:
                queryset = queryset.filter(service__terms__hsds_id=term_id)
        if (org_id := _uuid_param(request, "organization_id")) is not None:
            queryset = queryset.filter(service__organisation__hsds_id=org_id)
        if (moment := _modified_after(request)) is not None:
            queryset = queryset.filter(last_modified__gte=moment)
        return self.page(request, queryset, _sal_dict)


class ServiceAtLocationDetail(HsdsView):
    def get(self, request, service_at_location_hsds_id):
        return Response(_sal_dict(self.get_object(_sal_queryset(), service_at_location_hsds_id)))


class Taxonomies(ListView):
    def get(self, request):
        queryset = Taxonomy.objects.order_by("name", "id")
        words = normalise(request.query_params.get("search", "")).split()
        for word in words:
            queryset = queryset.filter(name__icontains=word)
        return self.page(request, queryset, hsds.taxonomy_dict)


class TaxonomyDetail(HsdsView):
    def get(self, request, taxonomy_hsds_id):
        return Response(hsds.taxonomy_dict(self.get_object(Taxonomy.objects.all(), taxonomy_hsds_id)))


class TaxonomyTerms(ListView):
    def get(self, request):
        queryset = TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("taxonomy__name", "code", "id")
        words = normalise(request.query_params.get("search", "")).split()
        for word in words:
            queryset = queryset.filter(name__icontains=word)
        if (taxonomy_id := _uuid_param(request, "taxonomy_id")) is not None:
            queryset = queryset.filter(taxonomy__hsds_id=taxonomy_id)
        return self.page(request, queryset, hsds.taxonomy_term_dict)


class TaxonomyTermDetail(HsdsView):
    def get(self, request, taxonomy_term_hsds_id):
        queryset = TaxonomyTerm.objects.select_related("taxonomy", "parent")
        return Response(hsds.taxonomy_term_dict(self.get_object(queryset, taxonomy_term_hsds_id)))
