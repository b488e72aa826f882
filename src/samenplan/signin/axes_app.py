from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AppConfig):
    """django-axes as it is, under a name a platform admin understands."""

    verbose_name = _("Login lockouts")
