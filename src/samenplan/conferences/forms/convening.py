"""Forms of convening: the coordinator's convening form and people picker, the resident's
consent, and closing or cancelling. The picker of professionals is drawn by the templates
as one fieldset per organisation (`groups`); the form only checks the chosen ids."""

import uuid
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput, not_in_past
from samenplan.sharing.parts import part_label

from ..models import Conference
from ..services.convening import CONSENTABLE_PARTS


class ProfessionalPicker(forms.Form):
    """Professionals to invite, chosen from `groups` (see `selectors.invitable_professionals`)."""

    professionals = forms.TypedMultipleChoiceField(
        label=_("Who should join?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one professional to invite.")},
        help_text=_("Professionals of any organisation. They see nothing until the resident agrees."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.people = {person.pk: person for group in groups for person in group.people}
        self.fields["professionals"].choices = [(pk, person.display_name) for pk, person in self.people.items()]
        # For the template: each checkbox with its id; the first is what the error summary links to.
        index = iter(range(len(self.people)))
        self.picker = [
            (group.legend, [(f"id_professionals_{next(index)}", person) for person in group.people]) for group in groups
        ]

    @property
    def chosen_ids(self) -> set[int]:
        """What the person ticked, also when the form had errors (to keep it ticked)."""
        if self.is_bound:
            return {int(v) for v in self.data.getlist("professionals") if str(v).isdigit()}
        return set()

    def chosen(self) -> list:
        return [self.people[pk] for pk in self.cleaned_data["professionals"]]


class ConveneForm(ProfessionalPicker):
    stuck = forms.CharField(
        label=_("What is stuck?"),
        max_length=Conference._meta.get_field("stuck").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In plain words. The resident reads this too."),
    )
    tried = forms.CharField(
        label=_("What was tried already?"),
        required=False,
        max_length=Conference._meta.get_field("tried").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput, validators=[not_in_past])
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(
        label=_("Place"),
        max_length=Conference._meta.get_field("place").max_length,
        help_text=_("An address or a room, or “video call”."),
    )
    submit_token = forms.UUIDField(widget=forms.HiddenInput)

    field_order = ["stuck", "tried", "date", "time", "place", "professionals", "submit_token"]

    def __init__(self, data=None, *, groups):
        super().__init__(data, groups=groups, initial={"submit_token": uuid.uuid4()})

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("date"), cleaned.get("time")
        if day is not None and time is not None:
            meets_at = timezone.make_aware(datetime.combine(day, time))
            if meets_at < timezone.now():
                self.add_error("time", _("This time has passed already. Choose a later time."))
            cleaned["meets_at"] = meets_at
        return cleaned


class ConsentForm(forms.Form):
    """The resident's choices: which professionals may join, whom of her network she brings,
    and which parts the table may see while the conference is planned."""

    professionals = forms.TypedMultipleChoiceField(
        label=_("These professionals may join"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick someone you do not want at the table."),
    )
    network = forms.TypedMultipleChoiceField(
        label=_("I bring along"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People from your network who join the meeting."),
    )
    parts = forms.MultipleChoiceField(
        label=_("They may see this during the meeting"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("View only, and only while the meeting is planned. When the meeting closes, it ends by itself."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, choices, conference: Conference, owner_name: str | None):
        initial = {
            "professionals": [p.pk for p in choices.professionals],
            "network": sorted(choices.chosen_network_ids),
            "parts": list(conference.consent_parts),
            "version": conference.version,
        }
        super().__init__(data, initial=initial)
        # Every choice here may be left empty; "(optional)" on each would only distract.
        self.hide_optional = True
        self.choices = choices
        self.fields["professionals"].choices = [
            (p.pk, f"{p.name} ({p.organisation.name})" if p.organisation_id else p.name) for p in choices.professionals
        ]
        self.fields["network"].choices = [(m.pk, m.display_name) for m in choices.network]
        self.fields["parts"].choices = [(p, part_label(p, owner_name=owner_name)) for p in CONSENTABLE_PARTS]
        if owner_name is not None:
            self.fields["network"].label = _("%(name)s brings along") % {"name": owner_name}
            self.fields["network"].help_text = _("People from %(name)s's network who join the meeting.") % {
                "name": owner_name
            }
        if not choices.professionals:
            del self.fields["professionals"]
        if not choices.network:
            del self.fields["network"]

    def approved(self) -> list:
        chosen = set(self.cleaned_data.get("professionals") or [])
        return [p for p in self.choices.professionals if p.pk in chosen]

    def chosen_network(self) -> list:
        chosen = set(self.cleaned_data.get("network") or [])
        return [m for m in self.choices.network if m.pk in chosen]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not? (you do not have to say)"),
        required=False,
        max_length=Conference._meta.get_field("cancel_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, conference: Conference, **kwargs):
        super().__init__(data, initial={"version": conference.version}, prefix="decline", **kwargs)
        self.hide_optional = True


class RemoveParticipantForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpForm(forms.Form):
    """The date the conference looks back on its decisions (closing, or changing it afterwards)."""

    follow_up_on = forms.DateField(
        label=_("When do we look back on the decisions?"),
        required=False,
        widget=DateInput,
        validators=[not_in_past],
        help_text=_("Recommended: a date some weeks from now. You can change it later."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, conference: Conference, prefix: str):
        super().__init__(
            data, initial={"follow_up_on": conference.follow_up_on, "version": conference.version}, prefix=prefix
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the meeting not go ahead?"),
        max_length=Conference._meta.get_field("cancel_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the meeting does not go ahead.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, data=None, *, conference: Conference):
        super().__init__(data, initial={"version": conference.version}, prefix="cancel")
