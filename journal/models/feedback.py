"""Feedback on shared entries: comment threads and supervisors' "reviewed" marks."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.users import User


class Comment(db.Model):
    """A comment on an entry, seen by whoever may read the entry; ``parent`` makes it a reply.

    When its author deletes their account, the comment stays in its thread (replies hang from
    it) with no author and no text, shown as written by a deleted user.
    """

    __tablename__ = "comments"
    # A comment without an author keeps no text: deleting a user row any other way than
    # through ``journal.account.deletion`` fails here rather than leave their words behind.
    __table_args__ = (
        CheckConstraint("author_id IS NOT NULL OR body = ''", name="no_text_without_author"),
        # The random key of the form it came from: a comment sent again is posted once (journal.intents).
        UniqueConstraint("author_id", "idempotency_key", name="uq_comments_author_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped["User | None"] = relationship()

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.entry_id}>"


class EntryReview(db.Model):
    """A supervisor has read a shared entry and needs to do nothing more with it."""

    __tablename__ = "entry_reviews"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped["User"] = relationship()
