from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import render

from .forms import LoginForm


class Login(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def account(request):
    """One's own account: name, username and address, and changing one's password."""
    return render(request, "accounts/account.html")
