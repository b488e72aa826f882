"""The platform admin may see who has set up the app and remove an app or recovery codes
(for a person who lost both); never the secret, and never add one for someone else."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.audit.admin import AuditedAdmin
from samenplan.lib.admin_site import ConfigurationAdmin

# Lockout (lockout_admin.py): the pages that show and lift django-axes' lockouts.
from . import lockout_admin  # noqa: F401


class _DeviceAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Registered before django-otp's own admins (this app comes first in INSTALLED_APPS), which
# would show the secret key and the QR code to the admin.
admin.site.register(TOTPDevice, _DeviceAdmin)
admin.site.register(StaticDevice, _DeviceAdmin)
