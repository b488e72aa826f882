"""Stub: being written."""

from django.http import Http404


def plan_consult(request, **kwargs):
    raise Http404


def consults(request, **kwargs):
    raise Http404


def consult_new(request, **kwargs):
    raise Http404


def consult(request, **kwargs):
    raise Http404
