"""Where people arrive: the home page sends each person to their work, and the resident
opens their plan from the intake email by choosing a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samenplan.accounts.forms import ActivationForm
from samenplan.accounts.models import User
from samenplan.accounts.services import account_activate, activation_user_for
from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry

from .. import selectors
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
        with transaction.atomic():
            account_activate(user=user, password=form.cleaned_data["new_password1"])
            plans_activate(owner=user)
        login(request, user, backend="samenplan.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Welcome! Your account is ready. Start by reading your story."))
        return redirect("home")
    return render(request, "accounts/activate.html", {"form": form, "account": user})
