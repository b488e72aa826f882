"""Storing the figures: everything computed from scratch in one go, kept until the next
refresh has finished, so the pages never show half a refresh."""

from __future__ import annotations

import time
from datetime import date

from django.db import transaction
from django.utils import timezone

from samenplan.measuring.models import LifeDomain

from .compute import compute_all
from .models import Figure, Refresh


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
        Refresh.objects.exclude(pk=record.pk).delete()
    return record
