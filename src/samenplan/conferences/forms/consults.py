"""Forms of consults: asking one (anonymous, or about one part of a plan), answering one,
and the buttons that name the version they saw."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib import pii

from ..models import Consult


def personal_data_message(found: list[pii.Finding]) -> str:
    """What was found, each once, in the order it appears."""
    texts = list(dict.fromkeys(finding.text for finding in found))
    return _(
        "There is personal information in your question: %(found)s. An anonymous question "
        "contains no names, addresses, dates or numbers. Remove them, or ask the question "
        "about a part of the plan, with consent."
    ) % {"found": ", ".join(f"“{text}”" for text in texts)}


class ConsultAskForm(forms.Form):
    to_organisation = forms.TypedChoiceField(
        label=_("Which organisation do you ask?"),
        coerce=int,
        error_messages={
            "required": _("Choose the organisation you want to ask."),
            "invalid_choice": _("Choose one of the organisations in the list."),
        },
    )
    domain = forms.ModelChoiceField(
        label=_("Which life domain is it about?"),
        queryset=None,
        empty_label=_("Choose a life domain"),
        error_messages={"required": _("Choose the life domain your question is about.")},
    )
    part = forms.ChoiceField(
        label=_("Which part of the plan is it about?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the one part of the plan your question is about.")},
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=Consult._meta.get_field("question").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your question.")},
    )
    # Made when the form is drawn: the same form submitted twice makes one consult.
    submit_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, organisations, domains, names=(), parts=None, owner_name: str = ""):
        """`organisations` is (on the social map, others); `parts` (value, label) pairs for
        a consult about a plan, None for an anonymous one, whose question is checked
        against `names` and the patterns of `lib.pii`."""
        super().__init__(data, initial={"submit_token": uuid.uuid4()})
        on_map, others = organisations
        self.organisations = {o.pk: o for o in [*on_map, *others]}
        choices = [("", _("Choose an organisation"))]
        if on_map:
            choices.append((_("On the social map"), [(o.pk, o.name) for o in on_map]))
        if others:
            choices.append((_("Other organisations"), [(o.pk, o.name) for o in others]))
        self.fields["to_organisation"].choices = choices
        self.fields["domain"].queryset = domains
        self.fields["domain"].label_from_instance = lambda domain: domain.label
        self.names = list(names)
        self.anonymous = parts is None
        if self.anonymous:
            del self.fields["part"]
            self.fields["question"].help_text = _(
                "Ask it without names, addresses, dates or numbers: the other organisation must not "
                "be able to tell who it is about."
            )
        else:
            self.fields["part"].choices = parts
            self.fields["part"].help_text = _(
                "%(name)s decides first. The other organisation sees only this part, and only until it answers."
            ) % {"name": owner_name}
            if len(parts) == 1:
                self.initial["part"] = parts[0][0]

    def clean_to_organisation(self):
        pk = self.cleaned_data["to_organisation"]
        if pk not in self.organisations:
            raise forms.ValidationError(_("Choose one of the organisations in the list."), code="invalid_choice")
        return self.organisations[pk]

    def clean_question(self):
        question = self.cleaned_data["question"]
        if self.anonymous:
            found = pii.findings(question, names=self.names)
            if found:
                raise forms.ValidationError(personal_data_message(found), code="personal_data")
        return question


class ConsultAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=Consult._meta.get_field("answer").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The person who asked reads this. Once sent, the question is closed."),
        error_messages={"required": _("Write your answer.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ConsultActionForm(forms.Form):
    """A button on a consult's page (yes, no, stop): it names the version it saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
