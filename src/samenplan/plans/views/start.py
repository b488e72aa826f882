"""Where people arrive: the home page sends each person to their work, and the resident
opens their plan by choosing a password, from the intake email or with the code on a
letter the coordinator printed."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samenplan.accounts.forms import ActivationForm
from samenplan.accounts.models import User
from samenplan.accounts.services import (
    account_activate,
    activation_code_clean,
    activation_code_user,
    activation_user_for,
)
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.network import client_address

from .. import selectors
from ..forms import ActivationCodeForm
from ..services import plans_activate


@login_required
def home(request):
    """Send everyone to where their work is."""
    user = request.user
    if user.role == User.Role.RESIDENT:
        plan_id = selectors.own_plan_id(user=user)
        if plan_id is not None:
            return redirect("plan", plan_id)
    elif user.role in (User.Role.PROFESSIONAL, User.Role.NETWORK):
        return redirect("caseload")
    elif user.role == User.Role.ANALYST:
        return redirect("insights")
    elif user.role == User.Role.PLATFORM_ADMIN and user.is_staff:
        return redirect("admin:index")
    return render(request, "accounts/home.html")


@never_cache
def activate(request, token):
    """The resident opens the link from the intake email and chooses a password."""
    user = activation_user_for(token=token)
    if user is None:
        return render(request, "accounts/activation_invalid.html", status=410)
    # The page shows the resident's username and email address to whoever holds the link.
    audit.note_subject(user)
    form = ActivationForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        audit.note_action(AuditEntry.Action.UPDATE)
        return _open_plan(request, user, form.cleaned_data["new_password1"])
    return render(request, "accounts/activate.html", {"form": form, "account": user})


CODE_SESSION_KEY = "activation_code"


def _open_plan(request, user, password: str):
    with transaction.atomic():
        account_activate(user=user, password=password)
        plans_activate(owner=user)
    login(request, user, backend="samenplan.accounts.backends.UsernameOrEmailBackend")
    messages.success(request, _("Welcome! Your account is ready. Start by reading your story."))
    return redirect("home")


@never_cache
def activate_code(request):
    """The resident types the code from the letter, then chooses a password. The code waits
    in the session between the two steps and is checked again when the password is saved."""
    if request.user.is_authenticated:
        return redirect("home")
    client = client_address(request)
    if request.method == "POST" and "new_password1" in request.POST:
        user = activation_code_user(code=request.session.get(CODE_SESSION_KEY, ""), client=client)
        if user is None:
            request.session.pop(CODE_SESSION_KEY, None)
            return render(request, "accounts/activate_code.html", {"form": ActivationCodeForm(), "expired": True})
        audit.note_subject(user)
        form = ActivationForm(user, request.POST)
        if form.is_valid():
            audit.note_action(AuditEntry.Action.UPDATE)
            request.session.pop(CODE_SESSION_KEY, None)
            return _open_plan(request, user, form.cleaned_data["new_password1"])
        return render(request, "accounts/activate.html", {"form": form, "account": user})
    if request.method == "POST":
        code_form = ActivationCodeForm(request.POST)
        if code_form.is_valid():
            user = activation_code_user(code=code_form.cleaned_data["code"], client=client)
            if user is not None:
                # The next page names the resident: the log shows whose code was used.
                audit.note_subject(user)
                request.session[CODE_SESSION_KEY] = activation_code_clean(code_form.cleaned_data["code"])
                form = ActivationForm(user)
                return render(request, "accounts/activate.html", {"form": form, "account": user})
            code_form.add_error(
                "code",
                _(
                    "This code does not work. Check the letters and digits and try again. Has the date on "
                    "the letter passed, or did you use the code before? Then ask your coordinator for a new letter."
                ),
            )
        return render(request, "accounts/activate_code.html", {"form": code_form})
    code_form = ActivationCodeForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(request, "accounts/activate_code.html", {"form": code_form})
