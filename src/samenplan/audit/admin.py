"""Every change made in the admin site (accounts, roles, organisations, wijken,
instruments) leaves an audit entry, in the same transaction as the change. Every
`ModelAdmin` of the site takes this mixin; a test checks that none is without it."""

from django.contrib.admin.models import LogEntry
from django.utils import translation

from . import context
from .models import AuditEntry


def _describe(obj, message) -> str:
    # The admin's own words for the change ("Changed Role and Organisation."), in English
    # like the rest of the log's reasons, with what was changed and which row.
    with translation.override("en"):
        change = LogEntry(change_message=message).get_change_message() if message else ""
        label = f"{obj._meta.verbose_name} {obj._meta.label_lower}#{obj.pk} «{obj}»"
        return f"{label}: {change}" if change else label


class AuditedAdmin:
    def log_addition(self, request, obj, message):
        context.note_admin(AuditEntry.Action.CREATE, obj=obj, description=_describe(obj, message))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        context.note_admin(AuditEntry.Action.UPDATE, obj=obj, description=_describe(obj, message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            context.note_admin(AuditEntry.Action.DELETE, obj=obj, description=_describe(obj, "deleted"))
        return super().log_deletions(request, queryset)
