"""In-app notifications: what happened that a person should know about."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Cohort
    from journal.models.competencies import Decision, SignOffRequest
    from journal.models.users import User

# What each kind says; the message is written when shown, from the objects it names,
# so no entry text is ever copied into a notification. ``supervisor_added`` and ``reviewer_added``
# tell a cohort's interns that someone (the notification's actor) now holds that role there.
# ``entry_shared`` tells a supervisor that an intern shared an entry with them (or with the cohort);
# ``portfolio_submitted`` tells a reviewer of a new or superseding submission.
NOTIFICATION_KINDS = (
    "comment",
    "signoff_requested",
    "signoff_decided",
    "supervisor_added",
    "reviewer_added",
    "entry_shared",
    "portfolio_submitted",
)


class Notification(db.Model):
    """One thing for one person to look at; read once they open it or mark all read."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('comment', 'signoff_requested', 'signoff_decided', 'supervisor_added', 'reviewer_added', "
            "'entry_shared', 'portfolio_submitted')",
            name="kind_known",
        ),
        Index("ix_notifications_unread", "user_id", "read_at"),
        # The email scheduler's look, every minute, for notifications it has not looked at yet, oldest first.
        Index("ix_notifications_to_email", "emailed_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("signoff_requests.id", ondelete="CASCADE"))
    # The decision a ``signoff_decided`` notification is about: a later one must not reword it.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("signoff_decisions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the email scheduler looked at it (and wrote the email, if the person wants that kind):
    # None until then. Sending happens later, from the outbox, so the notification never waits on mail.
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor: Mapped["User | None"] = relationship(foreign_keys=[actor_id])
    cohort: Mapped["Cohort | None"] = relationship()
    request: Mapped["SignOffRequest | None"] = relationship()
    decision: Mapped["Decision | None"] = relationship()
