"""Erasing one's own closed plan on request (AVG article 17), where the law allows it
(`erasure.request_refusal`); the rules and why: docs/privacy.md, "Erasure"."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samenplan.accounts.models import User
from samenplan.lib.forms import posted
from samenplan.plans.shell import plan_context
from samenplan.sharing.policy import plan_access

from .erasure import REQUEST, plan_erase, request_refusal, retention_years


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my plan and everything in it"),
        help_text=_("This cannot be undone."),
        error_messages={"required": _("Tick the box to confirm that you want to erase your plan.")},
    )


@login_required
def plan_erase_view(request, plan_id):
    """The resident (or a representative for every part) erases a closed plan; the page says
    why not when the law does not allow it (yet)."""
    access = plan_access(request.user, plan_id)
    refusal = request_refusal(access)
    form = ErasureForm(posted(request))
    if request.method == "POST" and refusal is None and form.is_valid():
        erasure = plan_erase(access.plan.pk, why=REQUEST)
        if erasure is not None and not User.objects.filter(pk=request.user.pk).exists():
            logout(request)
        return render(request, "privacy/erased.html", {"account_erased": bool(erasure and erasure.account_erased)})
    return render(
        request,
        "privacy/erase.html",
        plan_context(access, "overview", form=form, refusal=refusal, retention_years=retention_years()),
    )
