"""The recurring themes (editable) and the anonymous copies of breakthrough requests (read
only) for the platform admin. Conferences, consults and requests themselves are plan
content and stay out of the admin."""

from django.contrib import admin

from samenplan.audit.admin import AuditedAdmin
from samenplan.lib.admin_site import ConfigurationAdmin

from .models import ObstacleRecord, Theme


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    fields = ["name"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ObstacleRecord)
class ObstacleRecordAdmin(AuditedAdmin, ConfigurationAdmin):
    """Read only: the copy is what the conference sent, and its outcome what the officer decided."""

    list_display = ["filed_month", "wijk", "domain", "cost_solution", "cost_nothing", "outcome"]
    list_filter = ["themes", "outcome", "wijk", "domain"]
    search_fields = ["obstacle", "solution"]
    fields = [
        "filed_month",
        "wijk",
        "domain",
        "themes",
        "obstacle",
        "solution",
        "cost_solution",
        "cost_nothing",
        "outcome",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
