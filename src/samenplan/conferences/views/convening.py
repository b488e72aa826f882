"""Stub: being written."""

from django.http import Http404


def consent(request, **kwargs):
    raise Http404


def people(request, **kwargs):
    raise Http404


def agenda(request, **kwargs):
    raise Http404


def close(request, **kwargs):
    raise Http404
