from django.db import models
from django.utils import timezone


class Refresh(models.Model):
    """One computation of all figures from scratch (`manage.py insights_refresh`). The
    insights pages read the latest finished one and say when it was made."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    # The quarters computed, oldest first ('YYYY-MM-DD' of their first day).
    quarters = models.JSONField(default=list)
    # The Brede Welvaart theme of each life domain when the figures were computed
    # ({"financien": "material"}): the figures add up along this mapping, also when an
    # admin changes it before the next refresh.
    themes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-finished_at", "-id"]


class Figure(models.Model):
    """One cell of a measure's cube, before suppression. Never shown as it is: the pages,
    the CSV files and the API read cells through `insights.selectors`, which suppresses."""

    refresh = models.ForeignKey(Refresh, on_delete=models.CASCADE, related_name="figures")
    measure = models.CharField(max_length=60)
    quarter = models.CharField(max_length=10)
    # A wijk's id, "all" or "none" (no wijk).
    area = models.CharField(max_length=20)
    node = models.CharField(max_length=120)
    people = models.PositiveIntegerField()
    units = models.PositiveIntegerField()
    value = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["refresh", "measure"])]
