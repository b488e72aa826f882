from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.sharing.parts import Part


class CorrectionRequest(models.Model):
    """A person asks to correct something Samenplan holds about them (AVG article 16): a part
    of their plan or an account detail. The plan's coordinator answers it."""

    class About(models.TextChoices):
        # Account details first, then the parts of the plan (same codes as `Part`).
        NAME = "account_name", _("My name")
        EMAIL = "account_email", _("My email address")
        PHONE = "account_phone", _("My phone number")
        STORY = Part.STORY.value, Part.STORY.label
        PRIORITIES = Part.PRIORITIES.value, Part.PRIORITIES.label
        STRENGTHS = Part.STRENGTHS.value, Part.STRENGTHS.label
        ASSESSMENT = Part.ASSESSMENT.value, Part.ASSESSMENT.label
        GOALS = Part.GOALS.value, Part.GOALS.label
        AGREEMENTS = Part.AGREEMENTS.value, Part.AGREEMENTS.label
        NETWORK = Part.NETWORK.value, Part.NETWORK.label
        CONVERSATIONS = Part.CONVERSATIONS.value, Part.CONVERSATIONS.label
        EVALUATIONS = Part.EVALUATIONS.value, Part.EVALUATIONS.label
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        DONE = "done", _("Corrected")
        NOT_CHANGED = "not_changed", _("Not changed")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="correction_requests"
    )
    # The plan whose coordinator answers; also for an account detail, so it reaches a person.
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="correction_requests")
    about = models.CharField(max_length=20, choices=About.choices)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return f"correction {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
