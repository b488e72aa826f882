"""Reads for mystery guests. Every read of reports or guests goes through the policy's
filters and is noted in the audit log (`mystery_report:<id>`, `mystery_guest:<id>`)."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from samenplan.accounts.models import Organisation, User
from samenplan.audit import context as audit
from samenplan.sharing.policy import (
    coordinates_programme,
    mystery_guest_for,
    mystery_organisation_filter,
    mystery_report_filter,
    mystery_report_for,
    mystery_sees_guest_names,
    mystery_sees_reports,
    mystery_touchpoint_filter,
    programme_municipality_id,
)

from .models import MysteryGuest, Report, Response, Touchpoint

# An organisation's own line in the findings shows only from this many reports on: with
# fewer, an organisation could guess which guest wrote what.
MIN_REPORTS_PER_ORGANISATION = 3
# How many "what felt wrong" snippets a theme shows, and how long each may be.
SNIPPETS = 3
SNIPPET_LENGTH = 200


def report_list(*, user) -> list[Report]:
    """The reports this person may read, newest first, with their touchpoint and responses
    (a fixed number of queries). A 404 for someone with no reports page."""
    if not mystery_sees_reports(user):
        raise Http404
    reports = list(
        Report.objects.filter(mystery_report_filter(user))
        .select_related("touchpoint__organisation", "filed_by")
        .prefetch_related(Prefetch("responses", queryset=Response.objects.order_by("responded_at", "id")))
    )
    audit.note_records("mystery_report", [r.pk for r in reports])
    return reports


def report_detail(*, user, report_id) -> tuple[Report, list[Response]]:
    """One report and its responses, through the policy (a 404 for anyone else)."""
    report = mystery_report_for(user, report_id)
    return report, list(report.responses.select_related("responded_by"))


def shows_guest_names(user) -> bool:
    return mystery_sees_guest_names(user)


def touchpoint_list(*, user) -> list[Touchpoint]:
    """The touchpoints this person manages, with how many reports each has."""
    return list(
        Touchpoint.objects.filter(mystery_touchpoint_filter(user))
        .select_related("organisation")
        .annotate(report_count=Count("reports"))
    )


def touchpoint_organisations(*, user):
    """The organisations this person may add touchpoints for (a queryset)."""
    return Organisation.objects.filter(mystery_organisation_filter(user)).order_by("name")


def touchpoints_to_visit(*, user):
    """What a guest may report on: every touchpoint of their municipality (a queryset)."""
    return (
        Touchpoint.objects.filter(organisation__municipality_id=programme_municipality_id(user))
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def guest_list(*, user) -> list[MysteryGuest]:
    """The coordinator's guests, with how many reports each filed (names: audited)."""
    if not coordinates_programme(user):
        raise Http404
    guests = list(
        MysteryGuest.objects.select_related("user")
        .annotate(report_count=Count("user__mystery_reports"))
        .order_by("user__first_name", "user__last_name")
    )
    audit.note_records("mystery_guest", [g.pk for g in guests])
    return guests


def known_names() -> set[str]:
    """First and last names of every account, to remove from a pasted letter."""
    names = set()
    for first, last in User.objects.values_list("first_name", "last_name"):
        names.update(n for n in (first, last) if n)
    return names


def findings_by_theme(*, municipality_id: int | None = None) -> list[dict]:
    """Per theme (clear, respectful, reachable, accessible): how many reports, the share
    scored low (not at all / not really), and the latest "what felt wrong" of reports that
    scored it low. Counts of reports about services; no resident is in them."""
    reports = Report.objects.all()
    if municipality_id is not None:
        reports = reports.filter(touchpoint__organisation__municipality_id=municipality_id)
    totals = reports.aggregate(
        total=Count("pk"), **{f"low_{d}": Count("pk", filter=Q(**{f"{d}__lte": Report.LOW})) for d in Report.DIMENSIONS}
    )
    total = totals["total"]
    themes = []
    for dimension in Report.DIMENSIONS:
        low = totals[f"low_{dimension}"]
        latest = list(
            reports.filter(**{f"{dimension}__lte": Report.LOW})
            .exclude(felt_wrong="")
            .order_by("-filed_at", "-id")
            .values_list("pk", "felt_wrong")[:SNIPPETS]
        )
        snippets = [text[:SNIPPET_LENGTH] + ("…" if len(text) > SNIPPET_LENGTH else "") for _pk, text in latest]
        themes.append(
            {
                "dimension": dimension,
                "reports": total,
                "low": low,
                "low_percent": round(100 * low / total) if total else None,
                "snippets": snippets,
                "snippet_ids": [pk for pk, _text in latest],
            }
        )
    return themes


def findings_by_organisation(*, municipality_id: int | None = None) -> tuple[list[dict], int]:
    """Per organisation with at least MIN_REPORTS_PER_ORGANISATION reports: the number of
    reports and the share scored low per theme; plus how many organisations were left out."""
    reports = Report.objects.all()
    if municipality_id is not None:
        reports = reports.filter(touchpoint__organisation__municipality_id=municipality_id)
    rows = (
        reports.values("touchpoint__organisation__name")
        .annotate(
            total=Count("pk"),
            **{f"low_{d}": Count("pk", filter=Q(**{f"{d}__lte": Report.LOW})) for d in Report.DIMENSIONS},
        )
        .order_by("touchpoint__organisation__name")
    )
    shown, hidden = [], 0
    for row in rows:
        if row["total"] < MIN_REPORTS_PER_ORGANISATION:
            hidden += 1
            continue
        shown.append(
            {
                "name": row["touchpoint__organisation__name"],
                "reports": row["total"],
                "low_percent": [round(100 * row[f"low_{d}"] / row["total"]) for d in Report.DIMENSIONS],
            }
        )
    return shown, hidden


def findings(*, user) -> tuple[list[dict], list[dict], int]:
    """The coordinator's findings page; a 404 for anyone else."""
    if not coordinates_programme(user):
        raise Http404
    municipality_id = programme_municipality_id(user)
    organisations, hidden = findings_by_organisation(municipality_id=municipality_id)
    themes = findings_by_theme(municipality_id=municipality_id)
    # The snippets are guests' words from these reports: the read is noted like a report's.
    audit.note_records("mystery_report", sorted({pk for theme in themes for pk in theme["snippet_ids"]}))
    return themes, organisations, hidden


def is_guest(user) -> bool:
    return mystery_guest_for(user) is not None
