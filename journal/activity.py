"""How long each intern of a cohort has gone without writing, and who is past the cohort's inactivity threshold.

The rule is written here once: the supervisors' dashboard flags interns by it (``journal.review.dashboard``),
and the scheduled emails act on it (supervisors' digests, interns' reminders in ``journal.emails``), which
must not depend on the review pages. Days count from the local date, in the cohort's time zone, of the
intern's latest entry that the cohort's figures count (``journal.credit.figures.counted_entries``: live
ones, private ones included); an intern with none is counted from the placement's first day, or from the day
they joined if that was later.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select

from journal.credit.figures import entry_totals
from journal.extensions import db
from journal.models import Cohort, Entry, Membership, User


@dataclass(frozen=True)
class Activity:
    """An intern's silence on a day: the local date of their latest entry, the days since (None: no entry
    yet), and whether that is past the cohort's threshold."""

    last_written: date | None
    days_since: int | None
    inactive: bool


def activity_of(last_created: datetime | None, cohort: Cohort, today: date, joined: datetime | None = None) -> Activity:
    """The activity of an intern whose latest counted entry was written at ``last_created`` (UTC), on the
    cohort's local date ``today``: inactive after more than the threshold's days without an entry."""
    zone = ZoneInfo(cohort.timezone)
    last = last_created.astimezone(zone).date() if last_created is not None else None
    days = max((today - last).days, 0) if last is not None else None
    # Without any entry, the intern is flagged once the placement, or their part in it if they joined
    # (``joined``, UTC) after it began, is older than the threshold.
    began = max(cohort.start_date, joined.astimezone(zone).date()) if joined is not None else cohort.start_date
    idle = days if days is not None else (today - began).days
    return Activity(last, days, idle > cohort.inactivity_threshold_days)


@dataclass(frozen=True)
class InternActivity:
    """One intern of a cohort, named, with their activity."""

    user_id: int
    name: str
    activity: Activity


@cache
def _latest_statement():
    """Each intern of a cohort (``cohort_id``) with the time of their latest counted entry (built once)."""
    cohort_id = bindparam("cohort_id")
    latest = entry_totals(cohort_id, func.max(Entry.created_at).label("last_created")).subquery()
    return (
        select(User.id, User.display_name, latest.c.last_created, Membership.created_at)
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .outerjoin(latest, latest.c.author_id == User.id)
        .where(Membership.cohort_id == cohort_id, Membership.role == "intern")
    )


def interns_activity(cohort: Cohort, today: date) -> list[InternActivity]:
    """The cohort's interns with their activity on its local date ``today``, by name, in one query (the
    number of interns does not change it); no entry is read, only when the latest was written."""
    rows = db.session.execute(_latest_statement(), {"cohort_id": cohort.id})
    found = [
        InternActivity(user_id, name, activity_of(last, cohort, today, joined)) for user_id, name, last, joined in rows
    ]
    return sorted(found, key=lambda intern: (intern.name.casefold(), intern.user_id))
