"""Entries per week as a stacked bar chart: the numbers here, the SVG in the ``weekly_chart`` macro.

The macro (``templates/macros/charts.html``) draws on the server, so the chart needs no JavaScript.
Colours come from classes in review.css (the CSP forbids inline styles); the page also shows the
same figures as a table, and each bar carries its numbers in a title.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from babel import dates as babel_dates
from flask_babel import get_locale, ngettext
from flask_babel import lazy_gettext as _l

from journal.models.entries import KINDS

# A kind in one word, for the dashboard's columns (the legend and tables use the full names).
KIND_HEADINGS = {"clinical": _l("Clinical"), "cultural": _l("Cultural"), "ethics": _l("Ethics")}

LEFT, TOP, PLOT_HEIGHT, BOTTOM = 34, 10, 120, 26
ZOOM = 1.4  # drawn larger than its units on wide screens; CSS shrinks it to fit a phone


@dataclass(frozen=True)
class Segment:
    """One kind's part of a bar: its top and its height."""

    kind: str
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    """One week: its figures, its slot (the whole column, a target for the pointer) and its bar."""

    week: date
    counts: dict[str, int]
    total: int
    current: bool  # the week has not ended yet
    slot_x: float
    bar_x: float
    bar_width: float
    segments: list[Segment]  # from the bottom up, only the kinds with entries
    label_x: float | None  # the middle of the date written under the bar; None: no room for it


@dataclass(frozen=True)
class Tick:
    """A line across the chart at ``value`` entries, drawn at height ``y``."""

    value: int
    y: float


@dataclass(frozen=True)
class WeeklyChart:
    """What the ``weekly_chart`` macro draws, in the SVG's units (and its size on screen)."""

    width: int
    height: int
    shown_width: int
    shown_height: int
    slot: int
    ticks: list[Tick]
    bars: list[Bar]
    total: int
    busiest: Bar | None  # the first week with the most entries; None if there are none
    left: int = LEFT
    top: int = TOP
    plot_height: int = PLOT_HEIGHT


def _scale(peak: int) -> tuple[int, list[int]]:
    """The top of the axis and its ticks: at most four steps of whole entries."""
    steps = max(1, min(4, peak))
    step = max(1, ceil(peak / steps))
    return step * steps, [step * n for n in range(steps + 1)]


def _bar(index: int, slot: int, week: date, counts: dict[str, int], top: int, today: date, labelled: bool) -> Bar:
    """One week's stacked bar (clinical, cultural, ethics from the bottom)."""
    base, segments = TOP + PLOT_HEIGHT, []
    for kind in KINDS:
        height = PLOT_HEIGHT * counts[kind] / top
        if height:
            base -= height
            segments.append(Segment(kind, base, height))
    return Bar(
        week=week,
        counts={kind: counts[kind] for kind in KINDS},
        total=sum(counts.values()),
        current=week <= today < week + timedelta(7),
        slot_x=LEFT + index * slot,
        bar_x=LEFT + index * slot + slot * 0.15,
        bar_width=slot * 0.7,
        segments=segments,
        label_x=LEFT + index * slot + slot / 2 if labelled else None,
    )


def weekly_chart(weeks: list[tuple[date, dict[str, int]]], today: date) -> WeeklyChart:
    """A stacked bar per week, with a y axis of entries, for the ``weekly_chart`` macro to draw."""
    count = len(weeks)
    slot = max(8, min(60, 360 // count))  # about 400 units wide, so labels stay legible on a phone
    width, height = LEFT + count * slot + 6, TOP + PLOT_HEIGHT + BOTTOM
    top, ticks = _scale(max(sum(counts.values()) for _, counts in weeks))
    every = ceil(40 / slot)  # a date under every bar would overlap its neighbours
    bars = [
        _bar(index, slot, week, counts, top, today, labelled=index % every == 0)
        for index, (week, counts) in enumerate(weeks)
    ]
    busiest = max(bars, key=lambda bar: bar.total)
    return WeeklyChart(
        width=width,
        height=height,
        shown_width=round(width * ZOOM),
        shown_height=round(height * ZOOM),
        slot=slot,
        ticks=[Tick(tick, TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / top) for tick in ticks],
        bars=bars,
        total=sum(bar.total for bar in bars),
        busiest=busiest if busiest.total else None,
    )


def kind_count(kind: str, count: int) -> str:
    """A week's entries of one kind as a bar's title says them (``2 clinical``), in the current language."""
    if kind == "clinical":
        return ngettext("%(num)d clinical", "%(num)d clinical", count)
    if kind == "cultural":
        return ngettext("%(num)d cultural", "%(num)d cultural", count)
    if kind == "ethics":
        return ngettext("%(num)d ethics", "%(num)d ethics", count)
    return f"{count} {kind}"


def weekday_name(weekday: int) -> str:
    """A weekday's short name (0 is Monday) standing alone, as a chart's row label: Mon, lun, seg."""
    return babel_dates.get_day_names("abbreviated", context="stand-alone", locale=get_locale() or "en")[weekday]
