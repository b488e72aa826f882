from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samenplan.audit"
    # The admin shows this name as the heading of the app's section.
    verbose_name = _("Audit log")

    def ready(self):
        # The deploy check that refuses production without the audit log.
        from . import checks  # noqa: F401
