"""Stub: being written."""

from django.http import Http404


def my_conferences(request, **kwargs):
    raise Http404
