from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput, not_in_past

from .models import Membership
from .parts import Level, Part

LEVEL_CHOICES = [
    (Level.NONE, _("Nothing")),
    (Level.VIEW, _("View")),
    (Level.CONTRIBUTE, _("View and add")),
]


class NetworkPersonForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["name", "relation", "organisation_name", "job_title", "helps_with", "email", "phone"]
        labels = {
            "name": _("Name"),
            "relation": _("Who is this for you?"),
            "organisation_name": _("Organisation (for professionals)"),
            "job_title": _("Role or job (for professionals)"),
            "helps_with": _("What does this person help with?"),
        }
        help_texts = {
            "helps_with": _("For example: post and letters, shopping, a listening ear."),
            "email": _("Only needed to invite this person into your plan."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["relation"].choices = [("", _("Choose")), *Membership.Relation.choices]


class InviteForm(forms.Form):
    """Invite a person on the map. The resident may share parts straight away; the person
    sees nothing else until the resident says so."""

    email = forms.EmailField(label=_("Email address"))
    representative = forms.BooleanField(
        label=_("This person is a legal representative (mentor, curator, bewindvoerder or parent of a minor)"),
        required=False,
    )
    representation = forms.ChoiceField(
        label=_("Kind of representation"),
        choices=[("", _("Choose")), *Membership.Representation.choices],
        required=False,
    )
    represents = forms.MultipleChoiceField(
        label=_("For which parts does the representative act for the resident?"),
        help_text=_("Choose none to let them act for the resident in every part, including who sees what."),
        choices=Part.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, may_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_share = may_share
        if may_share:
            for part in Part:
                self.fields[f"part_{part.value}"] = forms.TypedChoiceField(
                    label=part.label,
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    initial=Level.NONE,
                    widget=forms.RadioSelect(attrs={"class": "inline"}),
                )

    @property
    def part_fields(self):
        return [self[f"part_{part.value}"] for part in Part] if self.may_share else []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("representative") and not cleaned.get("representation"):
            self.add_error("representation", _("Choose the kind of representation."))
        return cleaned

    def grants(self) -> dict[str, int]:
        if not self.may_share:
            return {}
        return {part.value: self.cleaned_data[f"part_{part.value}"] for part in Part}


class SharingForm(forms.Form):
    """The whole grid in one form: per member a level for each part and an end date."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            member = row.membership
            for part in Part:
                self.fields[f"level_{member.pk}_{part.value}"] = forms.TypedChoiceField(
                    label=_("%(name)s: %(part)s") % {"name": member.display_name, "part": part.label},
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    initial=row.levels[part.value],
                )
            self.fields[f"until_{member.pk}"] = forms.DateField(
                label=_("%(name)s may see this until (optional)") % {"name": member.display_name},
                required=False,
                widget=DateInput,
                initial=row.until,
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            key = f"until_{row.membership.pk}"
            if key in self.changed_data and cleaned.get(key):
                try:
                    not_in_past(cleaned[key])
                except forms.ValidationError as error:
                    self.add_error(key, error)
        return cleaned

    def grid(self):
        """(row, [bound level field per part], bound until field) for the template."""
        return [
            (
                row,
                [self[f"level_{row.membership.pk}_{part.value}"] for part in Part],
                self[f"until_{row.membership.pk}"],
            )
            for row in self.rows
        ]

    def decisions(self):
        return {
            row.membership: (
                {part.value: self.cleaned_data[f"level_{row.membership.pk}_{part.value}"] for part in Part},
                self.cleaned_data[f"until_{row.membership.pk}"],
            )
            for row in self.rows
        }


class EmergencyForm(forms.Form):
    part = forms.ChoiceField(label=_("Which part do you need to open?"))
    reason = forms.CharField(
        label=_("Why is this needed now?"),
        help_text=_("The resident reads this. Write it so they understand it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=1000,
    )
    hours = forms.IntegerField(
        label=_("For how many hours?"),
        min_value=1,
        max_value=72,
        initial=settings.EMERGENCY_ACCESS_HOURS,
        help_text=_("At most 72 hours. Access ends by itself."),
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", _("Choose"))] + [(p.value, p.label) for p in parts]
