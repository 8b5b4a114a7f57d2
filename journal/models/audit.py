"""The audit log: who did what to which object, and when. Never entry text."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.users import User

# Every action the log knows, in words for the coordinator's filter.
AUDIT_ACTIONS = {
    "entry.shared": "Shared an entry",
    "entry.unshared": "Unshared an entry",
    "entry.reviewed": "Marked an entry reviewed",
    "comment.added": "Commented",
    "signoff.requested": "Requested a sign-off",
    "signoff.withdrawn": "Withdrew a request",
    "signoff.approved": "Approved a sign-off",
    "signoff.returned": "Returned a request",
    "signoff.revoked": "Revoked a sign-off",
    "framework.imported": "Imported a framework",
    "framework.assigned": "Assigned a framework",
    "requirements.updated": "Changed the credit requirements",
    "portfolio.submitted": "Submitted a portfolio",
    "portfolio.downloaded": "Downloaded a portfolio",
    "credit_summary.downloaded": "Downloaded the credit summary",
    "export.requested": "Started a cohort export",
    "export.downloaded": "Downloaded a cohort export",
    "login.succeeded": "Logged in",
    "login.failed": "Failed to log in",
    "login.locked": "Account locked after failed logins",
    "password.changed": "Changed the password",
    "sessions.ended": "Logged out other sessions",
    "two_factor.enabled": "Turned on two-factor authentication",
    "two_factor.disabled": "Turned off two-factor authentication",
    "recovery_codes.renewed": "Made new recovery codes",
    "data.downloaded": "Downloaded all their data",
    "account.deleted": "Deleted their account",
    # Who belongs to a cohort decides who reads what (DESIGN.md, privacy promise 9). Worded so that
    # they read right both in a cohort's log (who did it, to whom) and on the person's own security page.
    "member.invited": "Invited to the cohort",
    "member.added": "Added to the cohort",
    "member.joined": "Joined the cohort by invitation",
    "member.role_changed": "Role in the cohort changed",
    "member.removed": "Removed from the cohort",
    "roster.imported": "Imported a roster",
    "invitation.renewed": "Invitation link renewed",
    "invitation.revoked": "Invitation cancelled",
}


class AuditEvent(db.Model):
    """One recorded action. ``details`` holds identifiers and levels, never what anyone wrote."""

    __tablename__ = "audit_events"
    # Counting an account's recent failed logins reads this index only.
    __table_args__ = (Index("ix_audit_events_object_action_time", "object_type", "object_id", "action", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int | None] = mapped_column()
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor: Mapped["User | None"] = relationship()

    @property
    def action_label(self) -> str:
        return AUDIT_ACTIONS.get(self.action, self.action)
