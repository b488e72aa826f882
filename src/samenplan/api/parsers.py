"""JSON only, and not more of it than a partner needs to send (`SAMENPLAN_API_MAX_BODY`
bytes): a larger body is refused with 413 before it is read."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.parsers import JSONParser

from .problems import PayloadTooLarge


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.SAMENPLAN_API_MAX_BODY
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        try:
            too_large = declared is not None and int(declared) > limit
        except ValueError:
            too_large = False
        if too_large:
            raise PayloadTooLarge(_("A request may hold at most %(limit)d bytes.") % {"limit": limit})
        return super().parse(stream, media_type, parser_context)
