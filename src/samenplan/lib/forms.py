from datetime import date

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Renders every form with our field template: label, hint, error tied to the field by
    id, fieldset and legend for groups of radio buttons or checkboxes."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class HiddenDateInput(forms.DateInput):
    """A date carried along unseen, in ISO form whatever the language."""

    input_type = "hidden"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def not_in_past(value: date | None) -> None:
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(_("This date is in the past. Choose today or a later date."), code="past")


def posted(request):
    """The submitted data for a bound form, or None on GET. (An empty POST still binds, so
    its required fields get their errors.)"""
    return request.POST if request.method == "POST" else None
