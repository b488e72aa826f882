"""Which volunteers fit a buddy request best, and why: a pure function, no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Availability, Interest, Language

# What each kind of overlap weighs. Living in the same wijk matters most (a buddy drops by);
# a shared language other than Dutch is next (Dutch alone is what most people share).
SAME_WIJK = 4
SHARED_LANGUAGE = 3
SHARED_DUTCH = 1
SHARED_INTEREST = 2
SHARED_TIME = 1
TOP = 5


@dataclass(frozen=True)
class Wish:
    wijk_id: int | None
    languages: frozenset[str]
    interests: frozenset[str]
    availability: frozenset[str]


@dataclass
class Suggestion:
    volunteer: object
    score: int
    reasons: list[str] = field(default_factory=list)


def wish_of(item) -> Wish:
    """The facts of a request or a volunteer that the ranking compares."""
    return Wish(
        wijk_id=item.wijk_id,
        languages=frozenset(item.languages),
        interests=frozenset(item.interests),
        availability=frozenset(item.availability),
    )


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def score(wish: Wish, offer: Wish) -> tuple[int, list[str]]:
    """How well a volunteer's offer fits the wish, with the reasons in words."""
    total, reasons = 0, []
    if wish.wijk_id is not None and wish.wijk_id == offer.wijk_id:
        total += SAME_WIJK
        reasons.append(_("same wijk"))
    for code in sorted(wish.languages & offer.languages):
        total += SHARED_DUTCH if code == Language.DUTCH else SHARED_LANGUAGE
        reasons.append(_("speaks %(language)s") % {"language": _label(Language, code).lower()})
    for code in sorted(wish.interests & offer.interests):
        total += SHARED_INTEREST
        reasons.append(_("also likes: %(interest)s") % {"interest": _label(Interest, code).lower()})
    times = sorted(wish.availability & offer.availability)
    if times:
        total += SHARED_TIME
        reasons.append(_("free at: %(times)s") % {"times": ", ".join(_label(Availability, t).lower() for t in times)})
    return total, reasons


def rank(wish: Wish, volunteers: Iterable, *, top: int = TOP) -> list[Suggestion]:
    """The best-fitting volunteers first (ties: who signed up first); those with nothing in
    common are left out."""
    suggestions = []
    for volunteer in volunteers:
        total, reasons = score(wish, wish_of(volunteer))
        if total > 0:
            suggestions.append(Suggestion(volunteer=volunteer, score=total, reasons=reasons))
    suggestions.sort(key=lambda s: (-s.score, s.volunteer.created_at, s.volunteer.pk))
    return suggestions[:top]
