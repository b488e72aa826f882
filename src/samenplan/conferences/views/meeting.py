"""Stub: being written."""

from django.http import Http404


def minutes(request, **kwargs):
    raise Http404


def decision(request, **kwargs):
    raise Http404


def response(request, **kwargs):
    raise Http404
