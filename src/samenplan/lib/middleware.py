import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control


class RequestIdMiddleware:
    """Give each request an id of our own, for logs and audit entries. An `X-Request-ID`
    that a client or proxy sent is kept apart (`request.client_request_id`): anyone can put
    anything in a header, and the audit log's ids must be ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.client_request_id = incoming[:64] if incoming.isprintable() else ""
        request.request_id = uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreMiddleware:
    """Pages for a logged-in person hold personal data: never keep them in a browser or
    proxy cache (shared computers at a walk-in desk, the back button after logging out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Dutch unless the person chose English with the switch (a cookie). The browser's
    own language is not used: a Dutch public service opens in Dutch, predictably."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
