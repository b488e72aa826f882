"""The organisation admin's pages for API connections: the list, adding one (its secret
is shown once), and revoking one. The policy decides who manages which organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.lib.forms import posted
from samenplan.sharing.policy import client_scopes_for, managed_organisation

from .. import selectors, services
from ..forms import ApiClientForm
from ..models import Scope


@login_required
def client_list(request):
    """The connections of the admin's organisation, revoked ones last."""
    organisation = managed_organisation(request.user)
    clients = list(selectors.client_list(user=request.user))
    labels = dict(Scope.choices)
    rows = [(client, [labels.get(scope, scope) for scope in sorted(client.scope_set)]) for client in clients]
    return render(request, "api/client_list.html", {"organisation": organisation, "rows": rows})


@login_required
def client_add(request):
    """Add a connection; on success show its client id and secret, this once."""
    organisation = managed_organisation(request.user)
    form = ApiClientForm(posted(request), scopes=client_scopes_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = services.api_client_create(
                user=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
            )
        except PermissionError:
            raise Http404 from None
        response = render(
            request,
            "api/client_created.html",
            {
                "organisation": organisation,
                "client": client,
                "client_id": client.application.client_id,
                "secret": secret,
            },
        )
        # The secret is on this page only: no cache may keep it.
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "api/client_add.html", {"organisation": organisation, "form": form})


@login_required
def client_revoke(request, client_id):
    """Ask, then revoke: the system's tokens stop working at once."""
    client = selectors.managed_client(user=request.user, client_id=client_id)
    if request.method == "POST":
        if client.revoked_at is None:
            services.api_client_revoke(user=request.user, client_id=client.pk)
            messages.success(
                request, _("The connection “%(name)s” is revoked. It no longer works.") % {"name": client.name}
            )
        return redirect("api_clients:list")
    return render(request, "api/client_revoke.html", {"client": client})
