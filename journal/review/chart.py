"""Entries per week as a stacked bar chart: SVG drawn on the server, no JavaScript.

Colours come from classes in review.css (the CSP forbids inline styles); the page
also shows the same figures as a table, and each bar carries its numbers in a title.
"""

from datetime import date, timedelta
from math import ceil

from markupsafe import Markup, escape

from journal.models.entries import KINDS

LEFT, TOP, PLOT_HEIGHT, BOTTOM = 34, 10, 120, 26
ZOOM = 1.4  # drawn larger than its units on wide screens; CSS shrinks it to fit a phone


def _short(day: date) -> str:
    """``5 Jan``."""
    return f"{day.day} {day:%b}"


def _scale(peak: int) -> tuple[int, list[int]]:
    """The top of the axis and its ticks: at most four steps of whole entries."""
    steps = max(1, min(4, peak))
    step = max(1, ceil(peak / steps))
    return step * steps, [step * n for n in range(steps + 1)]


def _bar(index: int, slot: int, week: date, counts: dict[str, int], top: int, today: date) -> str:
    """One week's stacked bar, with its figures in words as a title (shown on hover)."""
    total = sum(counts.values())
    label = f"Week of {_short(week)}: " + ", ".join(f"{counts[kind]} {kind}" for kind in KINDS)
    label += f" ({total} entr{'y' if total == 1 else 'ies'}{', so far' if week <= today < week + timedelta(7) else ''})"
    x, width = LEFT + index * slot + slot * 0.15, slot * 0.7
    base, parts = TOP + PLOT_HEIGHT, []
    for kind in KINDS:
        height = PLOT_HEIGHT * counts[kind] / top
        if height:
            base -= height
            parts.append(
                f'<rect class="bar bar-{kind}" x="{x:.1f}" y="{base:.1f}" width="{width:.1f}" height="{height:.1f}"/>'
            )
    # An invisible full-height target, so the title shows on hover even for an empty week.
    parts.append(
        f'<rect class="bar-target" x="{LEFT + index * slot:.1f}" y="{TOP}" width="{slot}" height="{PLOT_HEIGHT}"/>'
    )
    return f"<g><title>{escape(label)}</title>{''.join(parts)}</g>"


def weekly_chart(weeks: list[tuple[date, dict[str, int]]], today: date) -> Markup:
    """A stacked bar per week (clinical, cultural, ethics from the bottom), with a y axis of entries."""
    count = len(weeks)
    slot = max(8, min(60, 360 // count))  # about 400 units wide, so labels stay legible on a phone
    width, height = LEFT + count * slot + 6, TOP + PLOT_HEIGHT + BOTTOM
    totals = [sum(counts.values()) for _, counts in weeks]
    top, ticks = _scale(max(totals))
    grid = "".join(
        f'<line class="chart-grid" x1="{LEFT}" x2="{width - 4}" y1="{y:.1f}" y2="{y:.1f}"/>'
        f'<text class="chart-label" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{tick}</text>'
        for tick in ticks
        for y in [TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / top]
    )
    every = ceil(40 / slot)
    labels = "".join(
        f'<text class="chart-label" x="{LEFT + index * slot + slot / 2:.1f}" y="{TOP + PLOT_HEIGHT + 16}" '
        f'text-anchor="middle" font-size="12">{_short(week)}</text>'
        for index, (week, _) in enumerate(weeks)
        if index % every == 0
    )
    bars = "".join(_bar(index, slot, week, counts, top, today) for index, (week, counts) in enumerate(weeks))
    busiest = max(range(count), key=lambda index: totals[index])
    summary = f"{sum(totals)} entries in {count} week{'s' if count != 1 else ''}"
    if totals[busiest]:
        summary += f"; the busiest was the week of {_short(weeks[busiest][0])}, with {totals[busiest]}"
    return Markup(  # noqa: S704 (built only from numbers, dates, fixed words and escaped labels)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{round(width * ZOOM)}" height="{round(height * ZOOM)}" class="weekly-chart" '
        f'role="img" aria-labelledby="weekly-title weekly-desc">'
        f'<title id="weekly-title">Entries per week, by kind</title>'
        f'<desc id="weekly-desc">{escape(summary)}. The table below gives every week.</desc>'
        f"{grid}{labels}{bars}</svg>"
    )
