"""Storing the figures: everything computed from scratch in one go, kept until the next
refresh has finished, so the pages never show half a refresh."""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samenplan.measuring.models import LifeDomain

from .compute import compute_all
from .models import Figure, Refresh

# An unfinished refresh older than this was stopped (the server went down), not running.
STALE_AFTER = timedelta(days=1)


def refresh(today: date | None = None) -> Refresh:
    started = time.monotonic()
    record = Refresh.objects.create(themes=dict(LifeDomain.objects.values_list("code", "theme")))
    periods, cubes = compute_all(today)
    rows = [
        Figure(
            refresh=record,
            measure=code,
            quarter=quarter,
            area=area,
            node=node,
            people=stats.people,
            units=stats.units,
            value=stats.value,
        )
        for code, cube in cubes.items()
        for (quarter, area, node), stats in cube.items()
    ]
    with transaction.atomic():
        Figure.objects.bulk_create(rows, batch_size=2000)
        record.quarters = [quarter.key for quarter in periods]
        record.finished_at = timezone.now()
        record.seconds = round(time.monotonic() - started, 2)
        record.save()
        # The refreshes this one replaces: the finished ones, and any left unfinished by a
        # run that stopped more than a day ago. A run still busy on another server keeps
        # its record and finishes in turn (two runs at once each complete; the later wins).
        stale = Q(finished_at__isnull=False) | Q(started_at__lt=record.started_at - STALE_AFTER)
        Refresh.objects.filter(stale).exclude(pk=record.pk).delete()
    return record
