"""Invitations that expired unused: marked once, and the coordinators told by email.

Every hour, the invitations whose link has expired, neither accepted nor cancelled and not yet marked (or
marked for an earlier expiry, before a coordinator renewed them), get ``expired_at``. The mark is a
compare-and-set, so of two runs at once each invitation is marked by one. Each coordinator (``is_admin``)
then gets one email listing that run's invitations by cohort (email, role, when it expired, in their own
time zone) with a link to the cohort's page, where a new link is one click; its outbox key names the
coordinator and the batch, so the same batch is never emailed twice.
"""

import hashlib
from datetime import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from flask_babel import lazy_ngettext
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import joinedload

from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.links import public_url_for
from journal.models import Cohort, Invitation, User

BATCH = 500  # invitations marked in one run; the next run takes the rest


def _expired_unmarked(now: datetime):
    """The condition for invitations expired at ``now`` that nobody accepted or cancelled, and that are not
    marked for their present expiry (renewing one gives it a new ``expires_at``, after the old mark)."""
    return and_(
        Invitation.expires_at <= now,
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        or_(Invitation.expired_at.is_(None), Invitation.expired_at < Invitation.expires_at),
    )


def mark_expired(now: datetime) -> list[Invitation]:
    """Mark the invitations that expired unused (at most BATCH), set ``expired_at = now``, and return
    those this call marked, with their cohorts, by cohort name and email; flushes, never commits."""
    candidates = db.session.scalars(
        select(Invitation.id).where(_expired_unmarked(now)).order_by(Invitation.id).limit(BATCH)
    ).all()
    if not candidates:
        return []
    marked = db.session.scalars(
        update(Invitation)
        .where(Invitation.id.in_(candidates), _expired_unmarked(now))  # whatever another run marked meanwhile
        .values(expired_at=now)
        .returning(Invitation.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not marked:
        return []
    return list(
        db.session.scalars(
            select(Invitation)
            .join(Invitation.cohort)
            .options(joinedload(Invitation.cohort))
            .where(Invitation.id.in_(marked))
            .order_by(Cohort.name, Cohort.id, Invitation.email)
            .execution_options(populate_existing=True)
        )
    )


def batch_name(invitations: list[Invitation]) -> str:
    """A short name for a batch of expiries: the same invitations expiring at the same times give the same
    name, a renewed one that expires again another."""
    marks = ",".join(f"{i.id}@{i.expires_at.isoformat()}" for i in sorted(invitations, key=lambda i: i.id))
    return hashlib.sha256(marks.encode()).hexdigest()[:16]


def _by_cohort(invitations: list[Invitation], coordinator: User) -> list[dict]:
    """The invitations grouped by cohort, each with the cohort page's address and the local date of expiry."""
    zone = ZoneInfo(coordinator.timezone)
    groups = []
    for cohort, found in groupby(invitations, key=lambda i: i.cohort):
        rows = [{"email": i.email, "role": i.role, "expired_on": i.expires_at.astimezone(zone).date()} for i in found]
        groups.append({"cohort": cohort, "url": public_url_for("cohorts.detail", cohort_id=cohort.id), "rows": rows})
    return groups


def mark_expired_invitations(now: datetime) -> dict[str, int]:
    """Mark the invitations that expired unused and email each coordinator the batch, once (a scheduled
    job, hourly); flushes, never commits. Returns how many were marked and how many emails written."""
    invitations = mark_expired(now)
    if not invitations:
        return {"invitations_expired": 0, "emails": 0}
    batch, count = batch_name(invitations), len(invitations)
    emails = 0
    for coordinator in db.session.scalars(select(User).where(User.is_admin).order_by(User.id)):
        email = queue_email(
            coordinator,
            "invitation_expired",
            f"invitations_expired:{coordinator.id}:{batch}",
            "invitations_expired",
            lazy_ngettext("%(num)d invitation expired unused", "%(num)d invitations expired unused", count),
            {"groups": _by_cohort(invitations, coordinator), "count": count},
        )
        emails += email is not None
    return {"invitations_expired": count, "emails": emails}
