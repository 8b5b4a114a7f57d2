"""When things happened in the demo cohort.

The seed acts through the same services as the pages, and they date what they record now. These
helpers date each act at a plausible moment of the placement instead: members join on its first
morning, entries are written and shared in the evening of the day they are about, comments and
decisions follow a day or so later. Nothing is dated after the moment the seed runs.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from journal.extensions import db
from journal.models import AuditEvent, Cohort, Notification
from journal.models.types import utcnow


def local_moment(cohort: Cohort, day: date, at: time) -> datetime:
    """``at`` on ``day`` at the host site, as a UTC timestamp, and never later than now."""
    moment = datetime.combine(day, at, ZoneInfo(cohort.timezone)).astimezone(UTC)
    return min(moment, utcnow())


def later(moment: datetime, **delta) -> datetime:
    """``moment`` plus ``delta`` (``days=1``, ``hours=3``), and never later than now."""
    return min(moment + timedelta(**delta), utcnow())


def joined_at(cohort: Cohort, position: int) -> datetime:
    """When the ``position``-th member joined: the placement's first morning, a few minutes apart."""
    return later(local_moment(cohort, cohort.start_date, time(8)), minutes=3 * position)


def _last_id(model) -> int:
    return db.session.scalar(select(func.max(model.id))) or 0


@contextmanager
def happening_at(when: datetime) -> Iterator[None]:
    """Date ``when`` the audit events and notifications the services record inside the block, and the
    notifications they mark read (a sign-off request's, once it is decided)."""
    db.session.flush()
    events, notes, started = _last_id(AuditEvent), _last_id(Notification), utcnow()
    yield
    db.session.flush()
    db.session.execute(update(AuditEvent).where(AuditEvent.id > events).values(created_at=when))
    db.session.execute(update(Notification).where(Notification.id > notes).values(created_at=when))
    db.session.execute(update(Notification).where(Notification.read_at >= started).values(read_at=when))
