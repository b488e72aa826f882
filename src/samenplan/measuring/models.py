from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.localized import Localized


class WelfareTheme(models.TextChoices):
    """The eight "here and now" themes of the CBS Monitor Brede Welvaart that municipal
    figures are grouped by. Which life domain falls under which theme is configuration: a
    platform admin changes it per life domain in the admin."""

    WELLBEING = "wellbeing", _("Subjective well-being")
    MATERIAL = "material", _("Material welfare")
    HEALTH = "health", _("Health")
    WORK_LEISURE = "work_leisure", _("Work and leisure")
    HOUSING = "housing", _("Housing")
    SOCIETY = "society", _("Society")
    SAFETY = "safety", _("Safety")
    ENVIRONMENT = "environment", _("Environment")


class LifeDomain(Localized, models.Model):
    """An area of life (money, housing, health...). Goals, priorities and instrument items
    point to a domain, so results can be compared across instruments and plans."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name used by professionals"), max_length=80)
    name_en = models.CharField(_("name used by professionals (English)"), max_length=80, blank=True)
    resident_name = models.CharField(_("name for residents"), max_length=80)
    resident_name_en = models.CharField(_("name for residents (English)"), max_length=80, blank=True)
    description = models.CharField(_("explanation for residents"), max_length=300, blank=True)
    description_en = models.CharField(_("explanation for residents (English)"), max_length=300, blank=True)
    theme = models.CharField(_("Brede Welvaart theme"), max_length=20, choices=WelfareTheme.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")

    def __str__(self):
        return self.resident_name

    @property
    def label(self) -> str:
        return self.localized("resident_name")

    @property
    def help(self) -> str:
        return self.localized("description")


class Instrument(Localized, models.Model):
    """A questionnaire with items on one numeric scale, e.g. self-sufficiency levels 1-5 or a
    0-10 wheel. A municipality can add its own in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    intro = models.TextField(_("introduction for residents"), max_length=1000, blank=True)
    intro_en = models.TextField(_("introduction for residents (English)"), max_length=1000, blank=True)
    min_value = models.SmallIntegerField(_("lowest score"))
    max_value = models.SmallIntegerField(_("highest score"))
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(condition=models.Q(max_value__gt=models.F("min_value")), name="instrument_scale")
        ]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.localized("name")

    @property
    def intro_text(self) -> str:
        return self.localized("intro")

    @property
    def values(self) -> range:
        return range(self.min_value, self.max_value + 1)


class InstrumentItem(Localized, models.Model):
    class AnswerKind(models.TextChoices):
        SCALE = "scale", _("A score on the instrument's scale")
        YES_NO = "yes_no", _("Yes or no")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=40)
    domain = models.ForeignKey(
        LifeDomain, verbose_name=_("life domain"), null=True, blank=True, on_delete=models.PROTECT
    )
    name = models.CharField(_("name used by professionals"), max_length=100)
    name_en = models.CharField(_("name used by professionals (English)"), max_length=100, blank=True)
    resident_name = models.CharField(_("name for residents"), max_length=60)
    resident_name_en = models.CharField(_("name for residents (English)"), max_length=60, blank=True)
    question = models.CharField(_("question for residents"), max_length=200)
    question_en = models.CharField(_("question for residents (English)"), max_length=200, blank=True)
    help = models.CharField(_("help text"), max_length=400, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=400, blank=True)
    # A question asked as yes or no gets the answers yes and no, each standing for a score on
    # the scale, so charts and figures keep one number per item. Professionals still choose
    # a score: they judge how serious it is.
    answer_kind = models.CharField(
        _("how residents answer"), max_length=10, choices=AnswerKind.choices, default=AnswerKind.SCALE
    )
    yes_value = models.SmallIntegerField(_("score for yes"), null=True, blank=True)
    no_value = models.SmallIntegerField(_("score for no"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="item_code_unique")]

    def __str__(self):
        return self.resident_name

    @property
    def label(self) -> str:
        return self.localized("resident_name")

    @property
    def official_label(self) -> str:
        return self.localized("name")

    @property
    def question_text(self) -> str:
        return self.localized("question")

    @property
    def help_text(self) -> str:
        return self.localized("help")

    @property
    def is_yes_no(self) -> bool:
        return self.answer_kind == self.AnswerKind.YES_NO

    def clean(self):
        if not self.is_yes_no:
            return
        errors = {}
        for field in ("yes_value", "no_value"):
            value = getattr(self, field)
            if value is None:
                errors[field] = _("A yes-or-no question needs a score for this answer.")
            elif self.instrument_id and not self.instrument.min_value <= value <= self.instrument.max_value:
                errors[field] = _("Choose a score on the instrument's scale.")
        if not errors and self.yes_value == self.no_value:
            errors["no_value"] = _("Yes and no need different scores.")
        if errors:
            raise ValidationError(errors)


class ScaleLabel(Localized, models.Model):
    """The words for one score of an instrument's scale ("3: it is going so-so")."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scale_labels")
    value = models.SmallIntegerField(_("score"))
    label = models.CharField(_("label"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=250, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=250, blank=True)

    class Meta:
        ordering = ["value"]
        verbose_name = _("scale label")
        verbose_name_plural = _("scale labels")
        constraints = [models.UniqueConstraint(fields=["instrument", "value"], name="scale_label_unique")]

    def __str__(self):
        return f"{self.value}: {self.label}"

    @property
    def text(self) -> str:
        return self.localized("label")

    @property
    def explanation(self) -> str:
        return self.localized("description")


class Measurement(models.Model):
    """One filled-in instrument. The resident's and a professional's measurements are kept
    apart (perspective) and are never merged: both are shown side by side."""

    class Perspective(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        PROFESSIONAL = "professional", _("Professional")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="measurements")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="measurements")
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(default=False)
    note = models.TextField(_("anything else you want to tell"), max_length=2000, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    evaluation = models.ForeignKey(
        "plans.Evaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="measurements"
    )
    # A measurement filled in step by step stays a draft until the person says it is done:
    # a draft is never "the latest time", never in a chart or a figure, and can be continued.
    is_draft = models.BooleanField(_("not finished yet"), default=False)
    # The step to continue a draft at (1 is the first question).
    step = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["plan", "instrument", "perspective", "recorded_at"])]
        constraints = [
            # One draft at a time per instrument and perspective, so "continue" is never ambiguous.
            models.UniqueConstraint(
                fields=["plan", "instrument", "perspective"],
                condition=models.Q(is_draft=True),
                name="measurement_one_draft",
            )
        ]


class Answer(models.Model):
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(InstrumentItem, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField(_("score"))
    wants_to_talk = models.BooleanField(_("I want to talk about this"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measurement", "item"], name="answer_unique")]
