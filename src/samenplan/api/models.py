"""A partner organisation's system that calls the API with OAuth2 client credentials.

django-oauth-toolkit keeps the OAuth2 application (client id, hashed secret) and the tokens;
`ApiClient` ties that application to one organisation, the scopes it was given, and who
added or revoked it. A revoked client's application is removed, so its tokens stop at once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation


class Scope(models.TextChoices):
    REFERRALS = "referrals", _("Referrals sent to the organisation: read them and change their state")
    SIGNALS = "signals", _("Early signals: send them and read their status")
    INSIGHTS = "insights", _("Figures about the municipality (suppressed, never about one person)")


class ApiClient(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_clients", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=100)
    # Space-separated `Scope` values.
    scopes = models.CharField(_("permissions"), max_length=200)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samenplan_client",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("API connection")
        verbose_name_plural = _("API connections")

    def __str__(self):
        return f"{self.name} ({self.organisation.name})"

    # What the audit log and the pages need of whoever calls (`request.user` during an API call).
    is_api_client = True
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def organisation_name(self) -> str:
        return self.organisation.name

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    def has_scope(self, scope: str) -> bool:
        return self.revoked_at is None and scope in self.scope_set


class IdempotencyKey(models.Model):
    """An `Idempotency-Key` a caller sent with an early signal: the same key with the same
    body answers the first result again; with another body it is refused. Kept for
    `IDEMPOTENCY_HOURS` per caller (a partner system, or a signal partner's session); made
    in the same transaction as the signal, so a failure leaves neither."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=64)
    # SHA-256 of the request body as parsed (canonical JSON), so spacing does not matter.
    request_hash = models.CharField(max_length=64)
    signal = models.ForeignKey(
        "early_signals.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "key"], condition=models.Q(client__isnull=False), name="idempotency_client_key_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "key"], condition=models.Q(user__isnull=False), name="idempotency_user_key_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(client__isnull=False) ^ models.Q(user__isnull=False), name="idempotency_one_caller"
            ),
        ]


IDEMPOTENCY_HOURS = 24
