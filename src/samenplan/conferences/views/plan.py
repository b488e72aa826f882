"""Stub: being written."""

from django.http import Http404


def conferences(request, **kwargs):
    raise Http404


def conference_new(request, **kwargs):
    raise Http404
