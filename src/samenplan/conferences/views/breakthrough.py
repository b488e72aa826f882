"""Stub: being written."""

from django.http import Http404


def new(request, **kwargs):
    raise Http404


def queue(request, **kwargs):
    raise Http404


def breakthrough(request, **kwargs):
    raise Http404
