"""A supervisor's reading path: on a shared entry's page, the way back to the review queue and to the
intern's page, and on to the next entry waiting in the queue.

The entry page asks for it through the template global ``reading_path(entry)`` (registered by the review
blueprint, so that journal/entries needs nothing of journal/review). Everything it shows comes from one query.
"""

from dataclasses import dataclass

from flask_login import current_user
from sqlalchemy import and_, case, exists, func, or_, select, true
from sqlalchemy.orm import aliased

from journal import access
from journal.extensions import db
from journal.models import Entry, Membership, User
from journal.review.services import queue_order, queued_entries, shared_at


@dataclass(frozen=True)
class NextEntry:
    """The next entry waiting in the queue: enough to link to it."""

    id: int
    title: str
    author: str


@dataclass(frozen=True)
class ReadingPath:
    """Where a shared entry stands for the supervisor reading it."""

    cohort_id: int
    author_id: int | None  # the intern's page, while the author is an intern of the cohort
    waiting: int  # entries in the review queue, this one included when it waits there
    this_waits: bool
    next: NextEntry | None  # the next in queue order after this one (from the start again), never this one


def _after(entry: Entry):
    """True for the entries that come after ``entry`` in queue order (a condition on ``Entry``)."""
    this = aliased(Entry)
    this_shared_at = select(shared_at(this)).where(this.id == entry.id).scalar_subquery()
    current = shared_at()
    return or_(current > this_shared_at, and_(current == this_shared_at, Entry.id > entry.id))


def _statement(viewer, entry: Entry):
    """One row when ``viewer`` belongs to the entry's cohort: their membership, what waits in the queue,
    whether the author is an intern there, and the next entry (NULLs when none)."""
    me, author = aliased(Membership), aliased(Membership)
    queued = queued_entries(viewer, entry.cohort_id)
    counts = queued.with_only_columns(
        func.count().label("waiting"),
        func.coalesce(func.max(case((Entry.id == entry.id, 1), else_=0)), 0).label("this_waits"),
        maintain_column_froms=True,
    ).subquery()
    following = (
        queued.with_only_columns(Entry.id, Entry.title, User.display_name)
        .join(User, User.id == Entry.author_id)
        .where(Entry.id != entry.id)
        # Those after this entry first, then from the start of the queue again.
        .order_by(case((_after(entry), 0), else_=1), *queue_order())
        .limit(1)
        .subquery()
    )
    author_is_intern = exists().where(
        author.user_id == entry.author_id, author.cohort_id == entry.cohort_id, author.role == "intern"
    )
    return (
        select(me, counts.c.waiting, counts.c.this_waits, author_is_intern, *following.c)
        .select_from(me)
        .join(counts, true())
        .outerjoin(following, true())
        .where(me.user_id == viewer.id, me.cohort_id == entry.cohort_id)
    )


def reading_path(entry: Entry, viewer=None) -> ReadingPath | None:
    """The reading path of ``entry`` for ``viewer`` (the current user by default): None unless they
    supervise the entry's cohort and did not write it. One query; none for the entry's author."""
    viewer = viewer if viewer is not None else current_user
    if not viewer.is_authenticated or entry.author_id == viewer.id:
        return None
    row = db.session.execute(_statement(viewer, entry)).first()
    if row is None or not access.can(viewer, "supervise", row[0]):
        return None
    _membership, waiting, this_waits, is_intern, next_id, next_title, next_author = row
    return ReadingPath(
        cohort_id=entry.cohort_id,
        author_id=entry.author_id if is_intern else None,
        waiting=int(waiting),
        this_waits=bool(this_waits),
        next=NextEntry(next_id, next_title, next_author) if next_id is not None else None,
    )
