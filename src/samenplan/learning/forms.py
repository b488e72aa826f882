"""Forms of the learning sessions, with messages in plain Dutch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import DateInput
from samenplan.sharing.parts import part_label

from .models import CASE_PARTS, Case, Observation, Proposal, Session


class ProposeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why would others learn from this case?"),
        max_length=Case._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The resident reads this. The session never does."),
        error_messages={"required": _("Write in a few words why this case is worth discussing.")},
    )


class DecideForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What may go into the case?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Names, addresses and dates are left out. Nobody in the session sees your plan itself."),
        error_messages={"required": _("Choose at least one part, or say no.")},
    )

    def __init__(self, *args, owner_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = [(p, part_label(p, owner_name=owner_name)) for p in CASE_PARTS]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=Session._meta.get_field("title").max_length)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    participants = forms.TypedMultipleChoiceField(
        label=_("Who takes part?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one participant.")},
        help_text=_("Professionals of any organisation. They see only the pseudonymised cases."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for _legend, people in groups for person in people}
        self.fields["participants"].choices = [(pk, p.display_name) for pk, p in self.people.items()]
        index = iter(range(len(self.people)))
        self.picker = [(legend, [(f"id_participants_{next(index)}", p) for p in people]) for legend, people in groups]

    @property
    def chosen_ids(self) -> set[int]:
        if self.is_bound:
            return {int(v) for v in self.data.getlist("participants") if str(v).isdigit()}
        return set()

    def chosen(self):
        return [self.people[pk] for pk in self.cleaned_data["participants"]]


class ObservationForm(forms.Form):
    text = forms.CharField(
        label=_("What did you notice?"),
        max_length=Observation._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what you noticed.")},
    )
    case = forms.TypedChoiceField(label=_("About"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("The session as a whole"))] + [
            (c.pk, _("Case %(n)s") % {"n": c.pk}) for c in cases
        ]


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Theme"),
        max_length=80,
        help_text=_("Choose a theme from the list or type a new one."),
        widget=forms.TextInput(attrs={"list": "learning-themes", "autocomplete": "off"}),
        error_messages={"required": _("Type a theme.")},
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Proposal"), max_length=Proposal._meta.get_field("title").max_length)
    text = forms.CharField(
        label=_("Explanation"),
        max_length=Proposal._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    destination = forms.ChoiceField(
        label=_("Send to"),
        choices=Proposal.Destination.choices,
        widget=forms.RadioSelect,
        initial=Proposal.Destination.PROGRAMME,
    )


class ProposalDecisionForm(forms.Form):
    """The breakthrough officer's answer to one proposal: granted, or refused with a reason."""

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=Proposal.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose granted or refused.")},
    )
    note = forms.CharField(
        label=_("Decision and reason"),
        required=False,
        max_length=Proposal._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The participants of the session read this. Needed when you refuse."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Proposal.Decision.REFUSED and not (data.get("note") or "").strip():
            self.add_error("note", _("Write why the proposal is refused."))
        return data
