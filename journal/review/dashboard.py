"""The cohort dashboard: one row of figures per intern, cohort totals, and entries per week.

Every figure is aggregated in SQL (one query for the rows, which also counts what the credit
requirements need of the entries; three more for the requirements, the framework and the
levels signed off; one for the chart; one for the requests waiting), so the page costs the same
number of queries for 5 interns or 500. The statements are built once and reused, and the
counting reads indexes that hold every column it needs (``ix_entries_cohort_figures``,
``ix_entries_cohort_days``), never the entries themselves. Which entries and hours count is the
credit figures' rule (``journal.credit.figures``), so the dashboard and credit never disagree.
Counts include private entries; no entry text is ever selected.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from sqlalchemy import and_, bindparam, case, distinct, func, select
from sqlalchemy.orm import joinedload

from journal.activity import activity_of
from journal.credit.figures import Figures, counted_entries, entry_totals, signed_off_levels
from journal.credit.requirements import Assessment, assess, requirements_for
from journal.extensions import db
from journal.models import Cohort, Competency, Entry, Membership, SignOffRequest, User
from journal.models.entries import KINDS
from journal.review.chart import WeeklyChart, weekly_chart
from journal.review.services import awaiting_feedback
from journal.timezones import local_today, week_start

# Column name in the URL -> what the rows are sorted by.
SORTS = ("name", "days", "clinical", "cultural", "ethics", "hours", "signed_off", "pending", "awaiting", "credit")


@dataclass
class InternRow:
    """One intern's figures in the cohort."""

    user_id: int
    name: str
    last_written: date | None  # the local date of their latest entry, in the cohort's time zone
    days_since: int | None  # None: no entries yet
    inactive: bool
    this_week: dict[str, int]
    hours: Decimal
    signed_off: int
    pending: int
    awaiting: int
    credit: Assessment | None = None  # against the cohort's credit requirements
    totals: dict[str, int] | None = None  # live entries of each kind, for the credit requirements
    clinical_hours: Decimal = Decimal(0)

    @property
    def week_total(self) -> int:
        """Entries of every kind this week."""
        return sum(self.this_week.values())


@dataclass
class Totals:
    """The cohort's figures, the sums of its rows."""

    interns: int
    this_week: int
    hours: Decimal
    signed_off: int
    pending: int
    awaiting: int
    inactive: int


@dataclass
class Dashboard:
    """Everything the dashboard page shows."""

    rows: list[InternRow]
    totals: Totals
    competency_count: int
    today: date
    week_start: date
    weeks: list[tuple[date, dict[str, int]]]
    chart: WeeklyChart | None  # None before the placement starts
    sort: str
    direction: str
    waiting: list[SignOffRequest]  # requests waiting for a decision, oldest first


@cache
def _rows_statement():
    """One row per intern of a cohort: latest entry, entries this week per kind, hours,
    competencies signed off at the required level, pending requests and entries awaiting feedback.

    Built once and reused with new parameters (``cohort_id``, ``framework_id``, ``week_start``,
    ``week_end``): putting a statement of this size together costs more than running it for a
    small cohort.
    """
    cohort_id = bindparam("cohort_id")
    in_week = Entry.occurred_on.between(bindparam("week_start"), bindparam("week_end"))
    # The credit figures' counts per intern, with what the dashboard shows besides.
    entries = entry_totals(
        cohort_id,
        func.max(Entry.created_at).label("last_created"),
        *[func.sum(case((and_(in_week, Entry.kind == kind), 1), else_=0)).label(f"week_{kind}") for kind in KINDS],
        func.sum(Entry.hours).label("hours"),
        func.sum(case((awaiting_feedback(), 1), else_=0)).label("awaiting"),
    ).subquery()
    # The level the supervisor approved, which may differ from the one asked for, must reach the required one.
    met = and_(SignOffRequest.status == "approved", SignOffRequest.approved_level >= Competency.required_level)
    requests = (
        select(
            SignOffRequest.intern_id.label("user_id"),
            func.count(distinct(case((met, SignOffRequest.competency_id)))).label("signed_off"),
            func.sum(case((SignOffRequest.status == "pending", 1), else_=0)).label("pending"),
        )
        .join(Competency, Competency.id == SignOffRequest.competency_id)
        .where(SignOffRequest.cohort_id == cohort_id, Competency.framework_id == bindparam("framework_id"))
        .group_by(SignOffRequest.intern_id)
        .subquery()
    )
    return (
        select(
            User.id,
            User.display_name,
            entries.c.last_created,
            Membership.created_at,
            *[func.coalesce(entries.c[f"week_{kind}"], 0) for kind in KINDS],
            func.coalesce(entries.c.hours, 0),
            func.coalesce(requests.c.signed_off, 0),
            func.coalesce(requests.c.pending, 0),
            func.coalesce(entries.c.awaiting, 0),
            *[func.coalesce(entries.c[kind], 0) for kind in KINDS],
            entries.c.clinical_hours,
        )
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .outerjoin(entries, entries.c.author_id == User.id)
        .outerjoin(requests, requests.c.user_id == User.id)
        .where(Membership.cohort_id == cohort_id, Membership.role == "intern")
    )


def _rows_query(cohort: Cohort, monday: date):
    """The rows statement and its parameters for the cohort and the week that starts on ``monday``."""
    week = {"week_start": monday, "week_end": monday + timedelta(days=6)}
    return _rows_statement(), {"cohort_id": cohort.id, "framework_id": cohort.framework_id, **week}


