"""The public social map: anyone finds help, logged in or not."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from .forms import SocialMapSearchForm
from .selectors import life_domain_terms, organisation_detail, search_page, service_detail, wijk_list, wijk_teams

# Words every listed service may show, translated once per page rather than per service.
LABELS = {
    "walk_in": _("Walk in"),
    "by_phone": _("Call"),
    "self_referral": _("Sign up yourself"),
    "via_professional": _("Via a professional"),
    "free": _("Free"),
    "closed": _("Closed for now"),
    "stale": _("Not checked for a while: call first"),
}


def _labels() -> dict[str, str]:
    return {key: str(label) for key, label in LABELS.items()}


def _plan_id(request) -> int | None:
    """The plan a logged-in professional came from (`?plan=<id>`), carried along so they
    can refer from a service page. Whether they may is asked by the referral page."""
    if not request.user.is_authenticated:
        return None
    value = request.GET.get("plan", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


# How to get there and the tags of a result depend only on a few flags and the language:
# drawn once per combination for as long as the process lives (a few dozen at most).
_DRAWN: dict[tuple, str] = {}


def _drawn(template: str, language: str, key: tuple, row: dict, labels: dict) -> str:
    if (template, language, key) not in _DRAWN:
        _DRAWN[(template, language, key)] = render_to_string(template, {"service": row, "labels": labels})
    return _DRAWN[(template, language, key)]


def social_map(request):
    """Search and filters (a GET form) with one page of results."""
    form = SocialMapSearchForm(request.GET or None, domains=life_domain_terms(), wijken=wijk_list())
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if form.is_bound else ""
    page = search_page(query=query, filters=form.filters(), page_number=request.GET.get("page"))
    plan_id = _plan_id(request)
    # The service pages are /sociale-kaart/<id>/ (urls.py): one reverse for the page, not one per row.
    base, carry = reverse("social_map"), f"?plan={plan_id}" if plan_id else ""
    labels = _labels()
    language = get_language()
    for row in page.object_list:
        row["url"] = f"{base}{row['id']}/{carry}"
        # How to get there and the tags, drawn once per combination rather than per row.
        how = ("how", row["walk_in"], row["by_phone"], row["self_referral"], row["via_professional"])
        tags = ("tags", row["free"], row["status"], row["is_stale"])
        row["how"] = _drawn("directory/_how.html", language, how, row, labels)
        row["tags"] = _drawn("directory/_tags.html", language, tags, row, labels)
        # The organisation, the first places and how many more, as one line.
        more = row["more_places"]
        more = [ngettext("and %(n)s more place", "and %(n)s more places", more) % {"n": more}] if more else []
        row["meta"] = " · ".join([row["organisation__name"], *row["places"], *more])
    # Links to other pages keep the search and the filters.
    params = request.GET.copy()
    params.pop("page", None)
    filters = form.filters()
    teams = [] if page.object_list else wijk_teams(wijk_id=filters["wijk"])
    return render(
        request,
        "directory/social_map.html",
        {
            "form": form,
            "form_valid": valid,
            "query": query,
            "searched": bool(query) or form.active,
            "page": page,
            "params": params.urlencode(),
            "plan_id": plan_id,
            "teams": teams,
            "labels": labels,
        },
    )


def service(request, service_id):
    """A service's public page: what they do, for whom, how to get there, when, where."""
    service = service_detail(service_id=service_id)
    plan_id = _plan_id(request)
    referral_url = None
    if plan_id is not None and service.accepts_referrals and service.status == service.Status.ACTIVE:
        try:
            referral_url = reverse("referral_new", args=[plan_id]) + f"?service={service.pk}"
        except NoReverseMatch:
            referral_url = None
    return render(
        request,
        "directory/service.html",
        {"service": service, "plan_id": plan_id, "referral_url": referral_url, "labels": _labels()},
    )


def organisation(request, organisation_id):
    organisation, services, locations = organisation_detail(organisation_id=organisation_id)
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": organisation,
            "services": services,
            "locations": locations,
            "plan_id": _plan_id(request),
            "labels": _labels(),
        },
    )
