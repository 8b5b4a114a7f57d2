"""Invitations to join a cohort in a role, redeemed once through a secret link."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Cohort
    from journal.models.users import User


class Invitation(db.Model):
    """A pending or used invitation. Only the SHA-256 of its token is stored."""

    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint("role IN ('intern', 'supervisor', 'reviewer')", name="role_known"),
        # At most one open (not accepted, not cancelled) invitation per person and cohort, even
        # when two coordinators, or one double click, invite at the same moment.
        Index(
            "uq_invitations_open",
            "cohort_id",
            "email",
            unique=True,
            sqlite_where=text("accepted_at IS NULL AND revoked_at IS NULL"),
            postgresql_where=text("accepted_at IS NULL AND revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    display_name: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the scheduled upkeep found it expired unused (and told the coordinators): None until then.
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cohort: Mapped["Cohort"] = relationship()
    invited_by: Mapped["User | None"] = relationship()

    @property
    def status(self) -> str:
        """One of ``accepted``, ``revoked``, ``expired`` or ``pending``."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= utcnow():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        """True while the link can still be redeemed."""
        return self.status == "pending"
