from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .parts import Level, Part


class Membership(models.Model):
    """A person in the resident's network. With an account (`user`) they can be let into
    the plan; without one they are only on the resident's map. Membership alone shows
    nothing: what a member sees is in their grants, part by part."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PROFESSIONAL = "professional", _("Professional")
        NETWORK = "network", _("Network member")
        REPRESENTATIVE = "representative", _("Legal representative")

    class Relation(models.TextChoices):
        PARTNER = "partner", _("Partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        FAMILY = "family", _("Other family")
        FRIEND = "friend", _("Friend")
        NEIGHBOUR = "neighbour", _("Neighbour")
        CARER = "carer", _("Informal carer")
        BUDDY = "buddy", _("Buddy or volunteer")
        PROFESSIONAL = "professional", _("Professional")

    class Representation(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        CURATOR = "curator", _("Curator")
        BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder (money matters)")
        PARENT = "parent", _("Parent of a minor")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    # For people without an account (yet); with an account their own name is shown.
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    role = models.CharField(_("role in the plan"), max_length=15, choices=Role.choices)
    relation = models.CharField(_("relation"), max_length=15, choices=Relation.choices)
    # The organisation the professional worked for when they joined; kept if they move on.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=150, blank=True)
    job_title = models.CharField(_("role or job"), max_length=100, blank=True)
    helps_with = models.CharField(_("helps with"), max_length=200, blank=True)
    representation = models.CharField(
        _("kind of representation"), max_length=15, choices=Representation.choices, blank=True
    )
    # Parts a representative acts in for the resident; empty means all parts.
    represents = models.JSONField(default=list, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user"], condition=models.Q(ended_at__isnull=True), name="one_active_membership"
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(ended_at__isnull=True, role="coordinator"),
                name="one_active_coordinator",
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_at"])]

    @property
    def display_name(self) -> str:
        return self.user.display_name if self.user_id else self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def is_representative(self) -> bool:
        return self.role == self.Role.REPRESENTATIVE

    @property
    def represented_labels(self) -> list[str]:
        return [str(Part(part).label) for part in self.represented_parts()]

    def represented_parts(self) -> list[str]:
        """The parts this representative acts in for the resident (all when none are listed)."""
        if not self.is_representative:
            return []
        return list(self.represents) or [part.value for part in Part]


class Grant(models.Model):
    """What one member may do with one part of the plan, optionally until an end date.
    No row means no access."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="grants")
    part = models.CharField(max_length=20, choices=Part.choices)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    # Last day the grant holds; empty means until the resident changes it.
    valid_until = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "part"], name="one_grant_per_part"),
            models.CheckConstraint(condition=models.Q(level__gt=0), name="grant_level_not_none"),
        ]


class SharingDecision(models.Model):
    """A record of one sharing decision: who decided, when, in what setting, and the grants
    that followed. The intake's agreement is the plan's first decision."""

    class Context(models.TextChoices):
        INTAKE = "intake", _("Agreed at the intake")
        SETTINGS = "settings", _("Changed by the resident")
        INVITATION = "invitation", _("Given with an invitation")
        REMOVAL = "removal", _("Someone was removed from the plan")
        REFERRAL = "referral", _("Given with a referral")
        REFERRAL_END = "referral_end", _("A referral ended")
        CONFERENCE = "conference", _("Given for a case conference")
        CONFERENCE_END = "conference_end", _("A case conference ended")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="sharing_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf = models.BooleanField(default=False)
    decided_at = models.DateTimeField(default=timezone.now)
    context = models.CharField(max_length=15, choices=Context.choices)
    # [{"member": <membership id>, "name": ..., "part": ..., "level": ..., "until": "YYYY-MM-DD"|None}]
    grants = models.JSONField(default=list)

    class Meta:
        ordering = ["decided_at", "id"]


class Invitation(models.Model):
    """A single-use, expiring link that lets a person on the resident's map into the plan."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Parts the resident already chose to share once the person accepts: {part: level}.
    grants = models.JSONField(default=dict, blank=True)
    # Changes on every resend, so an older link stops working.
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The invitation is bound to `email`. Someone logged in with another address accepts
    # only with a one-time code sent to it: its keyed hash, when it was sent, how often it
    # was tried, and how many codes were sent in all.
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_tries = models.PositiveSmallIntegerField(default=0)
    codes_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.cancelled_at:
            return "cancelled"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class EmergencyAccess(models.Model):
    """A professional in the plan opened a part they were not granted, with a written
    reason, for a limited time. The resident is told at once and can end it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="emergency_accesses")
    part = models.CharField(_("part of the plan"), max_length=20, choices=Part.choices)
    reason = models.TextField(_("reason"), max_length=1000)
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    @property
    def is_active(self) -> bool:
        return self.ended_at is None and self.ends_at > timezone.now()
