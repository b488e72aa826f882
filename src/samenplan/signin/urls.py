from django.urls import path

from . import oidc, sessions, views_twofactor

urlpatterns = [
    # Sessions (sessions.py): what was typed before a staff session ended, to send again.
    path("accounts/kept-form/", sessions.form_kept, name="form_kept"),
    # DigiD and eHerkenning (oidc.py): every URL answers 404 while its broker is off.
    path("accounts/login/<str:broker_name>/", oidc.login_start, name="oidc_login"),
    path("accounts/login/digid/callback/", oidc.callback, {"broker_name": oidc.DIGID}, name="oidc_digid_callback"),
    path(
        "accounts/login/eherkenning/callback/",
        oidc.callback,
        {"broker_name": oidc.EHERKENNING},
        name="oidc_eherkenning_callback",
    ),
    path("accounts/digid/link/", oidc.digid_link_start, name="oidc_digid_link"),
    path("accounts/digid/unlink/", oidc.digid_unlink, name="oidc_digid_unlink"),
]

# Two-factor authentication (views_twofactor.py, twofactor.py).
urlpatterns += [
    path("accounts/code/", views_twofactor.verify, name="twofactor_verify"),
    path("accounts/code/instellen/", views_twofactor.setup, name="twofactor_setup"),
    path("accounts/code/herstelcodes/", views_twofactor.recovery_codes, name="twofactor_recovery_codes"),
    path("accounts/code/herstelcodes/nieuw/", views_twofactor.recovery_codes_new, name="twofactor_recovery_codes_new"),
    path("accounts/code/uitzetten/", views_twofactor.remove, name="twofactor_remove"),
]
