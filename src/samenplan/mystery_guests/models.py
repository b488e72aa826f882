"""Mystery guests: touchpoints of organisations, the guests who try them out, their reports
and the organisations' responses. Nothing here points at a plan or a resident: a report is
about a service, and the only person in it is the guest (and the admin who responds)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation


class Touchpoint(models.Model):
    """A moment where a resident meets an organisation: a letter, an intake conversation,
    a website, a phone line, a desk."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        INTAKE = "intake", _("Intake conversation")
        WEBSITE = "website", _("Website")
        PHONE = "phone", _("Phone line")
        DESK = "desk", _("Desk")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="touchpoints")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.name}"


class MysteryGuest(models.Model):
    """An account the programme coordinator asked to try out services. Organisations see
    only the kind of guest, never who it is."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        EXPERT = "expert", _("Expert by experience")
        VOLUNTEER = "volunteer", _("Volunteer")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mystery_guest")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)


class Report(models.Model):
    """What a guest experienced at one touchpoint, scored on four themes. About the service,
    never about a resident; a pasted letter is stored only after personal data is removed
    (`scrub.scrub_letter`)."""

    # The four themes (dimensions) each report scores; the findings roll up by these.
    DIMENSIONS = ("clear", "respectful", "reachable", "accessible")
    # Scores at or below this count as "low" in the findings.
    LOW = 2

    class Score(models.IntegerChoices):
        NOT_AT_ALL = 1, _("No, not at all")
        NOT_REALLY = 2, _("Not really")
        MOSTLY = 3, _("Mostly")
        FULLY = 4, _("Yes, fully")

    touchpoint = models.ForeignKey(Touchpoint, on_delete=models.CASCADE, related_name="reports")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mystery_reports")
    # The guest's kind when they filed: what the organisation is shown instead of a name.
    guest_kind = models.CharField(max_length=12, choices=MysteryGuest.Kind.choices)
    visited_on = models.DateField()
    clear = models.PositiveSmallIntegerField(choices=Score.choices)
    respectful = models.PositiveSmallIntegerField(choices=Score.choices)
    reachable = models.PositiveSmallIntegerField(choices=Score.choices)
    accessible = models.PositiveSmallIntegerField(choices=Score.choices)
    waiting_minutes = models.PositiveIntegerField(null=True, blank=True)
    # None: not tried.
    reachable_by_phone = models.BooleanField(null=True, blank=True)
    reachable_by_email = models.BooleanField(null=True, blank=True)
    felt_wrong = models.TextField(blank=True)
    suggestions = models.TextField(blank=True)
    letter_text = models.TextField(blank=True)
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-filed_at", "-id"]

    def scores(self) -> list[tuple[str, int, str]]:
        """(dimension, score, score in words) for the four themes."""
        return [(d, getattr(self, d), getattr(self, f"get_{d}_display")()) for d in self.DIMENSIONS]


class Response(models.Model):
    """The organisation's answer to a report: what it will do, and by when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="responses")
    action = models.TextField()
    due_on = models.DateField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="mystery_responses"
    )
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["responded_at", "id"]
