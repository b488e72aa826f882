from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenplan.audit.admin import AuditedAdmin
from samenplan.lib.admin_site import ConfigurationAdmin, ConfigurationInline

from .models import Instrument, InstrumentItem, LifeDomain, Measurement, ScaleLabel


def _measurements_of(instrument) -> int:
    if instrument is None or instrument.pk is None:
        return 0
    return Measurement.objects.filter(instrument_id=instrument.pk).count()


def _scale_in_use_message(count: int) -> str:
    return ngettext(
        "This instrument was already filled in %(count)d time. Its scale can no longer change: the "
        "answers given would then mean something else. You can still change the words. For another "
        "scale, add a new instrument.",
        "This instrument was already filled in %(count)d times. Its scale can no longer change: the "
        "answers given would then mean something else. You can still change the words. For another "
        "scale, add a new instrument.",
        count,
    ) % {"count": count}


class LifeDomainOrderForm(forms.ModelForm):
    """A row of the life-domain list: its order field is named after its row, so a screen
    reader says which domain's order it is (Django's list gives it no label)."""

    class Meta:
        model = LifeDomain
        fields = ["order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["aria-label"] = _("Order of %(domain)s") % {"domain": self.instance.name}


@admin.register(LifeDomain)
class LifeDomainAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "resident_name", "theme", "order"]
    list_editable = ["order"]
    list_filter = ["theme"]

    def get_changelist_form(self, request, **kwargs):
        return LifeDomainOrderForm


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["name", "name_en", "code", "active", "order", "min_value", "max_value", "intro", "intro_en"]
        help_texts = {
            "code": _("A short name without spaces, used in web addresses. It cannot change once in use."),
            "intro": _("Shown above the questions. Write it for residents: short and plain."),
            "min_value": _("The lowest answer, for example 1. Cannot change once the instrument was filled in."),
            "max_value": _("The highest answer, for example 5. Cannot change once the instrument was filled in."),
            "active": _("Only instruments in use can be filled in."),
            "order": _("Instruments with a lower number come first."),
        }

    def clean(self):
        cleaned = super().clean()
        count = _measurements_of(self.instance)
        scale = [name for name in ("min_value", "max_value", "code") if name in self.changed_data]
        if count and scale:
            for name in scale:
                self.add_error(name, _scale_in_use_message(count))
        return cleaned


class InUseFormSet(BaseInlineFormSet):
    """Rows of an instrument that was filled in that nobody may add, remove or give another
    meaning (`changes_meaning`): earlier scores must keep meaning what they meant."""

    code = "in_use"

    def changes_meaning(self, form) -> bool:
        raise NotImplementedError

    def clean(self):
        super().clean()
        count = _measurements_of(self.instance)
        if not count:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            added = form.instance.pk is None and form.has_changed()
            removed = form.cleaned_data.get("DELETE") and form.instance.pk is not None
            if added or removed or (form.instance.pk is not None and self.changes_meaning(form)):
                raise forms.ValidationError(_scale_in_use_message(count), code=self.code)


class ScaleLabelFormSet(InUseFormSet):
    """Answer options stay: a score of 3 keeps meaning what it meant. The words may still
    be improved."""

    code = "scale_in_use"

    def changes_meaning(self, form) -> bool:
        return "value" in form.changed_data


class ItemFormSet(InUseFormSet):
    """Questions stay (answers point to them); how an answer becomes a score is part of the
    scale, so yes/no scores stay too."""

    code = "items_in_use"

    def changes_meaning(self, form) -> bool:
        return bool({"answer_kind", "yes_value", "no_value"} & set(form.changed_data))


class ScaleLabelInline(ConfigurationInline, admin.StackedInline):
    # Stacked, not tabular: every field keeps its own label (screen readers) and the page
    # stays within the window.
    model = ScaleLabel
    formset = ScaleLabelFormSet
    extra = 0
    fields = ["value", ("label", "label_en"), ("description", "description_en")]


class ItemInline(ConfigurationInline, admin.StackedInline):
    model = InstrumentItem
    formset = ItemFormSet
    extra = 0
    # Folded: thirteen questions of eleven fields each would make a page metres long.
    classes = ["collapse"]
    fields = [
        ("code", "domain", "order"),
        ("name", "name_en"),
        ("resident_name", "resident_name_en"),
        ("question", "question_en"),
        ("help", "help_en"),
        ("answer_kind", "yes_value", "no_value"),
    ]


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdmin, ConfigurationAdmin):
    form = InstrumentForm
    list_display = ["name", "min_value", "max_value", "active"]
    fieldsets = [
        (None, {"fields": [("name", "name_en"), ("code", "active", "order"), ("min_value", "max_value")]}),
        (_("Introduction"), {"fields": ["intro", "intro_en"]}),
    ]
    inlines = [ScaleLabelInline, ItemInline]
