"""Supervisors' digests: what waits for them in each cohort they supervise, by email, daily or weekly.

A supervisor's digest comes once a local day from 07:00 in their time zone, or, if they chose weekly, once
a week from 07:00 on Monday: one email per cohort they supervise while its placement runs or for
``RECENTLY_ENDED`` after. It names the entries newly shared with them (titles only of entries they may
read, as ``journal.access`` decides, and links), the sign-off requests waiting for a decision, and the
interns past the cohort's inactivity threshold, by the rule the dashboard flags them by
(``journal.activity``): this is the alert the coordinator's cohort page promises. With nothing to say, no
email.

"Newly shared" means shared (an ``entry.shared`` audit event) between the previous digest's time and this
one's (07:00 the day, or the week, before; then the digest's own 07:00), so each share is told once and
one made after 07:00 waits for the next digest. Emails hold titles, names and counts, never entry text.

The work grows with cohorts and supervisors, never with interns: per cohort one query for its interns'
figures, per supervisor one for the entries shared with them, besides the outbox's own.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select

from journal import access
from journal.activity import InternActivity, interns_activity
from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.links import public_url_for
from journal.models import AuditEvent, Cohort, Entry, Membership, OutgoingEmail, SignOffRequest, User

DIGEST_HOUR = 7  # local time from which a day's (or, on Monday, a week's) digest goes
# Hours after DIGEST_HOUR in which a digest may still go (the hourly job runs in the first, the others catch
# up after a scheduler was down): a morning digest, never one at night because something happened late.
DIGEST_LATEST = 3
RECENTLY_ENDED = timedelta(days=14)  # supervisors still hear of a cohort this long after its placement ends
LISTED = 20  # entries a digest names by title; it counts the rest


@dataclass(frozen=True)
class Period:
    """The digest due to a supervisor: its key (a local day or ISO week), the local day it is for, and
    the span of time whose shares it tells (UTC, ``since`` included, ``until`` not)."""

    key: str
    day: date
    weekly: bool
    since: datetime
    until: datetime


def due_period(user: User, now: datetime) -> Period | None:
    """The digest due to ``user`` at ``now``: today's from 07:00 to 10:00 in their time zone, or for a
    weekly digest this week's in those hours on Monday; None at other times (a digest with nothing to say
    is not written, and is not written later in the day either when something happens)."""
    zone = ZoneInfo(user.timezone)
    local = now.astimezone(zone)
    weekly = user.digest_cadence == "weekly"
    if not DIGEST_HOUR <= local.hour < DIGEST_HOUR + DIGEST_LATEST or (weekly and local.weekday() != 0):
        return None
    day = local.date()
    year, week, _weekday = day.isocalendar()
    until = datetime.combine(day, time(DIGEST_HOUR), zone)
    since = until - timedelta(days=7 if weekly else 1)  # wall-clock arithmetic: 07:00 local then too
    key = f"{year}-W{week:02d}" if weekly else day.isoformat()
    return Period(key, day, weekly, since.astimezone(UTC), until.astimezone(UTC))


def digest_key(user: User, cohort: Cohort, period: Period) -> str:
    """The outbox's key for this digest: one per supervisor, cohort and day (or week)."""
    return f"digest:{user.id}:{cohort.id}:{period.key}"


def _cohorts_in_scope(now: datetime) -> list[Cohort]:
    """Cohorts whose placement runs or ended lately, by the UTC date with a day's margin each way
    (each cohort's own date decides in ``_local_day``)."""
    today = now.astimezone(UTC).date()
    return list(
        db.session.scalars(
            select(Cohort)
            .where(
                Cohort.start_date <= today + timedelta(days=1),
                Cohort.end_date >= today - RECENTLY_ENDED - timedelta(days=1),
            )
            .order_by(Cohort.id)
        )
    )


def _local_day(cohort: Cohort, now: datetime) -> date | None:
    """The cohort's local date at ``now`` if its digests go then (placement running or lately ended)."""
    today = now.astimezone(ZoneInfo(cohort.timezone)).date()
    return today if cohort.start_date <= today <= cohort.end_date + RECENTLY_ENDED else None


def _due_supervisors(cohorts: list[Cohort], now: datetime) -> dict[int, list[tuple[User, Period]]]:
    """The supervisors of ``cohorts`` whose digest is due at ``now``, by cohort id (one query)."""
    due: dict[int, list[tuple[User, Period]]] = {}
    rows = db.session.execute(
        select(Membership.cohort_id, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.role == "supervisor", Membership.cohort_id.in_([cohort.id for cohort in cohorts]))
        .order_by(Membership.cohort_id, User.id)
    )
    for cohort_id, user in rows:
        period = due_period(user, now)
        if period is not None:
            due.setdefault(cohort_id, []).append((user, period))
    return due


def _written(keys: list[str]) -> set[str]:
    """Which of these digests are in the outbox already (one query)."""
    if not keys:
        return set()
    return set(db.session.scalars(select(OutgoingEmail.dedupe_key).where(OutgoingEmail.dedupe_key.in_(keys))))


