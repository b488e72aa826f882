from django.db import models
from django.utils.translation import gettext_lazy as _


class Part(models.TextChoices):
    """The parts of a plan. Each part is a unit of consent: it is shared as a whole."""

    STORY = "story", _("My story")
    PRIORITIES = "priorities", _("What matters to me")
    STRENGTHS = "strengths", _("What I can do")
    ASSESSMENT = "assessment", _("How it is going")
    GOALS = "goals", _("Goals")
    AGREEMENTS = "agreements", _("Agreements")
    NETWORK = "network", _("My network")
    CONVERSATIONS = "conversations", _("Conversations")
    EVALUATIONS = "evaluations", _("Evaluations")


class Level(models.IntegerChoices):
    NONE = 0, _("Sees nothing")
    VIEW = 1, _("May view")
    CONTRIBUTE = 2, _("May view and add")


def possessive(name: str) -> str:
    """A first name as owner of something: "Fatima's", but "Kees'" (a name ending in an s,
    x or z sound takes only the apostrophe, in Dutch as in English)."""
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}'s"


# How a part is named to everyone but its owner: about the resident, by first name. The
# parts not listed here ("Goals", "Agreements", ...) have names that fit every viewer.
_LABELS_FOR_OTHERS = {
    Part.STORY: _("%(possessive)s story"),
    Part.PRIORITIES: _("What matters to %(name)s"),
    Part.STRENGTHS: _("%(possessive)s strengths"),
    Part.NETWORK: _("%(possessive)s network"),
}


def part_label(part: str, *, owner_name: str | None) -> str:
    """The part's name in the viewer's voice: "My story" to the owner (`owner_name` None),
    "Fatima's story" to everyone else."""
    part = Part(part)
    template = _LABELS_FOR_OTHERS.get(part)
    if owner_name is None or template is None or not owner_name:
        return str(part.label)
    return str(template) % {"name": owner_name, "possessive": possessive(owner_name)}
