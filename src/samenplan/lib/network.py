"""The client's address, the same for the lockout (django-axes) and the audit log."""

from ipaddress import ip_address

from django.conf import settings


def client_address(request) -> str:
    """The address of the person's device. Without a proxy it is the connection's own
    address, whatever headers the client sends. Behind SAMENPLAN_PROXY_COUNT proxies it is
    the address the outermost proxy saw: each proxy appends the address it received the
    request from to X-Forwarded-For, so only the last SAMENPLAN_PROXY_COUNT entries were
    written by our own proxies; anything to their left the client may have made up."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.SAMENPLAN_BEHIND_PROXY:
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [item for item in forwarded if item]
    count = max(settings.SAMENPLAN_PROXY_COUNT, 1)
    if len(forwarded) < count:
        # Fewer entries than proxies: a request that did not come through all of them.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
