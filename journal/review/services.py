"""Supervisors' feedback on shared entries: what still waits for it, the review queue, and "reviewed" marks
(comments themselves are ``journal.feedback``).

Services flush; the view commits. Audit details name objects, never what anyone wrote.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, joinedload

from journal import access, audit
from journal.extensions import db
from journal.models import AuditEvent, Comment, Entry, EntryReview, Membership, User


def has_supervisor_feedback() -> ColumnElement[bool]:
    """True for an entry a supervisor of its cohort has commented on or marked reviewed.

    A correlated condition on ``Entry``, usable in any query over entries.
    """
    supervisor = aliased(Membership)
    commented = exists().where(
        Comment.entry_id == Entry.id,
        supervisor.user_id == Comment.author_id,
        supervisor.cohort_id == Entry.cohort_id,
        supervisor.role == "supervisor",
    )
    reviewed = exists().where(EntryReview.entry_id == Entry.id)
    return commented | reviewed


def awaiting_feedback() -> ColumnElement[bool]:
    """Live shared entries with no supervisor feedback yet (a condition on ``Entry``)."""
    return and_(Entry.deleted_at.is_(None), Entry.is_shared, ~has_supervisor_feedback())


def shared_at(entry=Entry):
    """When the entry was last shared (its latest "entry.shared" audit event), else when it was written.

    A correlated expression on ``entry``: ``Entry`` itself, or an alias of it.
    """
    latest = (
        select(func.max(AuditEvent.created_at))
        .where(AuditEvent.action == "entry.shared", AuditEvent.object_type == "entry", AuditEvent.object_id == entry.id)
        .scalar_subquery()
    )
    return func.coalesce(latest, entry.created_at)


def comment_counts():
    """A scalar subquery: the number of comments on ``Entry``."""
    return select(func.count(Comment.id)).where(Comment.entry_id == Entry.id).scalar_subquery()


def queued_entries(viewer: User, cohort_id: int):
    """Select (unordered) the shared entries of the cohort's interns that wait for feedback and that
    ``viewer`` may read: what the review queue holds."""
    interns = select(Membership.user_id).where(Membership.cohort_id == cohort_id, Membership.role == "intern")
    return access.visible_entries(viewer).where(
        Entry.cohort_id == cohort_id, Entry.author_id.in_(interns), awaiting_feedback()
    )


def queue_order() -> tuple:
    """The review queue's ORDER BY, on ``Entry``: the longest waiting first (by when they were shared),
    then the oldest entry."""
    return shared_at(), Entry.id


def review_queue(viewer: User, cohort_id: int):
    """Select the shared entries of the cohort's interns that wait for feedback and that ``viewer``
    may read, oldest share first, with their authors."""
    return queued_entries(viewer, cohort_id).options(joinedload(Entry.author)).order_by(*queue_order())


@dataclass(frozen=True)
class Figures:
    """What lists of shared entries show beside each entry."""

    comments: int
    shared_at: datetime
    has_feedback: bool


def entry_figures(entry_ids: list[int]) -> dict[int, Figures]:
    """Comment count, time of sharing and whether a supervisor has given feedback, per entry (one query)."""
    if not entry_ids:
        return {}
    rows = db.session.execute(
        select(Entry.id, comment_counts(), shared_at(), has_supervisor_feedback()).where(Entry.id.in_(entry_ids))
    )
    return {entry_id: Figures(int(count), when, bool(feedback)) for entry_id, count, when, feedback in rows}


def mark_reviewed(entry: Entry, reviewer: User) -> bool:
    """Record that ``reviewer`` has read the entry; False when they had already marked it."""
    if db.session.get(EntryReview, (entry.id, reviewer.id)) is not None:
        return False
    try:
        with db.session.begin_nested():  # a double click races past the check above; the key stops it
            db.session.add(EntryReview(entry_id=entry.id, reviewer_id=reviewer.id))
            db.session.flush()
    except IntegrityError:
        return False
    audit.record(reviewer.id, "entry.reviewed", entry, entry.cohort_id)
    return True
