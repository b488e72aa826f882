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
