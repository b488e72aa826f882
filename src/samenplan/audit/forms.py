from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput
from samenplan.sharing.parts import Part

DEFAULT_PERIOD = timedelta(days=90)


class AccessLogFilter(forms.Form):
    hide_optional = True

    since = forms.DateField(label=_("From"), widget=DateInput, required=False)
    until = forms.DateField(label=_("Until"), widget=DateInput, required=False)
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    part = forms.ChoiceField(label=_("Part of the plan"), required=False)
    own = forms.BooleanField(label=_("Also show my own visits"), required=False)

    def __init__(self, *args, people, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Everyone")), *people]
        self.fields["part"].choices = [("", _("All parts")), *((p.value, p.label) for p in Part if p.value in parts)]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        cleaned["until"] = cleaned.get("until") or today
        cleaned["since"] = cleaned.get("since") or cleaned["until"] - DEFAULT_PERIOD
        if cleaned["since"] > cleaned["until"]:
            self.add_error("since", _("The start date is after the end date."))
        return cleaned
