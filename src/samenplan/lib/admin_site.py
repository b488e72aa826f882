from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PlatformAdminSite(admin.AdminSite):
    """The admin is for configuration only (wijken, organisations, instruments, staff
    accounts). No plan content is registered here, and only platform admins get in."""

    site_header = _("Samenplan settings")
    site_title = _("Samenplan settings")
    index_title = _("Configuration")
    # The index lists every section already; without the side menu, lists and forms keep
    # the whole width of a 1280-pixel screen and no column is cut off.
    enable_nav_sidebar = False

    def has_permission(self, request):
        user = request.user
        # A verified session only (a code after the password, signin/twofactor.py); without
        # django-otp's middleware there is no `is_verified` and nobody gets in.
        verified = getattr(user, "is_verified", None)
        return (
            user.is_active
            and user.is_staff
            and getattr(user, "role", None) == "platform_admin"
            and verified is not None
            and verified()
        )

    def login(self, request, extra_context=None):
        # One login for the whole site: the same form, lockout and code step
        # (signin/twofactor.py) everywhere. Someone logged in who may not enter gets the
        # admin's own page saying so (sending them to the login would go round in circles).
        if request.user.is_authenticated:
            return super().login(request, extra_context)
        # Imported here: this module is loaded with the app registry, before any model.
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class PlatformAdminConfig(AdminConfig):
    default_site = "samenplan.lib.admin_site.PlatformAdminSite"


class ConfigurationAdmin(admin.ModelAdmin):
    """Platform admins may manage configuration; nobody else, whatever Django permissions
    they hold. Plan content never has a ModelAdmin."""

    def _is_platform_admin(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._is_platform_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_platform_admin(request)

    def has_add_permission(self, request):
        return self._is_platform_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_platform_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_platform_admin(request)


class ConfigurationInline:
    """Inlines follow the same rule as their parent page."""

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission
