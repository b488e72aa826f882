from django.contrib import admin

from samenplan.audit.admin import AuditedAdmin
from samenplan.lib.admin_site import ConfigurationAdmin, ConfigurationInline

from .models import Instrument, InstrumentItem, LifeDomain, ScaleLabel


@admin.register(LifeDomain)
class LifeDomainAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "resident_name", "theme", "order"]
    list_editable = ["order"]
    list_filter = ["theme"]


class ItemInline(ConfigurationInline, admin.StackedInline):
    model = InstrumentItem
    extra = 0


class ScaleLabelInline(ConfigurationInline, admin.TabularInline):
    model = ScaleLabel
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "code", "min_value", "max_value", "active", "order"]
    inlines = [ScaleLabelInline, ItemInline]
