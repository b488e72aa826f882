"""Who may call which endpoint at all. What they then see is the sharing policy's decision."""

from __future__ import annotations

from rest_framework.permissions import BasePermission


def is_client(user) -> bool:
    return bool(getattr(user, "is_api_client", False))


def is_person(user) -> bool:
    return user is not None and user.is_authenticated and not is_client(user)


class Person(BasePermission):
    """A person logged in to Samenplan (their session): plan members, residents, staff."""

    def has_permission(self, request, view):
        return is_person(request.user)


def client_with(scope: str) -> type[BasePermission]:
    """A partner's system whose client and token both hold `scope`."""

    class ClientWithScope(BasePermission):
        def has_permission(self, request, view):
            user, token = request.user, request.auth
            return is_client(user) and user.has_scope(scope) and token is not None and token.allow_scopes([scope])

    ClientWithScope.__name__ = f"ClientWith_{scope}"
    return ClientWithScope


def person_or_client_with(scope: str) -> type[BasePermission]:
    return Person | client_with(scope)
