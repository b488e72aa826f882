"""Who calls: a person through the app's own session, or a partner organisation's system
through an OAuth2 access token from the client-credentials grant (django-oauth-toolkit).

A token identifies an `ApiClient`, which becomes `request.user` for the call: the policy
asks it for its organisation and scopes, and the audit log names it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.oauth2_validators import OAuth2Validator
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from .models import ApiClient


class ClientCredentials(OAuth2Authentication):
    www_authenticate_realm = "samenplan"

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        client = None
        if user is None and token.application_id is not None:
            client = (
                ApiClient.objects.select_related("organisation")
                .filter(application_id=token.application_id, revoked_at__isnull=True)
                .first()
            )
        if client is None:
            raise exceptions.AuthenticationFailed(_("This token belongs to no connection that may use the API."))
        return client, token


class Session(SessionAuthentication):
    """The app's own pages calling with the logged-in person's session (CSRF checked on
    every change). Unauthenticated calls answer 401 with a Bearer challenge."""

    def authenticate_header(self, request):
        return 'Bearer realm="samenplan"'


class ClientScopes(OAuth2Validator):
    """A client may get only the scopes its organisation admin gave it; asking for none
    gives all of them."""

    def _client(self, client) -> ApiClient | None:
        return ApiClient.objects.filter(application=client, revoked_at__isnull=True).first()

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        api_client = self._client(client)
        return api_client is not None and set(scopes) <= api_client.scope_set

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        api_client = self._client(request.client)
        return sorted(api_client.scope_set) if api_client is not None else []
