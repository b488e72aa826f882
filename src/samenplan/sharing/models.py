from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .parts import Level, Part


class Membership(models.Model):
    """A person the resident let into the plan. Membership alone shows nothing: what the
    member sees is in their grants, part by part."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PROFESSIONAL = "professional", _("Professional")
        NETWORK = "network", _("Network member")

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

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role in the plan"), max_length=15, choices=Role.choices)
    relation = models.CharField(_("relation"), max_length=15, choices=Relation.choices)
    # The organisation the professional worked for when they joined; kept if they move on.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    helps_with = models.CharField(_("helps with"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

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

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="sharing_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    context = models.CharField(max_length=15, choices=Context.choices)
    # [{"member": <user id>, "name": ..., "part": ..., "level": ..., "until": "YYYY-MM-DD"|None}]
    grants = models.JSONField(default=list)

    class Meta:
        ordering = ["decided_at", "id"]
