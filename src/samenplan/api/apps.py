from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samenplan.api"
    label = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connections are the organisation admin's (`/organisatie/koppelingen/`): the platform
        # admin neither adds OAuth2 applications by hand nor reads tokens in the admin site.
        # Registered by django-oauth-toolkit's admin module: import it now (the admin site
        # discovers it only after this), then take its models off the site.
        import oauth2_provider.admin  # noqa: F401
        from django.contrib import admin
        from oauth2_provider.models import (
            get_access_token_model,
            get_application_model,
            get_grant_model,
            get_id_token_model,
            get_refresh_token_model,
        )

        for model in (
            get_application_model(),
            get_access_token_model(),
            get_refresh_token_model(),
            get_id_token_model(),
            get_grant_model(),
        ):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
