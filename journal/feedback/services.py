"""Comments and replies on an entry: adding one once per form, and telling those who follow the thread.

Services flush; the view commits. Audit details name objects, never what anyone wrote.
"""

from sqlalchemy import select

from journal import access, audit, intents
from journal.extensions import db
from journal.models import Comment, Entry, User
from journal.notifications.services import notify

MAX_COMMENT = 5000


class ParentNotFound(LookupError):
    """The comment answered is not a comment on this entry."""


def thread_root(entry: Entry, parent_id: int | None) -> int | None:
    """The comment a reply hangs under: replies to replies join their thread (one level of nesting).

    Raises ParentNotFound when ``parent_id`` is not a comment on this entry.
    """
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    if parent is None or parent.entry_id != entry.id:
        raise ParentNotFound(parent_id)
    return parent.parent_id or parent.id


def add_comment_once(
    entry: Entry, author: User, body: str, parent_id: int | None, idempotency_key: str
) -> tuple[Comment, bool]:
    """Add the comment unless ``author`` already posted one on this entry from the same form
    (``idempotency_key``, journal.intents); return it and whether it is new. Flushes."""

    def posted() -> Comment | None:
        return db.session.scalar(
            select(Comment).where(
                Comment.author_id == author.id,
                Comment.entry_id == entry.id,
                Comment.idempotency_key == idempotency_key,
            )
        )

    return intents.once(posted, lambda: add_comment(entry, author, body, parent_id, idempotency_key))


def add_comment(
    entry: Entry, author: User, body: str, parent_id: int | None = None, idempotency_key: str | None = None
) -> Comment:
    """Add a comment (or a reply) to the entry, record it and tell those following the thread.

    The entry's author and everyone who commented before and may still read the entry are
    notified, except the commenter. Raises ParentNotFound for a parent on another entry.
    """
    comment = Comment(
        entry_id=entry.id,
        author_id=author.id,
        body=body,
        parent_id=thread_root(entry, parent_id),
        idempotency_key=idempotency_key,
    )
    db.session.add(comment)
    db.session.flush()  # a key sent twice fails here, inside the caller's savepoint
    audit.record(author.id, "comment.added", comment, entry.cohort_id, entry_id=entry.id, parent_id=comment.parent_id)
    earlier = db.session.scalars(
        select(User).where(User.id.in_(select(Comment.author_id).where(Comment.entry_id == entry.id)))
    ).all()
    followers = {entry.author_id} | {user.id for user in earlier if access.can(user, "view_entry", entry)}
    notify(followers, "comment", actor=author, cohort_id=entry.cohort_id, entry_id=entry.id)
    return comment
