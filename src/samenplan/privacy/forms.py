"""The request to correct, and the coordinator's answer."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import CorrectionRequest

MAX_TEXT = 2000


class CorrectionForm(forms.Form):
    """What is wrong (a part of a plan or an account detail) and what it should be."""

    plan = forms.TypedChoiceField(
        label=_("Which plan is it about?"),
        coerce=int,
        error_messages={"required": _("Choose the plan."), "invalid_choice": _("Choose one of the plans.")},
    )
    about = forms.ChoiceField(
        label=_("What is not right?"),
        choices=[("", _("Choose")), *CorrectionRequest.About.choices],
        error_messages={
            "required": _("Choose what is not right."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    text = forms.CharField(
        label=_("What should it be?"),
        help_text=_("Write what is wrong and what it should say. Your coordinator reads this."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write what should change."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["plan"].choices = [
            (
                plan.pk,
                _("Plan in %(wijk)s, since %(date)s")
                % {"wijk": plan.wijk.name, "date": formats.date_format(plan.created_at, "j F Y")},
            )
            for plan in plans
        ]
        if len(plans) == 1:
            # One plan: nothing to choose.
            self.fields["plan"].widget = forms.HiddenInput()
            self.fields["plan"].initial = plans[0].pk

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what should change."))
        return text

    def clean_plan(self):
        return self.plans[self.cleaned_data["plan"]]


class AnswerForm(forms.Form):
    """The coordinator's answer: corrected, or not changed and why."""

    status = forms.ChoiceField(
        label=_("What did you do?"),
        choices=[
            (CorrectionRequest.Status.DONE, _("I corrected it")),
            (CorrectionRequest.Status.NOT_CHANGED, _("I did not change it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you corrected it.")},
    )
    answer = forms.CharField(
        label=_("Your answer to the resident"),
        help_text=_("If you did not change it, say why. The resident reads this."),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")},
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == CorrectionRequest.Status.NOT_CHANGED and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Say why you did not change it."))
        return data
