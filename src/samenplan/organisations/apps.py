from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """The organisation admin's pages: their organisation's details and staff."""

    name = "samenplan.organisations"
    verbose_name = _("Organisation management")
