"""Lockout (docs/security.md): a platform admin sees who is locked out and lifts a lockout.
Imported by signin/admin.py; django-axes' own admin pages are off (settings)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from samenplan.audit.admin import AuditedAdmin
from samenplan.lib.admin_site import ConfigurationAdmin

# django-axes ships no Dutch; its words on these pages are translated in our catalogue.
AXES_WORDS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Username"),
    gettext_noop("IP Address"),
    gettext_noop("Failed Logins"),
    gettext_noop("Attempt Time"),
    gettext_noop("User Agent"),
)


@admin.register(AccessAttempt)
class LockoutAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "locked")
    search_fields = ("username", "ip_address")
    fields = ("username", "ip_address", "user_agent", "failures_since_start", "attempt_time")
    readonly_fields = fields
    actions = ["unlock"]

    @admin.display(boolean=True, description=_("locked out now"))
    def locked(self, obj):
        return (
            obj.failures_since_start >= settings.AXES_FAILURE_LIMIT
            and obj.attempt_time >= timezone.now() - settings.AXES_COOLOFF_TIME
        )

    @admin.action(description=_("Unlock: let them try again now"))
    def unlock(self, request, queryset):
        # The attempts are the lockout: without them the username and address start afresh.
        self.log_deletions(request, queryset)
        count, _deleted = queryset.delete()
        self.message_user(
            request,
            ngettext("%(count)d lockout lifted.", "%(count)d lockouts lifted.", count) % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
