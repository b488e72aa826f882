"""The pseudonymised snapshot of a case: the ONLY thing a learning session sees of a plan.

`pseudonymise(access, parts)` reads the chosen parts through the proposer's `PlanAccess`
(so only what the resident chose AND the proposer may see) and returns a `Snapshot`:

- every person the system knows in the plan is replaced by a role: the resident by
  "de inwoner", a network member by "netwerklid (familie)", a professional by
  "professional (schuldhulpverlening)"; names in free text too (first, last, whole and
  user names, case-insensitive, at word boundaries, so "Fatima's" becomes "de inwoner's");
- organisation names, wijk names and addresses, postcodes and towns known from the plan's
  early signals are replaced by "[organisatie]", "[wijk]", "[adres]", "[postcode]";
- what looks like personal data anyway (email addresses, phone, account and BSN-like
  numbers, dates, house addresses: `lib.pii`) is replaced by a placeholder;
- dates become relative to the start of the plan ("week 3").

No detector is complete: the proposer reviews the result before it is shared, and
`tests/test_snapshot_property.py` puts generated names into every free-text field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.accounts.models import Organisation, Wijk
from samenplan.conferences.models import Participant
from samenplan.early_signals.models import Signal
from samenplan.hubs.models import Question
from samenplan.lib.pii import PATTERNS
from samenplan.plans.models import Agreement, Evaluation, Goal, Priority, StoryVersion, Strength
from samenplan.sharing.models import Membership
from samenplan.sharing.parts import Part
from samenplan.sharing.policy import PlanAccess

from .models import CASE_PARTS

# Name parts shorter than this are not looked for on their own ("Bo" would match "bos").
MIN_PART = 3
# Small words of Dutch surnames ("van", "de") are no names on their own.
PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "te", "op", "in", "la", "le", "da", "di", "du"}
# A postcode in any capitals ("5701 ab"): lib.pii only knows the written form "5701 AB".
POSTCODE = re.compile(r"(?<!\w)\d{4}\s?[A-Za-z]{2}(?!\w)")


@dataclass
class Section:
    part: str
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class Snapshot:
    """A case as a session sees it: the roles of the people involved and, per part, lines
    of scrubbed text."""

    people: list[str]
    sections: list[Section]

    def as_json(self) -> dict:
        return {
            "people": list(self.people),
            "sections": [{"part": s.part, "title": s.title, "items": list(s.items)} for s in self.sections],
        }

    @classmethod
    def from_json(cls, data: dict) -> Snapshot:
        return cls(
            people=list(data.get("people", [])),
            sections=[Section(s["part"], s["title"], list(s["items"])) for s in data.get("sections", [])],
        )

    def text(self) -> str:
        """Everything in it as one text (for tests and checks)."""
        lines = list(self.people)
        for section in self.sections:
            lines += [section.title, *section.items]
        return "\n".join(lines)


def _words(value: str) -> set[str]:
    """A name as terms to look for: the whole and each part long enough to be a name."""
    value = " ".join((value or "").split())
    if not value:
        return set()
    terms = {value}
    for part in re.split(r"[\s,\-]+", value):
        part = part.strip(".")
        if len(part) >= MIN_PART and part.lower() not in PARTICLES and not part.isdigit():
            terms.add(part)
    return terms


def _street_terms(street: str) -> set[str]:
    """An address ("Kerkstraat 12a"): the whole and the street name without its number."""
    street = " ".join((street or "").split())
    if not street:
        return set()
    name = re.sub(r"\s*\d.*$", "", street).strip()
    return {street} | _words(name)


class _Replacer:
    """Known terms and what each becomes; longer terms win, each term is looked for at
    word boundaries whatever its capitals, in one pass (a replacement is never scanned
    again)."""

    def __init__(self):
        self.terms: dict[str, str] = {}

    def add(self, terms, replacement: str) -> None:
        for term in terms:
            # The first owner of a name keeps it (the resident before her network).
            self.terms.setdefault(term.lower(), replacement)

    def compile(self) -> re.Pattern | None:
        if not self.terms:
            return None
        alternatives = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def scrub(self, text: str, pattern: re.Pattern | None) -> str:
        # Known names and places first: a street name with a number would otherwise leave
        # its name to the generic address pattern only.
        if pattern is not None:
            text = pattern.sub(lambda m: self.terms[m.group().lower()], text)
        for _kind, regex, placeholder in PATTERNS:
            text = regex.sub(str(placeholder), text)
        return POSTCODE.sub(_("[postcode]"), text)


def _relation_label(membership: Membership) -> str:
    if membership.role == Membership.Role.REPRESENTATIVE:
        label = membership.get_representation_display() or membership.get_role_display()
        return _("legal representative (%(kind)s)") % {"kind": str(label).lower()}
    if membership.role in (Membership.Role.COORDINATOR, Membership.Role.PROFESSIONAL) or (
        membership.relation == Membership.Relation.PROFESSIONAL
    ):
        organisation = membership.organisation or (membership.user.organisation if membership.user_id else None)
        kind = organisation.get_kind_display() if organisation is not None else _("other")
        if membership.role == Membership.Role.COORDINATOR:
            return _("coordinator (%(kind)s)") % {"kind": str(kind).lower()}
        return _("professional (%(kind)s)") % {"kind": str(kind).lower()}
    return _("network member (%(relation)s)") % {"relation": str(membership.get_relation_display()).lower()}


def _relative(start: date, when) -> str:
    """A date as "week 3" of the plan (or "before the start")."""
    if when is None:
        return ""
    if isinstance(when, datetime):
        when = timezone.localtime(when).date()
    days = (when - start).days
    if days < 0:
        return _("before the start")
    return _("week %(n)s") % {"n": days // 7 + 1}


def _known(access: PlanAccess) -> tuple[_Replacer, list[str]]:
    """Everyone and everything the system knows by name around this plan, with the role or
    placeholder each becomes; and the roles of the people, for the snapshot's list."""
    plan = access.plan
    replacer = _Replacer()
    owner = plan.owner
    resident = _("the resident")
    for value in (owner.first_name, owner.last_name, owner.get_full_name(), owner.username):
        replacer.add(_words(value), resident)
    roles = [resident]
    memberships = Membership.objects.filter(plan=plan).select_related("user__organisation", "organisation")
    for membership in memberships:
        label = _relation_label(membership)
        values = [membership.name]
        if membership.user_id:
            user = membership.user
            values += [user.first_name, user.last_name, user.get_full_name(), user.username]
        for value in values:
            replacer.add(_words(value), label)
        if membership.ended_at is None:
            roles.append(label)
    # People at its case conferences. (The "who" of agreements and strengths is left out of
    # the snapshot: it is mostly a name, and "mijn zus" learnt as a name would scrub "zus".)
    for name in Participant.objects.filter(conference__plan=plan).values_list("name", flat=True):
        replacer.add(_words(name), _("a participant"))
    # Places: the wijken, organisations, and the addresses of early signals about her.
    for name in Organisation.objects.values_list("name", flat=True):
        name = " ".join(name.split())
        if len(name) >= MIN_PART:
            replacer.add({name}, _("[organisation]"))
    for membership in memberships:
        if membership.organisation_name:
            replacer.add(_words(membership.organisation_name), _("[organisation]"))
    for name in Wijk.objects.values_list("name", flat=True):
        replacer.add(_words(name), _("[wijk]"))
    signals = Signal.objects.filter(offered_plan=plan).values_list("name", "street", "postcode", "city")
    for name, street, postcode, city in signals:
        replacer.add(_words(name), resident)
        replacer.add(_street_terms(street), _("[address]"))
        compact = postcode.replace(" ", "")
        replacer.add({postcode, compact, f"{compact[:4]} {compact[4:]}"} - {""}, _("[postcode]"))
        replacer.add(_words(city), _("[town]"))
    for name in Question.objects.filter(plan=plan).values_list("name", flat=True):
        replacer.add(_words(name), resident)
    return replacer, roles


