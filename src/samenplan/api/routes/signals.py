"""Routes of the signals area of `/api/v1/`: a partner's early signals (`views/signals.py`)."""

from django.urls import path

from ..views import signals

urlpatterns = [
    path("signals", signals.Signals.as_view(), name="signals"),
    path("signals/<int:signalId>", signals.SignalRead.as_view(), name="signal"),
]
