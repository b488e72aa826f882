from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import LogoutView
from django.urls import path, reverse_lazy

from . import views
from .forms import ActivationForm, OwnPasswordForm, PasswordForgottenForm

urlpatterns = [
    path("accounts/login/", views.Login.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/", views.account, name="account"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=OwnPasswordForm,
            success_url=reverse_lazy("password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "accounts/password/forgotten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_forgotten.html",
            email_template_name="email/password_reset.txt",
            subject_template_name="email/password_reset_subject.txt",
            form_class=PasswordForgottenForm,
            # Links in emails use the configured address, never the request's Host header.
            extra_email_context={"base_url": settings.BASE_URL},
            success_url=reverse_lazy("password_forgotten_sent"),
        ),
        name="password_forgotten",
    ),
    path(
        "accounts/password/forgotten/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_forgotten_sent.html"),
        name="password_forgotten_sent",
    ),
    path(
        "accounts/password/new/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_new.html",
            form_class=ActivationForm,
            success_url=reverse_lazy("password_new_done"),
        ),
        name="password_new",
    ),
    path(
        "accounts/password/new/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_new_done.html"),
        name="password_new_done",
    ),
]
