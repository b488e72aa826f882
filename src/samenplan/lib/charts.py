"""Line and bar charts drawn on the server as SVG geometry: no JavaScript, no images from
elsewhere. The templates `charts/line.html` and `charts/bars.html` draw them; the page
puts a table with the same numbers beside every chart, for screen readers and for people
who read tables more easily than pictures.

A value of None is a gap: not measured, or hidden because too few people stand behind it.
A line is broken at a gap (never drawn through it) and a bar is left out, with its label
saying why in the table beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 48
# Up to four series, told apart by colour and by the shape of their points (never colour alone).
SHAPES = ("circle", "square", "diamond", "triangle")


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    shape: str


@dataclass
class LineSeries:
    key: str
    label: str
    shape: str
    # One polyline per unbroken run of values.
    runs: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass
class XLabel:
    x: float
    label: str


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    ticks: list[Tick]
    x_labels: list[XLabel]
    series: list[LineSeries]
    zero_y: float | None


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _fmt(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",")


def _tick_decimals(step: float) -> int:
    """Enough decimals to tell the ticks apart: 0 for whole steps, 1 for 2.5 or 0.5."""
    for decimals in range(4):
        if abs(round(step, decimals) - step) < 1e-9:
            return decimals
    return 3


def _scale(values: list[float], low: float | None, high: float | None) -> tuple[float, float, float]:
    present = [v for v in values if v is not None]
    low = min([*present, 0]) if low is None else low
    high = max(present, default=1) if high is None else high
    if high <= low:
        high = low + 1
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def line_chart(
    *,
    labels: list[str],
    series: list[tuple[str, str, list[float | None]]],
    low: float | None = None,
    high: float | None = None,
    decimals: int = 0,
) -> LineChart:
    """Geometry for one line per series over the labels (quarters, measurements)."""
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    low, high, step = _scale([v for _k, _l, values in series for v in values], low, high)

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - TOP), 1)

    count = max(1, len(labels))
    spacing = (right - LEFT) / count

    def x_of(index: int) -> float:
        return round(LEFT + spacing * (index + 0.5), 1)

    ticks = []
    value = low
    while value <= high + step / 1000:
        ticks.append(Tick(y=y_of(value), label=_fmt(value, _tick_decimals(step))))
        value += step
    drawn = []
    for index, (key, label, values) in enumerate(series):
        shape = SHAPES[index % len(SHAPES)]
        line = LineSeries(key=key, label=label, shape=shape)
        run: list[str] = []
        for position, value in enumerate(values):
            if value is None:
                if len(run) > 1:
                    line.runs.append(" ".join(run))
                run = []
                continue
            x, y = x_of(position), y_of(value)
            run.append(f"{x},{y}")
            line.points.append(Point(x=x, y=y, value=value, label=_fmt(value, decimals), shape=shape))
        if len(run) > 1:
            line.runs.append(" ".join(run))
        drawn.append(line)
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        ticks=ticks,
        x_labels=[XLabel(x=x_of(i), label=label) for i, label in enumerate(labels)],
        series=drawn,
        zero_y=y_of(0) if low < 0 < high else None,
    )


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str
    series: int


@dataclass
class BarGroup:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass
class BarChart:
    width: int
    height: int
    left: int
    right: float
    zero_x: float
    ticks: list[XLabel]
    groups: list[BarGroup]
    legend: list[tuple[int, str]]


BAR_ROW = 26
BAR_LABEL_WIDTH = 260


def bar_chart(
    *,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    low: float | None = None,
    high: float | None = None,
    decimals: int = 0,
) -> BarChart:
    """Horizontal bars, one group per category (life domains), one bar per series
    (the resident's view and the professional's side by side). Negative values go left."""
    left, right = BAR_LABEL_WIDTH, WIDTH - RIGHT
    low, high, step = _scale([v for _l, values in series for v in values], low, high)

    def x_of(value: float) -> float:
        return round(left + (value - low) / (high - low) * (right - left), 1)

    per_group = len(series) * (BAR_ROW - 6) + 14
    groups = []
    for index, category in enumerate(categories):
        top = 10 + index * per_group
        bars = []
        for number, (_label, values) in enumerate(series):
            value = values[index]
            if value is None:
                continue
            start, end = sorted((x_of(0 if low <= 0 <= high else low), x_of(value)))
            bars.append(
                Bar(
                    x=start,
                    y=top + number * (BAR_ROW - 6),
                    width=max(1.5, round(end - start, 1)),
                    height=BAR_ROW - 10,
                    value=value,
                    label=_fmt(value, decimals),
                    series=number,
                )
            )
        groups.append(BarGroup(label=category, label_y=top + (len(series) * (BAR_ROW - 6)) / 2 + 2, bars=bars))
    ticks = []
    value = low
    while value <= high + step / 1000:
        ticks.append(XLabel(x=x_of(value), label=_fmt(value, _tick_decimals(step))))
        value += step
    height = 10 + len(categories) * per_group + 30
    return BarChart(
        width=WIDTH,
        height=height,
        left=left,
        right=right,
        zero_x=x_of(0 if low <= 0 <= high else low),
        ticks=ticks,
        groups=groups,
        legend=[(number, label) for number, (label, _values) in enumerate(series)],
    )
