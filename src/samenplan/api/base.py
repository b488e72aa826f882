"""What every endpoint of `/api/v1/` shares: who may call (session or client credentials),
JSON in and out, problem details for errors, and strict input (an unknown field is an error,
not silently dropped)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from samenplan.audit import context as audit

from .authentication import ClientCredentials, Session
from .pagination import Pages
from .parsers import LimitedJSONParser
from .permissions import Person, is_client


class ApiView(APIView):
    authentication_classes = [ClientCredentials, Session]
    permission_classes = [Person]
    parser_classes = [LimitedJSONParser]
    renderer_classes = [JSONRenderer]
    # Lists answer a page at a time; the contract shows `page` and `pageSize` for every view
    # whose answer is declared as a list (`responses=X(many=True)`).
    pagination_class = Pages

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if is_client(request.user):
            # Every call of a partner's system is in the audit log under its name, also one
            # that reads no personal data (the figures): the connection is what it touched.
            audit.note_records("api_client", [request.user.pk])

    def paginate(self, items, serializer_class, **serializer_kwargs):
        """A page of `items` (a list or queryset) as the paginated answer."""
        pager = self.pagination_class()
        page = pager.paginate_queryset(items, self.request, view=self)
        data = serializer_class(page, many=True, context={"request": self.request}, **serializer_kwargs).data
        return pager.get_paginated_response(data)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know (a typo must not pass as "not given")."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("This field is not known.")] for name in unknown})
        return super().to_internal_value(data)
