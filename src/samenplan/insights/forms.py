"""The insights filter: a GET form, so a view can be bookmarked, shared and exported as it is.

Every field is optional and has a default (all wijken, the latest complete quarter, all
life domains). A value that is not one of the choices gets a message in words and the
default in its place; the other choices stay as they were chosen.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dashboard import ALL, THEME, Choice, Labels


def _shorten(value: str) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= 40 else value[:39] + "…"


class FilterChoiceField(forms.ChoiceField):
    """A choice whose message names what was given (shortened) and what is shown instead."""

    instead = ""

    def validate(self, value):
        if value and not self.valid_value(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _shorten(value), "default": self.instead},
            )


class InsightsFilterForm(forms.Form):
    hide_optional = True

    wijk = FilterChoiceField(label=_("Wijk"), required=False)
    kwartaal = FilterChoiceField(label=_("Quarter"), required=False)
    domein = FilterChoiceField(label=_("Life domain or theme"), required=False)

    def __init__(self, data, *, labels: Labels, with_domain: bool = True):
        super().__init__(data)
        self.labels = labels
        self.with_domain = with_domain
        self.fields["wijk"].choices = [("", gettext("All wijken")), *labels.areas]
        self.fields["kwartaal"].choices = [(key, labels.quarter(key)) for key in reversed(labels.quarters)]
        groups = [("", gettext("All life domains"))]
        for value, name, members in labels.themes():
            groups.append((name, [(f"{THEME}{value}", gettext("All of %(theme)s") % {"theme": name}), *members]))
        self.fields["domein"].choices = groups
        if not with_domain:
            del self.fields["domein"]
        if labels.default_quarter:
            self.fields["kwartaal"].instead = labels.quarter(labels.default_quarter)
        self.fields["wijk"].error_messages["invalid_choice"] = _(
            "We do not know the wijk “%(value)s”. You now see all wijken."
        )
        self.fields["kwartaal"].error_messages["invalid_choice"] = _(
            "There are no figures for the quarter “%(value)s”. You now see %(default)s."
        )
        if with_domain:
            self.fields["domein"].error_messages["invalid_choice"] = _(
                "We do not know the life domain or theme “%(value)s”. You now see all life domains."
            )

    def choice(self) -> Choice:
        """What to show: the valid choices, and the default for any other."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        return Choice(
            quarter=data.get("kwartaal") or self.labels.default_quarter,
            area=data.get("wijk") or ALL,
            node=(data.get("domein") or ALL) if self.with_domain else ALL,
        )

    def query(self, choice: Choice | None = None) -> str:
        """The query string of a choice (the current one by default), for links and the CSV file."""
        choice = choice or self.choice()
        query = QueryDict(mutable=True)
        if choice.area != ALL:
            query["wijk"] = choice.area
        query["kwartaal"] = choice.quarter
        if self.with_domain and choice.node != ALL:
            query["domein"] = choice.node
        return query.urlencode()

    @cached_property
    def options(self) -> dict:
        """The <option>s of each select, with the chosen (or default) value selected: an
        invalid value is replaced by the default it stands for, so the form shows what the
        page shows."""
        choice = self.choice()
        current = {
            "wijk": "" if choice.area == ALL else choice.area,
            "kwartaal": choice.quarter,
            "domein": "" if choice.node == ALL else choice.node,
        }
        return {name: self._options(self.fields[name].choices, current[name]) for name in self.fields}

    @staticmethod
    def _options(choices, current: str):
        def option(value, label):
            return format_html(
                '<option value="{}"{}>{}</option>', value, " selected" if str(value) == current else "", label
            )

        parts = []
        for value, label in choices:
            if isinstance(label, list | tuple):
                inner = format_html_join("", "{}", ((option(v, text),) for v, text in label))
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, inner))
            else:
                parts.append(option(value, label))
        return format_html_join("", "{}", ((part,) for part in parts))
