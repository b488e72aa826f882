from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import Organisation, User, Wijk
from samenplan.directory.models import Location, Schedule, Service, TaxonomyTerm


class OrganisationForm(forms.ModelForm):
    """What an organisation admin may change. What kind of organisation it is and whether it
    may start plans is the platform's choice, not the organisation's."""

    class Meta:
        model = Organisation
        fields = ["name", "description", "phone", "email", "website", "wijken"]
        labels = {
            "name": _("Name"),
            "description": _("What your organisation does"),
            "phone": _("Phone number"),
            "email": _("Email address"),
            "website": _("Website"),
            "wijken": _("Neighbourhoods you work in"),
        }
        help_texts = {
            "description": _("Residents and partners read this. Keep it short and plain."),
            "phone": _("The number residents can call. It is shown on the social map."),
        }
        widgets = {"wijken": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"unique": _("Another organisation already has this name.")}}


class StaffMemberForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person gets a link at this address to choose their own password."),
        error_messages={"invalid": _("This is not an email address. Check it, for example: name@example.org.")},
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, help_text=_("For example: debt counsellor."))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email address."), code="taken")
        return email


# The social map: the organisation's locations and services, as residents read them.

# Languages a service can be offered in, by ISO 639-1 code (kept in `Service.languages`).
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
]

WEEKDAYS = Schedule.Weekday.choices


class LocationForm(forms.ModelForm):
    """A place where the organisation receives people, with its opening hours: one row per
    weekday (opens, closes, a note), empty when closed that day."""

    class Meta:
        model = Location
        fields = [
            "name",
            "location_type",
            "address_1",
            "postal_code",
            "city",
            "wijk",
            "transportation",
            "accessibility",
        ]
        labels = {
            "name": _("Name of the location"),
            "location_type": _("Kind of location"),
            "address_1": _("Street and number"),
            "postal_code": _("Postcode"),
            "city": _("Town"),
            "wijk": _("Neighbourhood"),
            "transportation": _("How to get there"),
            "accessibility": _("Accessibility"),
        }
        help_texts = {
            "name": _("For example: Wijkcentrum De Brug."),
            "transportation": _("For example: bus 4, stop Markt. Parking behind the building."),
            "accessibility": _("For example: step-free entrance, lift, accessible toilet."),
        }
        widgets = {"location_type": forms.RadioSelect}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].empty_label = _("Not in one neighbourhood")
        self.fields["wijk"].queryset = Wijk.objects.of_municipality(organisation.municipality_id)
        self.day_names = []
        for day, label in WEEKDAYS:
            self.fields[f"day{day}_opens"] = forms.TimeField(label=_("Opens at"), required=False)
            self.fields[f"day{day}_closes"] = forms.TimeField(label=_("Closes at"), required=False)
            self.fields[f"day{day}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=300, help_text=_("For example: only by appointment.")
            )
            for suffix in ("opens", "closes"):
                self.fields[f"day{day}_{suffix}"].widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
                self.fields[f"day{day}_{suffix}"].error_messages["invalid"] = _(
                    "Write the time as hours and minutes, for example 09:30."
                )
            self.day_names.append((day, label))
        if self.instance.pk and not self.is_bound:
            for schedule in self.instance.schedules.filter(service__isnull=True, service_at_location__isnull=True):
                if schedule.weekday:
                    self.initial[f"day{schedule.weekday}_opens"] = schedule.opens_at
                    self.initial[f"day{schedule.weekday}_closes"] = schedule.closes_at
                    self.initial[f"day{schedule.weekday}_note"] = schedule.description

    @property
    def place_fields(self):
        return [self[name] for name in self.Meta.fields]

    @property
    def days(self):
        """(weekday name, its three fields) for the opening hours."""
        return [(label, [self[f"day{day}_{s}"] for s in ("opens", "closes", "note")]) for day, label in self.day_names]

    def clean(self):
        cleaned = super().clean()
        for day, label in self.day_names:
            opens, closes = cleaned.get(f"day{day}_opens"), cleaned.get(f"day{day}_closes")
            if (opens is None) != (closes is None) and not self.errors.get(f"day{day}_opens"):
                missing = f"day{day}_closes" if closes is None else f"day{day}_opens"
                if not self.errors.get(missing):
                    self.add_error(
                        missing,
                        forms.ValidationError(
                            _("On %(day)s, fill in both the opening and the closing time, or neither."),
                            code="half",
                            params={"day": str(label).lower()},
                        ),
                    )
            elif opens is not None and closes is not None and closes <= opens:
                self.add_error(
                    f"day{day}_closes",
                    forms.ValidationError(
                        _("On %(day)s the closing time must be later than the opening time."),
                        code="order",
                        params={"day": str(label).lower()},
                    ),
                )
        return cleaned

    def opening_hours(self) -> list[dict]:
        """The filled-in weekdays of a valid form, ready to save as schedules."""
        rows = []
        for day, _label in self.day_names:
            opens = self.cleaned_data.get(f"day{day}_opens")
            closes = self.cleaned_data.get(f"day{day}_closes")
            note = self.cleaned_data.get(f"day{day}_note", "")
            if opens or closes or note:
                rows.append({"weekday": day, "opens_at": opens, "closes_at": closes, "description": note})
        return rows


class LifeDomainChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, term):
        return term.life_domain.label


class ServiceForm(forms.ModelForm):
    """A service on the social map, in the words a resident reads on its public page."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    terms = LifeDomainChoiceField(
        label=_("What people get help with"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents find the service under these topics."),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("This is not a web address. Check it, for example: https://www.example.org.")},
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where it is offered"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: people cannot visit it, for example help by phone or online."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "walk_in",
            "by_phone",
            "self_referral",
            "via_professional",
            "application_process",
            "free",
            "fees_description",
            "wait_time",
            "phone",
            "email",
            "url",
            "languages",
            "terms",
            "wijken",
            "status",
            "accepts_referrals",
        ]
        labels = {
            "name": _("Name of the service"),
            "description": _("What you do"),
            "eligibility_description": _("For whom"),
            "minimum_age": _("From age"),
            "maximum_age": _("Up to age"),
            "walk_in": _("Walk in without an appointment"),
            "by_phone": _("Call"),
            "self_referral": _("Sign up yourself"),
            "via_professional": _("Via a professional"),
            "application_process": _("How to get help"),
            "free": _("Free of charge"),
            "fees_description": _("Costs"),
            "wait_time": _("Waiting time"),
            "phone": _("Phone number"),
            "email": _("Email address"),
            "url": _("Website"),
            "wijken": _("Neighbourhoods"),
            "status": _("Status"),
            "accepts_referrals": _("Takes referrals through Samenplan"),
        }
        help_texts = {
            "description": _("In plain words, as you would tell a resident."),
            "eligibility_description": _("For example: people in Helmstad with money worries."),
            "minimum_age": _("Leave empty when there is no lower limit."),
            "maximum_age": _("Leave empty when there is no upper limit."),
            "application_process": _("For example: call us, we plan a first talk within a week."),
            "fees_description": _("Only when it is not free: what it costs and who pays."),
            "wait_time": _("For example: about two weeks."),
            "wijken": _("None chosen: the whole town."),
            "accepts_referrals": _("Professionals can then refer residents to you from their plan."),
        }
        widgets = {
            "wijken": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "email": {"invalid": _("This is not an email address. Check it, for example: name@example.org.")},
            "url": {"invalid": _("This is not a web address. Check it, for example: https://www.example.org.")},
            "minimum_age": {"invalid": _("Write the age as a whole number, for example 18.")},
            "maximum_age": {"invalid": _("Write the age as a whole number, for example 18.")},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = (
            TaxonomyTerm.objects.filter(life_domain__isnull=False)
            .select_related("life_domain")
            .order_by("life_domain__order", "life_domain_id")
        )
        self.fields["locations"].queryset = Location.objects.filter(organisation=organisation)
        if self.instance.pk and not self.is_bound:
            self.initial["locations"] = [sal.location_id for sal in self.instance.service_at_locations.all()]
        self.fields["wijken"].queryset = Wijk.objects.of_municipality(organisation.municipality_id).order_by("name")

    # The four ways to get there form one group on the page.
    ways = ("walk_in", "by_phone", "self_referral", "via_professional")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age",
                forms.ValidationError(_("The highest age is lower than the lowest age. Check both."), code="ages"),
            )
        if not cleaned.get("free") and not cleaned.get("fees_description") and "fees_description" not in self.errors:
            self.add_error(
                "fees_description",
                forms.ValidationError(_("Say what it costs, or tick 'Free of charge'."), code="costs"),
            )
        return cleaned

    @property
    def main_fields(self):
        return [self[name] for name in ("name", "description", "eligibility_description", "minimum_age", "maximum_age")]

    @property
    def way_fields(self):
        return [self[name] for name in self.ways]

    @property
    def rest_fields(self):
        skip = {"name", "description", "eligibility_description", "minimum_age", "maximum_age", *self.ways}
        return [self[name] for name in [*self.Meta.fields, "locations"] if name not in skip]
