"""A spider-web chart drawn on the server as SVG geometry: no JavaScript, no images from
elsewhere. The template draws it; a data table next to it carries the same numbers for
screen readers and for people who read tables more easily than pictures."""

import math
from dataclasses import dataclass, field

# Wide enough for a label of about twenty letters on either side at 18 units (the CSS draws
# labels at 18 units and shows the web only where that makes them at least 14 px).
WIDTH, HEIGHT = 900, 560
CENTER_X, CENTER_Y = 450, 280
RADIUS = 190
LABEL_RADIUS = 212


@dataclass
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@dataclass
class Series:
    key: str
    label: str
    points: str
    dots: list[tuple[float, float, int]] = field(default_factory=list)


@dataclass
class SpiderChart:
    width: int
    height: int
    center_x: int
    center_y: int
    rings: list[str]
    axes: list[Axis]
    series: list[Series]


def _point(index: int, count: int, fraction: float, radius: float = RADIUS) -> tuple[float, float]:
    # Start at twelve o'clock and go clockwise, like a clock face people know.
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(CENTER_X + math.cos(angle) * radius * fraction, 1),
        round(CENTER_Y + math.sin(angle) * radius * fraction, 1),
    )


def _fraction(value: int, min_value: int, max_value: int) -> float:
    # The centre is 0, so on a scale from 1 the lowest level stays visible off the centre.
    low = min(min_value, 0)
    return (value - low) / (max_value - low)


def spider_chart(
    *, labels: list[str], min_value: int, max_value: int, series: list[tuple[str, str, list[int | None]]]
) -> SpiderChart:
    """Geometry for a spider web with one axis per label and one polygon per series of
    values (None: not answered, left out of the polygon)."""
    count = len(labels)
    step = max(1, math.ceil((max_value - min_value) / 5))
    ring_values = list(range(max_value, min_value - 1, -step))
    rings = [
        " ".join(f"{x},{y}" for x, y in (_point(i, count, _fraction(v, min_value, max_value)) for i in range(count)))
        for v in ring_values
        if _fraction(v, min_value, max_value) > 0
    ]
    axes = []
    for index, label in enumerate(labels):
        x, y = _point(index, count, 1)
        label_x, label_y = _point(index, count, 1, LABEL_RADIUS)
        dx = label_x - CENTER_X
        anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
        axes.append(Axis(x=x, y=y, label_x=label_x, label_y=label_y + 5, anchor=anchor, label=label))
    drawn = []
    for key, label, values in series:
        dots = [
            (*_point(i, count, _fraction(v, min_value, max_value)), v) for i, v in enumerate(values) if v is not None
        ]
        drawn.append(Series(key=key, label=label, points=" ".join(f"{x},{y}" for x, y, _ in dots), dots=dots))
    return SpiderChart(
        width=WIDTH, height=HEIGHT, center_x=CENTER_X, center_y=CENTER_Y, rings=rings, axes=axes, series=drawn
    )
