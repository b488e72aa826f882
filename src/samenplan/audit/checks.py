"""Production checks of the audit log (docs/security.md, "Production checks")."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def audit_log_on_in_production(app_configs, **kwargs):
    """Every read and change of personal data must leave an entry (NEN 7510 A.12.4.1): in
    production the audit log may not be switched off; only the benchmark does that."""
    if settings.PRODUCTION and not settings.SAMENPLAN_AUDIT_ENABLED:
        return [
            Error(
                "The audit log is switched off (SAMENPLAN_AUDIT_ENABLED) in production.",
                hint="Unset SAMENPLAN_AUDIT_ENABLED or set it to 1: production must log every access.",
                id="samenplan.audit.E001",
            )
        ]
    return []
