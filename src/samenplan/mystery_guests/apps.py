from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MysteryGuestsConfig(AppConfig):
    name = "samenplan.mystery_guests"
    verbose_name = _("Mystery guests")
