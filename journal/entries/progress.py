"""An intern's progress: streaks, entries per kind per week, hours, and a calendar heatmap.

Figures are aggregated in SQL (two queries); the heatmap is SVG drawn here, on the
server, so it needs no JavaScript and comes with a text alternative.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from markupsafe import Markup, escape
from sqlalchemy import func, select

from journal.extensions import db
from journal.models import Cohort, Entry, User
from journal.models.entries import KINDS, SETTINGS

CELL, GAP = 14, 3
SHADES = ("#e4e8e5", "#b7dcd6", "#6fb5ab", "#2f8a80", "#0f5e66")  # 0, 1, 2, 3, 4+ entries


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
    heatmap: Markup


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


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def heatmap_svg(per_day: dict[date, int], start: date, end: date, today: date) -> Markup:
    """A week-per-column calendar of the whole placement; each day's shade says how many entries it has.

    Days still to come are drawn as outlines.
    """
    first = _monday(start)
    weeks = (end - first).days // 7 + 1
    width, height = weeks * (CELL + GAP) + 30, 7 * (CELL + GAP) + 20
    cells = []
    for offset in range((end - first).days + 1):
        day = first + timedelta(days=offset)
        if day < start:
            continue
        count = per_day.get(day, 0)
        x, y = 30 + (offset // 7) * (CELL + GAP), 16 + day.weekday() * (CELL + GAP)
        if day > today:
            paint, label = 'fill="none" stroke="#c9cfca"', f"{day.day} {day:%b}: still to come"
        else:
            paint, label = (
                f'fill="{SHADES[min(count, 4)]}"',
                f"{day.day} {day:%b}: {count} entr{'y' if count == 1 else 'ies'}",
            )
        cells.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3" {paint}><title>{escape(label)}</title></rect>'
        )
    labels = "".join(
        f'<text x="0" y="{16 + row * (CELL + GAP) + 11}" font-size="10" fill="#55606e">{name}</text>'
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun"))
    )
    shown = [max(first + timedelta(weeks=week), start) for week in range(weeks)]
    months = "".join(
        f'<text x="{30 + week * (CELL + GAP)}" y="10" font-size="10" fill="#55606e">{day:%b}</text>'
        for week, day in enumerate(shown)
        if week == 0 or day.month != shown[week - 1].month
    )
    return Markup(  # noqa: S704 (built only from numbers, fixed words and escaped labels)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="heatmap-title heatmap-desc" class="heatmap">'
        f'<title id="heatmap-title">Entries per day during the placement</title>'
        f'<desc id="heatmap-desc">{len([d for d in per_day if start <= d <= end])} of '
        f"{(min(end, today) - start).days + 1 if today >= start else 0} days so far have at least one entry. "
        f"Darker squares mean more entries; outlined squares are days still to come.</desc>"
        f"{months}{labels}{''.join(cells)}</svg>"
    )


def progress_for(author: User, cohort: Cohort, today: date) -> Progress:
    """The author's figures in the cohort, counting only live entries, with days in their own time zone."""
    live = (Entry.author_id == author.id, Entry.cohort_id == cohort.id, Entry.deleted_at.is_(None))
    per_day_kind = db.session.execute(
        select(Entry.occurred_on, Entry.kind, func.count()).where(*live).group_by(Entry.occurred_on, Entry.kind)
    ).all()
    hours_rows = db.session.execute(
        select(Entry.setting, Entry.specialty, func.sum(Entry.hours))
        .where(*live, Entry.kind == "clinical", Entry.hours.is_not(None))
        .group_by(Entry.setting, Entry.specialty)
    ).all()
    per_day: Counter = Counter()
    weekly: dict[date, Counter] = defaultdict(Counter)
    for day, kind, count in per_day_kind:
        per_day[day] += count
        weekly[_monday(day)][kind] += count
    start, end = cohort.start_date, max(min(cohort.end_date, today), cohort.start_date)
    week, per_week = _monday(start), []
    while week <= end:
        per_week.append((max(week, start), {kind: weekly[week][kind] for kind in KINDS}))
        week += timedelta(days=7)
    by_setting: Counter = Counter()
    by_specialty: Counter = Counter()
    for setting, specialty, hours in hours_rows:
        by_setting[SETTINGS.get(setting or "", "Not given")] += Decimal(hours)
        by_specialty[(specialty or "Not given").strip().capitalize()] += Decimal(hours)
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
        heatmap=heatmap_svg(per_day, cohort.start_date, cohort.end_date, today),
    )
