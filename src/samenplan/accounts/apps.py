from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samenplan.accounts"
    # The admin shows this name as the heading of the app's section.
    verbose_name = _("People and organisations")
