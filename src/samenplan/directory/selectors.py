"""Reads of the public social map. Nothing here is personal: no audit entries."""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Window
from django.http import Http404
from django.utils.translation import get_language

from samenplan.accounts.models import Organisation, Wijk

from .languages import language_name
from .models import Location, Schedule, Service, ServiceAtLocation, TaxonomyTerm, stale_before
from .search import LISTED, query_words, service_search

PER_PAGE = 20
# A result shows the start of what they do.
SUMMARY_WORDS = 28
SHOWN_PLACES = 2


@dataclass
class Choice:
    pk: int
    label: str


# The filters' choices change seldom (a life domain or a wijk added in the admin) and every
# search needs them: they are kept this long.
CHOICES_SECONDS = 300


def life_domain_terms() -> list[Choice]:
    """The life-domain topics, in the domains' order, with the wording for residents."""
    english = (get_language() or "nl").startswith("en")

    def read():
        rows = (
            TaxonomyTerm.objects.filter(life_domain__isnull=False)
            .order_by("life_domain__order", "life_domain__id")
            .values_list("pk", "life_domain__resident_name", "life_domain__resident_name_en")
        )
        return [Choice(pk, (name_en if english and name_en else name)) for pk, name, name_en in rows]

    return cache.get_or_set(f"directory:life-domains:{'en' if english else 'nl'}", read, CHOICES_SECONDS)


def wijk_list() -> list[Choice]:
    """The wijken of the installation's municipality: the social map is public, so it
    offers the wijken of the municipality it serves."""

    def read():
        return [Choice(pk, name) for pk, name in Wijk.objects.public().order_by("name").values_list("pk", "name")]

    return cache.get_or_set("directory:wijken", read, CHOICES_SECONDS)


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


# The page of a search for words as typed, the most common search, read in one statement
# of our own around the ORM's filter: the ORM's window count and ranking cost more to build
# than the query takes to run. The same SQL on SQLite and PostgreSQL.
_RANKED_PAGE = (
    "SELECT s.id, s.name, s.description, o.name, s.walk_in, s.by_phone, s.self_referral, "
    "s.via_professional, s.free, s.status, s.assured_date, COUNT(*) OVER () "
    "FROM directory_service s JOIN accounts_organisation o ON o.id = s.organisation_id "
    "WHERE s.id IN ({matches}) ORDER BY ({rank}) DESC, s.name, s.id LIMIT %s OFFSET %s"
)


# Where the services of a page are offered, by place name.
_PLACES = (
    "SELECT sl.service_id, l.name, w.name FROM directory_serviceatlocation sl "
    "JOIN directory_location l ON l.id = sl.location_id LEFT JOIN accounts_wijk w ON w.id = l.wijk_id "
    "WHERE sl.service_id IN ({marks}) ORDER BY l.name, sl.id"
)


def _ranked_rows(query: str, filters: dict, number: int) -> tuple[list[dict], int]:
    """One page of services matching the words as typed, a word in the name first."""
    words = query_words(query)
    matches, params = (
        service_search(query, typos=False, ordered=False, **filters).order_by().values("id").query.sql_with_params()
    )
    rank = " + ".join(["CASE WHEN lower(s.name) LIKE %s THEN 2 ELSE 0 END"] * len(words))
    sql = _RANKED_PAGE.format(matches=matches, rank=rank)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(f"%{word}%" for word in words), PER_PAGE, (number - 1) * PER_PAGE])
        found = cursor.fetchall()
    rows = []
    for row in found:
        rows.append(dict(zip(RESULT_FIELDS, row[:-1], strict=True)))
        if isinstance(rows[-1]["assured_date"], str):  # SQLite hands dates back as text
            rows[-1]["assured_date"] = date.fromisoformat(rows[-1]["assured_date"])
    return rows, (found[0][-1] if found else 0)


def search_page(*, query: str = "", filters: dict, page_number=None) -> Page:
    """One page of search results (PER_PAGE services, as dicts with where they are). Its
    queries do not grow with the number of results: the page with its count, then the
    places. Words are looked for as typed; only when that finds nothing, by look-alikes."""
    number = _page_number(page_number)
    ranked = bool(query_words(query))

    def fetch(number: int, typos: bool) -> tuple[list[dict], int]:
        if ranked and not typos:
            return _ranked_rows(query, filters, number)
        services = service_search(query, typos=typos, **filters).values(*RESULT_FIELDS)
        return _rows(services, number, ranked=ranked)

    typos = False
    rows, total = fetch(number, typos)
    if not rows and number > 1:
        total = service_search(query, typos=typos, **filters).count()
    if not total and ranked:
        typos = True
        rows, total = fetch(number, typos)
        if not rows and number > 1:
            total = service_search(query, typos=typos, **filters).count()
    paginator = Paginator((), PER_PAGE)
    paginator.count = total
    if total and not rows:
        # Past the last page: show the last.
        number = paginator.num_pages
        rows, total = fetch(number, typos)
    places: dict[int, list[str]] = {}
    if rows:
        marks = ", ".join(["%s"] * len(rows))
        with connection.cursor() as cursor:
            cursor.execute(_PLACES.format(marks=marks), [row["id"] for row in rows])
            for service_id, name, wijk in cursor.fetchall():
                places.setdefault(service_id, []).append(f"{name} ({wijk})" if wijk else name)
    cutoff = stale_before()
    for row in rows:
        words = row["description"].split()
        row["summary"] = " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")
        # The first two places by name and wijk, then how many more.
        row["places"] = places.get(row["id"], [])[:SHOWN_PLACES]
        row["more_places"] = max(0, len(places.get(row["id"], [])) - SHOWN_PLACES)
        row["is_stale"] = row["assured_date"] is None or row["assured_date"] < cutoff
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