def _shared_within(period: Period):
    """A correlated scalar subquery: when ``Entry`` was last shared within ``period`` (NULL if it was not)."""
    return (
        select(func.max(AuditEvent.created_at))
        .where(
            AuditEvent.action == "entry.shared",
            AuditEvent.object_type == "entry",
            AuditEvent.object_id == Entry.id,
            AuditEvent.created_at >= period.since,
            AuditEvent.created_at < period.until,
        )
        .scalar_subquery()
    )


def newly_shared(supervisor: User, cohort: Cohort, period: Period) -> tuple[list[dict], int]:
    """The entries of the cohort's interns shared within ``period`` that ``supervisor`` may read now, oldest
    share first: at most LISTED of them (title, author, kind, link, local date of sharing), and how many
    there are in all. One query; the entries' text is never selected."""
    when = _shared_within(period)
    interns = select(Membership.user_id).where(Membership.cohort_id == cohort.id, Membership.role == "intern")
    rows = db.session.execute(
        access.visible_entries(supervisor)
        .with_only_columns(Entry.id, Entry.title, Entry.kind, User.display_name, when, func.count().over())
        .join(User, User.id == Entry.author_id)
        .where(Entry.cohort_id == cohort.id, Entry.author_id.in_(interns), Entry.is_shared, when.is_not(None))
        .order_by(when, Entry.id)
        .limit(LISTED)
    ).all()
    zone = ZoneInfo(supervisor.timezone)
    listed = [
        {
            "title": title,
            "author": author,
            "kind": kind,
            "shared_on": stamp.astimezone(zone).date(),
            "link": public_url_for("entries.view", entry_id=entry_id),
        }
        for entry_id, title, kind, author, stamp, _total in rows
    ]
    return listed, (rows[0][-1] if rows else 0)


@dataclass(frozen=True)
class Waiting:
    """An intern with sign-off requests waiting for a decision, and how many."""

    name: str
    pending: int


@dataclass(frozen=True)
class CohortNews:
    """What every supervisor of a cohort hears of it in a digest: requests waiting, interns gone quiet."""

    waiting: list[Waiting]  # by name
    waiting_total: int
    inactive: list[InternActivity]  # past the threshold while the placement runs, by name


def _waiting(cohort: Cohort) -> list[Waiting]:
    """The cohort's interns with pending sign-off requests, by name, with how many (one query)."""
    rows = db.session.execute(
        select(User.display_name, func.count(SignOffRequest.id))
        .join(SignOffRequest, SignOffRequest.intern_id == User.id)
        .join(Membership, and_(Membership.user_id == User.id, Membership.cohort_id == SignOffRequest.cohort_id))
        .where(SignOffRequest.cohort_id == cohort.id, SignOffRequest.status == "pending", Membership.role == "intern")
        .group_by(User.id, User.display_name)
    )
    return sorted((Waiting(name, int(count)) for name, count in rows), key=lambda row: row.name.casefold())


def cohort_news(cohort: Cohort, today: date) -> CohortNews:
    """The cohort's waiting requests and inactive interns on its local date ``today`` (two queries, whatever
    the number of interns). Nobody is called inactive once the placement has ended."""
    waiting = _waiting(cohort)
    running = today <= cohort.end_date
    inactive = [intern for intern in interns_activity(cohort, today) if intern.activity.inactive] if running else []
    return CohortNews(waiting, sum(row.pending for row in waiting), inactive)


def _queue_digest(supervisor: User, cohort: Cohort, period: Period, news: CohortNews) -> bool:
    """Write one supervisor's digest for the cohort if there is anything to tell; True if written."""
    shared, shared_total = newly_shared(supervisor, cohort, period)
    if not (shared or news.waiting or news.inactive):
        return False
    if period.weekly:
        subject = _l("Your weekly digest for %(cohort)s", cohort=cohort.name)
    else:
        subject = _l("Your daily digest for %(cohort)s", cohort=cohort.name)
    context = {
        "cohort": cohort,
        "period": period,
        "shared": shared,
        "shared_more": shared_total - len(shared),
        "news": news,
        "threshold": cohort.inactivity_threshold_days,
        "dashboard_url": public_url_for("review.dashboard", cohort_id=cohort.id),
        "waiting_url": public_url_for("review.dashboard", cohort_id=cohort.id, _anchor="waiting-title"),
        "queue_url": public_url_for("review.queue", cohort_id=cohort.id),
    }
    key = digest_key(supervisor, cohort, period)
    return queue_email(supervisor, "digest", key, "digest", subject, context) is not None


def queue_digests(now: datetime) -> dict[str, int]:
    """Write the digests due at ``now`` (a scheduled job, hourly); commits after each. Idempotent: a
    digest already in the outbox is not written again. Returns how many were written."""
    written = 0
    cohorts = [cohort for cohort in _cohorts_in_scope(now) if _local_day(cohort, now) is not None]
    due = _due_supervisors(cohorts, now)
    keys = [digest_key(user, cohort, period) for cohort in cohorts for user, period in due.get(cohort.id, ())]
    done = _written(keys)
    for cohort in cohorts:
        waiting = [
            (user, period) for user, period in due.get(cohort.id, ()) if digest_key(user, cohort, period) not in done
        ]
        if not waiting:
            continue
        news = cohort_news(cohort, _local_day(cohort, now))
        for user, period in waiting:
            written += _queue_digest(user, cohort, period, news)
            db.session.commit()  # one at a time: SQLite's write lock is never held for long
    return {"digests": written}
