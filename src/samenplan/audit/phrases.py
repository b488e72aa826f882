"""The access log in plain words: one sentence per line, such as "Sanne bekeek je doelen" or
"Kees probeerde je verhaal te openen, maar mocht dat niet". The resident reads about
their own plan ("je"); a representative reads about the resident by first name."""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenplan.sharing.parts import possessive

from .models import AuditEntry

Action = AuditEntry.Action

# What a part is called inside a sentence, to the resident and about the resident.
PART_WORDS = {
    "story": (gettext_lazy("your story"), gettext_lazy("%(possessive)s story")),
    "priorities": (gettext_lazy("what matters to you"), gettext_lazy("what matters to %(name)s")),
    "strengths": (gettext_lazy("what you can do"), gettext_lazy("what %(name)s can do")),
    "assessment": (gettext_lazy("how it is going for you"), gettext_lazy("how it is going for %(name)s")),
    "goals": (gettext_lazy("your goals"), gettext_lazy("%(possessive)s goals")),
    "agreements": (gettext_lazy("your agreements"), gettext_lazy("%(possessive)s agreements")),
    "network": (gettext_lazy("your network"), gettext_lazy("%(possessive)s network")),
    "conversations": (gettext_lazy("your conversations"), gettext_lazy("%(possessive)s conversations")),
    "evaluations": (gettext_lazy("your evaluations"), gettext_lazy("%(possessive)s evaluations")),
}
WHOLE_PLAN = (gettext_lazy("your plan"), gettext_lazy("%(possessive)s plan"))
# Every part at once (the print page, the download): one short phrase instead of nine.
EVERY_PART = (gettext_lazy("your whole plan"), gettext_lazy("%(possessive)s whole plan"))

# The pages whose entries need their own words (`entries._where` stores the view's name).
PRINT_PAGES = {"plan_print"}
INVITATION_PAGES = {"invitation"}
ACTIVATION_PAGES = {"activate", "activate_code"}
LETTER_PAGES = {"activation_letter"}


def page_kind(page: str) -> str:
    """What kind of visit an entry was, as far as the sentence needs to know."""
    name = page.rsplit(":", 1)[-1]
    if name in PRINT_PAGES:
        return "print"
    if name in INVITATION_PAGES:
        return "invitation"
    if name in ACTIVATION_PAGES:
        return "activation"
    if name in LETTER_PAGES:
        return "letter"
    return ""


def _words(pair, owner_name: str | None) -> str:
    if owner_name is None:
        return str(pair[0])
    return str(pair[1]) % {"name": owner_name, "possessive": possessive(owner_name)}


def parts_phrase(parts: list[str], *, owner_name: str | None) -> str:
    """ "your story and your goals", or "Fatima's story and Fatima's goals"; the whole plan
    when no part was named."""
    if set(PART_WORDS) <= set(parts):
        return _words(EVERY_PART, owner_name)
    words = [_words(PART_WORDS[part], owner_name) for part in parts if part in PART_WORDS]
    if not words:
        return _words(WHOLE_PLAN, owner_name)
    return str(get_text_list(words, _("and")))


def _sentence(line, kind: str) -> str:
    """The sentence's pattern, with %(who)s and %(what)s."""
    if line.outcome == AuditEntry.Outcome.DENIED:
        if line.action in (Action.VIEW, Action.LIST, Action.PRINT, Action.EXPORT):
            return _("%(who)s tried to open %(what)s, but was not allowed to")
        return _("%(who)s tried to change something in %(what)s, but was not allowed to")
    if not line.actor_name:
        if kind == "invitation":
            return _("Someone opened the link of an invitation to %(what)s")
        if kind == "activation":
            return _("Someone opened the link to start using %(what)s")
        return _("Someone who was not logged in opened %(what)s")
    if kind == "letter":
        return _("%(who)s made a letter with a code to open %(what)s")
    if kind == "print" or line.action == Action.PRINT:
        # We know the print page was opened; whether it was printed, nobody can know.
        return _("%(who)s opened the print version of %(what)s (to print or save it)")
    return {
        Action.VIEW: _("%(who)s looked at %(what)s"),
        Action.EXPORT: _("%(who)s downloaded %(what)s"),
        Action.LIST: _("%(who)s saw %(what)s in an overview of plans"),
        Action.CREATE: _("%(who)s added something to %(what)s"),
        Action.UPDATE: _("%(who)s changed something in %(what)s"),
        Action.DELETE: _("%(who)s removed something from %(what)s"),
        Action.SHARE: _("%(who)s changed who may see %(what)s"),
        Action.EMERGENCY: _("%(who)s used emergency access to look at %(what)s"),
        Action.NOTIFY: _("%(who)s sent a reminder about %(what)s"),
    }.get(line.action, _("%(who)s looked at %(what)s"))


def describe(line, *, owner_name: str | None) -> SafeString:
    """One line of the log as a sentence; the person's name in bold. `owner_name` is None
    when the resident reads their own log."""
    what = parts_phrase(line.sorted_parts, owner_name=owner_name)
    # The translated pattern is ours; the name and the parts are escaped by format_html.
    pattern = str(conditional_escape(_sentence(line, line.kind)))
    pattern = pattern.replace("{", "{{").replace("}", "}}").replace("%(who)s", "{who}").replace("%(what)s", "{what}")
    return format_html(pattern, who=format_html("<strong>{}</strong>", line.actor_name), what=what)


def on_behalf_phrase(*, owner_name: str | None) -> str:
    return _("on your behalf") if owner_name is None else _("on behalf of %(name)s") % {"name": owner_name}