def intern_rows(cohort: Cohort, today: date) -> list[InternRow]:
    """The cohort's interns with their figures, in one query, unsorted."""
    rows = []
    statement, parameters = _rows_query(cohort, week_start(today))
    for user_id, name, last_created, joined, *figures in db.session.execute(statement, parameters):
        week = dict(zip(KINDS, (int(n) for n in figures[: len(KINDS)]), strict=True))
        hours, signed_off, pending, awaiting = figures[len(KINDS) : len(KINDS) + 4]
        totals = dict(zip(KINDS, (int(n) for n in figures[len(KINDS) + 4 : -1]), strict=True))
        quiet = activity_of(last_created, cohort, today, joined)  # the rule the scheduled emails act on too
        rows.append(
            InternRow(
                user_id=user_id,
                name=name,
                last_written=quiet.last_written,
                days_since=quiet.days_since,
                inactive=quiet.inactive,
                this_week=week,
                hours=Decimal(str(hours or 0)),
                signed_off=int(signed_off),
                pending=int(pending),
                awaiting=int(awaiting),
                totals=totals,
                clinical_hours=Decimal(str(figures[-1] or 0)),
            )
        )
    return rows


def totals_of(rows: list[InternRow]) -> Totals:
    """Add the rows up."""
    return Totals(
        interns=len(rows),
        this_week=sum(row.week_total for row in rows),
        hours=sum((row.hours for row in rows), Decimal(0)),
        signed_off=sum(row.signed_off for row in rows),
        pending=sum(row.pending for row in rows),
        awaiting=sum(row.awaiting for row in rows),
        inactive=sum(row.inactive for row in rows),
    )


def cohort_totals(cohort: Cohort) -> Totals:
    """The cohort's totals alone (one query), for the supervisor's home page."""
    return totals_of(intern_rows(cohort, local_today(cohort.timezone)))


def _sort_key(column: str):
    """How rows compare on a column."""
    if column == "name":
        return lambda row: row.name.casefold()
    if column == "days":  # "no entries yet" counts as the longest silence
        return lambda row: float("inf") if row.days_since is None else row.days_since
    if column in KINDS:
        return lambda row: row.this_week[column]
    if column == "credit":  # by how much is missing
        return lambda row: len(row.credit.missing) if row.credit is not None else 0
    return lambda row: getattr(row, column)


def sort_rows(rows: list[InternRow], column: str, direction: str) -> list[InternRow]:
    """Rows sorted by ``column`` (one of SORTS), ties by name; unknown columns sort by name."""
    column = column if column in SORTS else "name"
    by_name = sorted(rows, key=lambda row: row.name.casefold())
    return sorted(by_name, key=_sort_key(column), reverse=direction == "desc")


@cache
def _per_day_statement():
    """Entries of a cohort's interns per day and kind between two dates (built once, reused)."""
    cohort_id = bindparam("cohort_id")
    interns = select(Membership.user_id).where(Membership.cohort_id == cohort_id, Membership.role == "intern")
    return (
        select(Entry.occurred_on, Entry.kind, func.count())
        .where(
            counted_entries(cohort_id),
            Entry.author_id.in_(interns),
            Entry.occurred_on.between(bindparam("start"), bindparam("end")),
        )
        .group_by(Entry.occurred_on, Entry.kind)
    )


def entries_per_week(cohort: Cohort, today: date) -> list[tuple[date, dict[str, int]]]:
    """Entries of the cohort's interns per week (Monday to Sunday) and kind, from the start of the
    placement to this week or its end, in one query grouped by day."""
    end = min(cohort.end_date, today)
    if end < cohort.start_date:
        return []
    parameters = {"cohort_id": cohort.id, "start": cohort.start_date, "end": end}
    weeks: dict[date, dict[str, int]] = {}
    week = week_start(cohort.start_date)
    while week <= end:
        weeks[week] = dict.fromkeys(KINDS, 0)
        week += timedelta(days=7)
    for day, kind, count in db.session.execute(_per_day_statement(), parameters):
        weeks[week_start(day)][kind] += count
    return [(max(week, cohort.start_date), counts) for week, counts in weeks.items()]


WAITING_SHOWN = 50


@cache
def _waiting_statement():
    """A cohort's pending sign-off requests with their interns and competencies, oldest first."""
    return (
        select(SignOffRequest)
        .options(joinedload(SignOffRequest.intern), joinedload(SignOffRequest.competency))
        .where(SignOffRequest.cohort_id == bindparam("cohort_id"), SignOffRequest.status == "pending")
        .order_by(SignOffRequest.created_at, SignOffRequest.id)
        .limit(WAITING_SHOWN)
    )


def waiting_requests(cohort: Cohort) -> list[SignOffRequest]:
    """The cohort's pending sign-off requests, oldest first (at most WAITING_SHOWN), in one query."""
    return list(db.session.scalars(_waiting_statement(), {"cohort_id": cohort.id}))


def dashboard_for(cohort: Cohort, sort: str = "name", direction: str = "asc") -> Dashboard:
    """The whole dashboard in a fixed number of queries, today being the cohort's local date."""
    today = local_today(cohort.timezone)
    sort = sort if sort in SORTS else "name"
    direction = "desc" if direction == "desc" else "asc"
    rows = intern_rows(cohort, today)
    requirements = requirements_for(cohort)
    levels = signed_off_levels(cohort, [row.user_id for row in rows])
    for row in rows:
        figures = Figures(hours=row.clinical_hours, entries=row.totals, levels=levels[row.user_id])
        row.credit = assess(requirements, figures)
    weeks = entries_per_week(cohort, today)
    return Dashboard(
        rows=sort_rows(rows, sort, direction),
        totals=totals_of(rows),
        competency_count=requirements.framework_size,
        today=today,
        week_start=week_start(today),
        weeks=weeks,
        chart=weekly_chart(weeks, today) if weeks else None,
        waiting=waiting_requests(cohort),
        sort=sort,
        direction=direction,
    )
