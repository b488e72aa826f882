from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "samenplan.referrals"
    verbose_name = _("Referrals")