def pseudonymise(access: PlanAccess, parts, *, extra_terms=()) -> Snapshot:
    """The snapshot of `access.plan` with these parts, as far as `access` may see them.
    Reads each part through the policy (`access.require`), so the audit log records it.
    `extra_terms` are words the proposer saw in the preview and wants left out as well."""
    plan = access.plan
    chosen = [p for p in CASE_PARTS if p in set(parts) and access.can_view(p)]
    replacer, roles = _known(access)
    for term in extra_terms:
        replacer.add(_words(term), _("[left out]"))
    pattern = replacer.compile()
    start = timezone.localtime(plan.created_at).date()

    def clean(text: str) -> str:
        return replacer.scrub(" ".join((text or "").split()), pattern)

    def when(template: str, value) -> str:
        relative = _relative(start, value)
        return " (" + template % {"when": relative} + ")" if relative else ""

    sections = []
    for part in chosen:
        access.require(part)
        title = str(Part(part).label) if part != Part.STORY else _("The story")
        items: list[str] = []
        if part == Part.STORY:
            story = StoryVersion.objects.filter(plan=plan).order_by("-number").first()
            if story is not None:
                items += [clean(p) for p in story.text.split("\n\n") if p.strip()]
        elif part == Part.PRIORITIES:
            for priority in Priority.objects.filter(plan=plan).select_related("domain"):
                note = clean(priority.note)
                items.append(f"{priority.rank}. {priority.domain}" + (f": {note}" if note else ""))
        elif part == Part.STRENGTHS:
            for strength in Strength.objects.filter(plan=plan):
                items.append(f"{strength.get_kind_display()}: {clean(strength.text)}")
        elif part == Part.GOALS:
            for goal in Goal.objects.filter(plan=plan):
                line = f"{clean(goal.text)} [{goal.get_status_display()}]"
                if goal.helpers:
                    line += " " + _("who helps: %(who)s") % {"who": clean(goal.helpers)}
                items.append(line + when(_("target date: %(when)s"), goal.target_date))
        elif part == Part.AGREEMENTS:
            for agreement in Agreement.objects.filter(plan=plan):
                items.append(
                    f"{clean(agreement.what)} [{agreement.get_who_kind_display()}, "
                    f"{agreement.get_support_display()}, {agreement.get_status_display()}]"
                    + when(_("to be done: %(when)s"), agreement.due_date)
                )
        elif part == Part.EVALUATIONS:
            for evaluation in Evaluation.objects.filter(plan=plan, held_at__isnull=False).order_by("held_at"):
                text = " ".join(t for t in (clean(evaluation.summary), clean(evaluation.decisions)) if t)
                held = _relative(start, evaluation.held_at)
                items.append(_("Evaluation in %(when)s: %(text)s") % {"when": held, "text": text})
        sections.append(Section(part=part, title=title, items=items))
    return Snapshot(people=sorted(set(roles), key=roles.index), sections=sections)
