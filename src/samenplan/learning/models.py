"""Learning sessions: cases from plans, shared only as a pseudonymised snapshot that the
resident agreed to, and what the session learns from them (observations, themes,
proposals for structural change). See `docs/learning.md`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The parts a resident may let into a case: the ones with free text about her situation.
# The network and conversations stay out (they are about other people), the
# self-assessment too (scores on a scale say little without the conversation).
CASE_PARTS = ("story", "priorities", "strengths", "goals", "agreements", "evaluations")


class Case(models.Model):
    """A case a professional proposes from a plan they work in. Nothing leaves the plan
    until the resident says yes; then the proposer reviews the pseudonymised snapshot and
    shares it. Only the snapshot is ever shown to a session."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for the resident")
        CONSENTED = "consented", _("The resident said yes")
        SHARED = "shared", _("Shared")
        DECLINED = "declined", _("The resident said no")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="learning_cases")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    # Why this case teaches something; read by the resident and the proposer only.
    reason = models.TextField(_("why this case"), max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    # The parts the resident chose (a list of `Part` values, within CASE_PARTS).
    parts = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Other words the proposer saw in the preview and had left out too (names the system
    # does not know, such as a child's); used again whenever the snapshot is made.
    extra_terms = models.JSONField(default=list, blank=True)
    # The pseudonymised snapshot (`snapshot.Snapshot.as_json()`), stored when the proposer
    # shares it; emptied when the resident withdraws.
    snapshot = models.JSONField(default=dict, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]

    def __str__(self):
        return f"case {self.pk}"

    @property
    def is_shared(self) -> bool:
        return self.status == self.Status.SHARED

    @property
    def is_open(self) -> bool:
        """Not (yet) declined or withdrawn."""
        return self.status in (self.Status.AWAITING, self.Status.CONSENTED, self.Status.SHARED)


class Session(models.Model):
    """A learning session: professionals of several organisations discuss shared cases to
    find the common threads."""

    title = models.CharField(_("title"), max_length=150)
    held_on = models.DateField(_("date"))
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="learning_sessions", verbose_name=_("participants"), blank=True
    )
    cases = models.ManyToManyField(Case, related_name="sessions", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


class Observation(models.Model):
    """What a participant noticed, about one case or the session as a whole."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="observations")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("what did you notice?"), max_length=2000)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "id"]


class SessionTheme(models.Model):
    """A recurring theme (the shared list of `conferences.Theme`) this session found."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="session_themes")
    theme = models.ForeignKey("conferences.Theme", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["theme__name"]
        constraints = [models.UniqueConstraint(fields=["session", "theme"], name="learning_theme_once")]


class Proposal(models.Model):
    """A proposal for structural change: to the municipality's programme, or to the
    breakthrough officer."""

    class Destination(models.TextChoices):
        PROGRAMME = "programme", _("The programme")
        BREAKTHROUGH = "breakthrough", _("The breakthrough officer")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        NOT_SENT = "not_sent", _("Not sent yet")

    class Decision(models.TextChoices):
        # The breakthrough officer's answer to a proposal sent to her (the labels of
        # `conferences.BreakthroughRequest.Status`); empty while it waits.
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("proposal"), max_length=150)
    text = models.TextField(_("explanation"), max_length=2000)
    destination = models.CharField(_("send to"), max_length=12, choices=Destination.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NOT_SENT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("decision and reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["written_at", "id"]

    @property
    def awaits_decision(self) -> bool:
        """Sent to the breakthrough officer, who has not decided yet."""
        return (
            self.destination == self.Destination.BREAKTHROUGH and self.status == self.Status.SENT and not self.decision
        )
