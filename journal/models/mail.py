"""Email and scheduled work: what each person wants to receive, the outbox of emails waiting to be
sent, password-reset links, and the log of scheduled runs that lets many schedulers run a job once."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.users import User

# The kinds of email a person can turn off, one by one (each email's one-click unsubscribe turns off its
# own kind). Password-reset emails are not among them: they only come when the person asks.
EMAIL_KINDS = (
    "comment",  # to an intern: someone commented on their entry
    "signoff_decided",  # to an intern: a sign-off approved (with its level) or returned
    "reminder",  # to an intern: a gentle reminder after days without an entry
    "digest",  # to a supervisor: the daily or weekly digest
    "submission",  # to a reviewer: a new or superseding portfolio submission
    "invitation_expired",  # to a coordinator: invitations that expired unused
)
DIGEST_CADENCES = ("daily", "weekly")
EMAIL_STATUSES = ("pending", "sending", "sent", "failed", "skipped")


class EmailOptOut(db.Model):
    """One kind of email a person has turned off; every kind is on until they do."""

    __tablename__ = "email_opt_outs"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutgoingEmail(db.Model):
    """An email written (in its recipient's language) and waiting to be sent, being sent, or sent.

    ``dedupe_key`` names what the email is about (``comment:<notification id>``, ``digest:<user>:<day>``):
    it is unique, so two schedulers writing the same email at once write it once. A failed attempt waits
    ``next_attempt_at`` before the next; the email is ``failed`` after the last attempt. Emails hold only
    what happened, an entry's title when the recipient may read the entry, and links: never entry text.
    """

    __tablename__ = "outgoing_emails"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'skipped')",
            name="status_known",
        ),
        Index("ix_outgoing_emails_due", "status", "next_attempt_at"),
        Index("ix_outgoing_emails_user_kind", "user_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # The one-click unsubscribe address for this email's kind (None for emails one cannot turn off).
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User | None"] = relationship()

    def __repr__(self) -> str:
        return f"<OutgoingEmail {self.id} {self.kind} {self.status}>"


class PasswordResetToken(db.Model):
    """A password-reset link: only the SHA-256 of its token is stored; used once, within its hour."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped["User"] = relationship()


class ScheduledRun(db.Model):
    """One run of a scheduled job for one time slot. The pair (job, slot) is unique: of two schedulers
    that reach the same slot at once, one writes the row and runs the job, the other sees it and skips."""

    __tablename__ = "scheduled_runs"
    __table_args__ = (
        UniqueConstraint("job", "slot"),
        CheckConstraint("outcome IN ('running', 'done', 'failed')", name="outcome_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    slot: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(16), default="running")
    # What the run did, in counts (``{"entries_purged": 3}``) or the error's class: never any text.
    details: Mapped[str] = mapped_column(String(500), default="")
