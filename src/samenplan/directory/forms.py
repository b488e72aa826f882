import functools

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import language_name

# The languages a resident can filter by: the most spoken in Dutch towns. A service may
# list others; its page names them all.
FILTER_LANGUAGES = ["nl", "en", "ar", "tr", "pl", "uk", "de", "fr", "es", "ru", "fa", "so", "ti", "pap"]

AGE_GROUP_CHOICES = [
    ("", _("All ages")),
    ("children", _("Children (0 to 11)")),
    ("young", _("Young people (12 to 17)")),
    ("adults", _("Adults (18 to 66)")),
    ("elderly", _("Older people (67 and up)")),
]


class ServiceChoiceField(forms.TypedChoiceField):
    """A choice among services on the social map, given as objects loaded once with their
    organisation (`set_services`); the cleaned value is the service itself."""

    def __init__(self, *, empty_label, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose a service from the list.")})
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.services = {}

    def set_services(self, services) -> None:
        self.services = {service.pk: service for service in services}
        self.choices = [("", self.empty_label)] + [
            (service.pk, f"{service.name} ({service.organisation.name})") for service in services
        ]

    def clean(self, value):
        pk = super().clean(value)
        return self.services.get(pk) if pk is not None else None


@functools.lru_cache(maxsize=8)
def _language_choices(active_language: str) -> list[tuple[str, str]]:
    """The languages to filter on, by name in the active language (named once per language)."""
    return sorted(((code, language_name(code)) for code in FILTER_LANGUAGES), key=lambda choice: choice[1])


class SocialMapSearchForm(forms.Form):
    """The social map's search and filters: a GET form, so a search can be bookmarked,
    shared and printed; it works without JavaScript."""

    # Every filter is optional; saying so on each would only be noise.
    hide_optional = True

    q = forms.CharField(
        label=_("What do you need help with?"),
        help_text=_("For example: debts, food bank, loneliness, housing."),
        max_length=100,
        required=False,
    )
    domain = forms.TypedChoiceField(label=_("Topic"), coerce=int, required=False, empty_value=None)
    wijk = forms.TypedChoiceField(label=_("Neighbourhood"), coerce=int, required=False, empty_value=None)
    age = forms.ChoiceField(label=_("Age group"), choices=AGE_GROUP_CHOICES, required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    free = forms.BooleanField(label=_("Only free of charge"), required=False)

    def __init__(self, *args, domains=(), wijken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", _("All topics")), *((term.pk, term.label) for term in domains)]
        self.fields["wijk"].choices = [("", _("All neighbourhoods")), *((wijk.pk, wijk.label) for wijk in wijken)]
        self.fields["language"].choices = [("", _("All languages")), *_language_choices(get_language() or "nl")]

    def filters(self) -> dict:
        """The valid filters, as `service_search` takes them (an invalid one is left out and
        its message shown by the field)."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "life_domain": data.get("domain"),
            "wijk": data.get("wijk"),
            "age_group": data.get("age") or "",
            "free": bool(data.get("free")),
            "language": data.get("language") or "",
        }

    @cached_property
    def options(self) -> dict:
        """The <option>s of each select, drawn here: the widget draws every option through
        a template of its own, which was most of the page's time."""
        options = {}
        for name in ("domain", "wijk", "age", "language"):
            current = self[name].value()
            current = "" if current is None else str(current)
            options[name] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, " selected" if str(value) == current else "", label)
                    for value, label in self.fields[name].choices
                ),
            )
        return options

    @property
    def active(self) -> bool:
        return any(self.filters().values())
