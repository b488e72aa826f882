from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "samenplan.notifications"
    # The admin shows this name as the heading of the app's section.
    verbose_name = _("Notifications")
