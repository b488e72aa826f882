"""Reads of the public social map. Nothing here is personal: no audit entries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Window
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language

from samenplan.accounts.models import Organisation, Wijk

from .languages import language_name
from .models import STALE_AFTER_DAYS, Location, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from .search import LISTED, query_words, service_search

PER_PAGE = 20
# A result shows the start of what they do.
SUMMARY_WORDS = 28
SHOWN_PLACES = 2


@dataclass
class Choice:
    pk: int
    label: str


def life_domain_terms() -> list[Choice]:
    """The life-domain topics, in the domains' order, with the wording for residents."""
    english = (get_language() or "nl").startswith("en")
    rows = (
        TaxonomyTerm.objects.filter(life_domain__isnull=False)
        .order_by("life_domain__order", "life_domain__id")
        .values_list("pk", "life_domain__resident_name", "life_domain__resident_name_en")
    )
    return [Choice(pk, (name_en if english and name_en else name)) for pk, name, name_en in rows]


def wijk_list() -> list[Choice]:
    return [Choice(pk, name) for pk, name in Wijk.objects.order_by("name").values_list("pk", "name")]


# What a result shows; read as plain values (no model instances): this page is the most
# visited of the social map and lists twenty at a time.
RESULT_FIELDS = [
    "id",
    "name",
    "description",
    "organisation__name",
    "walk_in",
    "by_phone",
    "self_referral",
    "via_professional",
    "free",
    "status",
    "assured_date",
]


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _rows(services, number: int, *, ranked: bool) -> tuple[list[dict], int]:
    """One page of rows and the number of all. Ranked results are all read to be sorted
    anyway, so a window count comes with the page in one query; by name, the page is read
    in index order and counted apart (a window would read every row)."""
    start = (number - 1) * PER_PAGE
    if not ranked:
        rows = list(services[start : start + PER_PAGE])
        if number == 1 and len(rows) < PER_PAGE:
            return rows, len(rows)
        return rows, (services.count() if rows or number > 1 else 0)
    rows = list(services.annotate(total=Window(Count("id")))[start : start + PER_PAGE])
    return rows, (rows[0]["total"] if rows else 0)


def search_page(*, query: str = "", filters: dict, page_number=None) -> Page:
    """One page of search results (PER_PAGE services, as dicts with where they are). Its
    queries do not grow with the number of results: the page with its count, then the
    places. Words are looked for as typed; only when that finds nothing, by look-alikes."""
    number = _page_number(page_number)
    ranked = bool(query_words(query))
    services = service_search(query, typos=False, **filters).values(*RESULT_FIELDS)
    rows, total = _rows(services, number, ranked=ranked)
    if not rows and number > 1:
        total = services.count()
    if not total and ranked:
        services = service_search(query, **filters).values(*RESULT_FIELDS)
        rows, total = _rows(services, number, ranked=ranked)
        if not rows and number > 1:
            total = services.count()
    paginator = Paginator((), PER_PAGE)
    paginator.count = total
    if total and not rows:
        # Past the last page: show the last.
        number = paginator.num_pages
        rows, total = _rows(services, number, ranked=ranked)
    places: dict[int, list[str]] = {}
    links = (
        ServiceAtLocation.objects.filter(service_id__in=[row["id"] for row in rows])
        .order_by("location__name", "pk")
        .values_list("service_id", "location__name", "location__wijk__name")
    )
    for service_id, name, wijk in links:
        places.setdefault(service_id, []).append(f"{name} ({wijk})" if wijk else name)
    stale_before = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
    for row in rows:
        row["summary"] = Truncator(row["description"]).words(SUMMARY_WORDS)
        # The first two places by name and wijk, then how many more.
        row["places"] = places.get(row["id"], [])[:SHOWN_PLACES]
        row["more_places"] = max(0, len(places.get(row["id"], [])) - SHOWN_PLACES)
        row["is_stale"] = row["assured_date"] is None or row["assured_date"] < stale_before
    return Page(rows, number, paginator)


def service_choices(query: str = "", *, limit: int = 20) -> list[Service]:
    """Services a professional can pick (for a referral): those taking referrals through
    Samenplan, matching `query`, best first, with their organisation."""
    services = service_search(query).filter(accepts_referrals=True, status=Service.Status.ACTIVE)
    return list(services.select_related("organisation")[:limit])


@dataclass
class Place:
    """A location of a service, with the opening hours that hold there."""

    location: Location
    hours: list[Schedule] = field(default_factory=list)
    note: str = ""


def _hours_by(schedules, attribute) -> dict[int, list[Schedule]]:
    grouped: dict[int, list[Schedule]] = {}
    for schedule in schedules:
        key = getattr(schedule, attribute)
        if key is not None:
            grouped.setdefault(key, []).append(schedule)
    return grouped


def service_detail(*, service_id: int) -> Service:
    """A service with everything its public page shows. A stopped service is gone (404);
    one not offered at the moment still has its page, which says so."""
    service = (
        Service.objects.exclude(status=Service.Status.DEFUNCT)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("life_domain")),
            Prefetch("wijken", queryset=Wijk.objects.order_by("name")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location__wijk").order_by("location__name", "pk"),
            ),
        )
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404
    links = list(service.service_at_locations.all())
    location_ids = [link.location_id for link in links]
    schedules = list(
        Schedule.objects.filter(service=service)
        | Schedule.objects.filter(location_id__in=location_ids, service__isnull=True, service_at_location__isnull=True)
        | Schedule.objects.filter(service_at_location__in=links)
    )
    at_link = _hours_by(schedules, "service_at_location_id")
    at_location = _hours_by(
        [s for s in schedules if s.service_id is None and s.service_at_location_id is None], "location_id"
    )
    # The hours of the service where it is offered, else the hours of the place itself.
    service.place_list = [
        Place(
            location=link.location,
            hours=at_link.get(link.pk) or at_location.get(link.location_id, []),
            note=link.description,
        )
        for link in links
    ]
    service.hours = [s for s in schedules if s.service_id == service.pk and s.service_at_location_id is None]
    service.topics = [term.life_domain.label if term.life_domain else term.name for term in service.terms.all()]
    service.language_names = [language_name(code) for code in service.languages or []]
    return service


def organisation_detail(*, organisation_id: int):
    """An organisation on the social map with its listed services and its places; 404 when
    it lists no service."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    services = list(Service.objects.filter(organisation=organisation, status__in=LISTED).order_by("name", "pk"))
    if not services:
        raise Http404
    locations = list(Location.objects.filter(organisation=organisation).select_related("wijk").order_by("name", "pk"))
    return organisation, services, locations


def wijk_teams(*, wijk_id: int | None = None, limit: int = 6) -> list[Organisation]:
    """The social teams to call when the map has nothing that fits (those with a phone
    number): those of the wijk when one is chosen, else all."""
    teams = Organisation.objects.filter(kind=Organisation.Kind.SOCIAL_TEAM).exclude(phone="")
    if wijk_id:
        teams = teams.filter(wijken__id=wijk_id)
    return list(teams.order_by("name")[:limit])
