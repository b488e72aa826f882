from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    name = "samenplan.lib"
    label = "lib"
    verbose_name = _("Shared pieces")
