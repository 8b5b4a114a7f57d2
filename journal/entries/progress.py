"""An intern's progress: streaks, entries per kind per week, hours, and a calendar heatmap.

Figures are aggregated in SQL (two queries). The heatmap's squares are placed here and drawn
as SVG by the ``heatmap`` macro (``templates/macros/charts.html``), on the server, so it needs no
JavaScript and comes with a text alternative.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from journal import access
from journal.extensions import db
from journal.models import Cohort, Entry, User
from journal.models.entries import KINDS, SETTINGS
from journal.timezones import week_start

CELL, GAP = 14, 3
STEP = CELL + GAP
LEFT, TOP = 30, 16  # room for the names of the weekdays and of the months


@dataclass(frozen=True)
class HeatmapDay:
    """One day's square: its top left corner, and its entries (None: the day is still to come)."""

    day: date
    x: int
    y: int
    count: int | None


@dataclass(frozen=True)
class Heatmap:
    """What the ``heatmap`` macro draws: a column per week, a square per day of the placement."""

    width: int
    height: int
    days: list[HeatmapDay]
    months: list[tuple[int, date]]  # where each month's name starts, and a day of that month
    rows: list[int]  # the top of each weekday's row, Monday first
    days_written: int  # days of the placement with at least one entry
    days_so_far: int  # days of the placement up to today
    cell: int = CELL


@dataclass
class Progress:
    """Everything the progress page shows."""

    per_day: dict[date, int]
    per_week: list[tuple[date, dict[str, int]]]
    hours_by_setting: list[tuple[str, Decimal]]
    hours_by_specialty: list[tuple[str, Decimal]]
    current_streak: int
    longest_streak: int
    total_entries: int
    total_hours: Decimal
    heatmap: Heatmap


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with an entry.

    The current streak is still alive when today has no entry yet but yesterday had.
    """
    longest, run, previous = 0, 0, None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest, previous = max(longest, run), day
    current, day = 0, today if today in days else today - timedelta(days=1)
    while day in days:
        current, day = current + 1, day - timedelta(days=1)
    return current, longest


def heatmap(per_day: dict[date, int], start: date, end: date, today: date) -> Heatmap:
    """A week-per-column calendar of the whole placement, for the ``heatmap`` macro to draw.

    Days still to come have no count (they are drawn as outlines).
    """
    first = week_start(start)
    weeks = (end - first).days // 7 + 1
    days = [
        HeatmapDay(
            day=day,
            x=LEFT + (offset // 7) * STEP,
            y=TOP + day.weekday() * STEP,
            count=None if day > today else per_day.get(day, 0),
        )
        for offset in range((end - first).days + 1)
        if (day := first + timedelta(days=offset)) >= start
    ]
    shown = [max(first + timedelta(weeks=week), start) for week in range(weeks)]
    return Heatmap(
        width=weeks * STEP + LEFT,
        height=7 * STEP + 20,
        days=days,
        months=[
            (LEFT + week * STEP, day)
            for week, day in enumerate(shown)
            if week == 0 or day.month != shown[week - 1].month
        ],
        rows=[TOP + row * STEP for row in range(7)],
        days_written=len([day for day in per_day if start <= day <= end]),
        days_so_far=(min(end, today) - start).days + 1 if today >= start else 0,
    )


def progress_for(author: User, cohort: Cohort, today: date) -> Progress:
    """The author's figures in the cohort, counting only live entries, with days in their own time zone
    (settings named in the current language)."""
    live = access.live_entries_of(author.id, cohort.id)
    per_day_kind = db.session.execute(
        select(Entry.occurred_on, Entry.kind, func.count()).where(live).group_by(Entry.occurred_on, Entry.kind)
    ).all()
    hours_rows = db.session.execute(
        select(Entry.setting, Entry.specialty, func.sum(Entry.hours))
        .where(live, Entry.kind == "clinical", Entry.hours.is_not(None))
        .group_by(Entry.setting, Entry.specialty)
    ).all()
    per_day: Counter = Counter()
    weekly: dict[date, Counter] = defaultdict(Counter)
    for day, kind, count in per_day_kind:
        per_day[day] += count
        weekly[week_start(day)][kind] += count
    start, end = cohort.start_date, max(min(cohort.end_date, today), cohort.start_date)
    week, per_week = week_start(start), []
    while week <= end:
        per_week.append((max(week, start), {kind: weekly[week][kind] for kind in KINDS}))
        week += timedelta(days=7)
    by_setting: Counter = Counter()
    by_specialty: Counter = Counter()
    not_given = _("Not given")
    for setting, specialty, hours in hours_rows:
        by_setting[str(SETTINGS.get(setting or "", not_given))] += Decimal(hours)
        by_specialty[specialty.strip().capitalize() if specialty else not_given] += Decimal(hours)
    current, longest = streaks(set(per_day), today)
    return Progress(
        per_day=dict(per_day),
        per_week=per_week,
        hours_by_setting=by_setting.most_common(),
        hours_by_specialty=by_specialty.most_common(),
        current_streak=current,
        longest_streak=longest,
        total_entries=sum(per_day.values()),
        total_hours=sum(by_setting.values(), Decimal(0)),
        heatmap=heatmap(per_day, cohort.start_date, cohort.end_date, today),
    )
