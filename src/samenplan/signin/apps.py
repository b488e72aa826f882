from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "samenplan.signin"
    verbose_name = _("Signing in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import start_the_clock

        user_logged_in.connect(start_the_clock, dispatch_uid="signin-start-the-clock")
