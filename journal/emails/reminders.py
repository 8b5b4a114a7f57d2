"""Gentle reminders to interns who have written nothing for a while.

An intern past the cohort's inactivity threshold, by the rule the dashboard flags them by
(``journal.activity``: days since their latest entry in the cohort's time zone, or since the placement's
first day when they have none),
gets one email: only while the placement runs (its first to its last day, in the cohort's time zone), only
at a decent hour in their own time zone (from 08:00, not from 21:00), and never more than one a week per
cohort: none when the outbox holds one from the last seven days, and the outbox's key is per ISO week, so
two schedulers at once write one. The email names the cohort and the days, never any entry.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from journal.activity import Activity, interns_activity
from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.links import public_url_for
from journal.models import Cohort, OutgoingEmail, User

FIRST_HOUR, QUIET_HOUR = 8, 21  # local hours: reminders go from 08:00, and not from 21:00 on
WEEK = timedelta(days=7)


def reminder_key(intern: User, cohort: Cohort, now: datetime) -> str:
    """The outbox's key for a reminder: one per intern, cohort and ISO week (of the intern's local date)."""
    year, week, _weekday = now.astimezone(ZoneInfo(intern.timezone)).isocalendar()
    return f"reminder:{intern.id}:{cohort.id}:{year}-W{week:02d}"


def _running_cohorts(now: datetime) -> list[tuple[Cohort, date]]:
    """Cohorts whose placement runs on their own local date at ``now``, with that date."""
    near = now.astimezone(UTC).date()
    candidates = db.session.scalars(
        select(Cohort)
        .where(Cohort.start_date <= near + timedelta(days=1), Cohort.end_date >= near - timedelta(days=1))
        .order_by(Cohort.id)
    )
    running = []
    for cohort in candidates:
        today = now.astimezone(ZoneInfo(cohort.timezone)).date()
        if cohort.start_date <= today <= cohort.end_date:
            running.append((cohort, today))
    return running


def _reminded_lately(cohort: Cohort, intern_ids: list[int], now: datetime) -> set[int]:
    """Which of these interns the outbox holds a reminder for in this cohort from the last seven days."""
    rows = db.session.execute(
        select(OutgoingEmail.user_id, OutgoingEmail.dedupe_key).where(
            OutgoingEmail.kind == "reminder",
            OutgoingEmail.user_id.in_(intern_ids),
            OutgoingEmail.created_at > now - WEEK,
        )
    )
    return {user_id for user_id, key in rows if key.split(":")[2:3] == [str(cohort.id)]}


def at_decent_hour(intern: User, now: datetime) -> bool:
    """Whether ``now`` is a decent hour to email ``intern`` (08:00 to 21:00 in their time zone)."""
    return FIRST_HOUR <= now.astimezone(ZoneInfo(intern.timezone)).hour < QUIET_HOUR


def _queue_reminder(intern: User, cohort: Cohort, activity: Activity, now: datetime) -> bool:
    """Write one reminder; True if written (not when turned off, or written already this week)."""
    context = {
        "cohort": cohort,
        "days": activity.days_since,
        "new_entry_url": public_url_for("entries.new", cohort_id=cohort.id),
        "journal_url": public_url_for("entries.journal", cohort_id=cohort.id),
    }
    email = queue_email(
        intern,
        "reminder",
        reminder_key(intern, cohort, now),
        "reminder",
        _l("A few lines for your journal in %(cohort)s?", cohort=cohort.name),
        context,
        now=now,  # the run's time, which the next runs' weekly check reads
    )
    return email is not None


def queue_reminders(now: datetime) -> dict[str, int]:
    """Write the reminders due at ``now`` (a scheduled job, hourly); commits after each. Idempotent.

    Per cohort a fixed number of queries (the interns' activity, the outbox, the interns), then one
    email per intern who needs one. Returns how many were written.
    """
    written = 0
    for cohort, today in _running_cohorts(now):
        quiet = {found.user_id: found.activity for found in interns_activity(cohort, today) if found.activity.inactive}
        if not quiet:
            continue
        reminded = _reminded_lately(cohort, list(quiet), now)
        interns = db.session.scalars(select(User).where(User.id.in_(set(quiet) - reminded)).order_by(User.id)).all()
        for intern in interns:
            if at_decent_hour(intern, now):
                written += _queue_reminder(intern, cohort, quiet[intern.id], now)
                db.session.commit()  # one at a time: SQLite's write lock is never held for long
    return {"reminders": written}
