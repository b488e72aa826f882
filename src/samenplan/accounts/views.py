from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.audit import context as audit
from samenplan.audit.models import AuditEntry
from samenplan.lib.forms import posted
from samenplan.plans.models import Plan
from samenplan.plans.services import plan_activate

from .forms import ActivationForm, LoginForm
from .models import User
from .services import account_activate, activation_user_for


class Login(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    """Send everyone to where their work is."""
    user = request.user
    if user.role == User.Role.RESIDENT:
        plan = Plan.objects.filter(owner=user).exclude(status=Plan.Status.CLOSED).first()
        if plan is None:
            plan = Plan.objects.filter(owner=user).order_by("-created_at").first()
        if plan is not None:
            return redirect("plan", plan.pk)
    elif user.role in (User.Role.PROFESSIONAL, User.Role.NETWORK):
        return redirect("caseload")
    elif user.role == User.Role.PLATFORM_ADMIN and user.is_staff:
        return redirect("admin:index")
    return render(request, "accounts/home.html")


def activate(request, token):
    """The resident opens the link from the intake email and chooses a password."""
    user = activation_user_for(token=token)
    if user is None:
        return render(request, "accounts/activation_invalid.html", status=410)
    # The page shows the resident's username and email address to whoever holds the link.
    audit.note_subject(user)
    form = ActivationForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        audit.note_action(AuditEntry.Action.UPDATE)
        with transaction.atomic():
            account_activate(user=user, password=form.cleaned_data["new_password1"])
            for plan in Plan.objects.filter(owner=user):
                plan_activate(plan=plan)
        login(request, user, backend="samenplan.accounts.backends.UsernameOrEmailBackend")
        messages.success(request, _("Welcome! Your account is ready. Start by reading your story."))
        return redirect("home")
    return render(request, "accounts/activate.html", {"form": form, "account": user})
