"""The audit log: who did what to which object, and when. Never entry text."""

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.users import User

# Every action the log knows, in words for the coordinator's filter. The log stores the codes; the words are
# looked up (in the reader's language) when the log is shown.
AUDIT_ACTIONS = {
    "entry.shared": _l("Shared an entry"),
    "entry.unshared": _l("Unshared an entry"),
    "entry.reviewed": _l("Marked an entry reviewed"),
    "comment.added": _l("Commented"),
    "signoff.requested": _l("Requested a sign-off"),
    "signoff.withdrawn": _l("Withdrew a request"),
    "signoff.approved": _l("Approved a sign-off"),
    "signoff.returned": _l("Returned a request"),
    "signoff.revoked": _l("Revoked a sign-off"),
    "framework.imported": _l("Imported a framework"),
    "framework.assigned": _l("Assigned a framework"),
    "requirements.updated": _l("Changed the credit requirements"),
    "portfolio.submitted": _l("Submitted a portfolio"),
    "portfolio.downloaded": _l("Downloaded a portfolio"),
    "credit_summary.downloaded": _l("Downloaded the credit summary"),
    "export.requested": _l("Started a cohort export"),
    "export.downloaded": _l("Downloaded a cohort export"),
    "login.succeeded": _l("Logged in"),
    "login.failed": _l("Failed to log in"),
    "login.locked": _l("Account locked after failed logins"),
    "password.changed": _l("Changed the password"),
    "password.reset_requested": _l("Asked for a password-reset link"),
    "password.reset": _l("Reset the password by email"),
    "emails.changed": _l("Changed which emails they receive"),
    "sessions.ended": _l("Logged out other sessions"),
    "two_factor.enabled": _l("Turned on two-factor authentication"),
    "two_factor.disabled": _l("Turned off two-factor authentication"),
    "recovery_codes.renewed": _l("Made new recovery codes"),
    "data.downloaded": _l("Downloaded all their data"),
    "account.deleted": _l("Deleted their account"),
    # Who belongs to a cohort decides who reads what (DESIGN.md, privacy promise 9). Worded so that
    # they read right both in a cohort's log (who did it, to whom) and on the person's own security page.
    "member.invited": _l("Invited to the cohort"),
    "member.added": _l("Added to the cohort"),
    "member.joined": _l("Joined the cohort by invitation"),
    "member.role_changed": _l("Role in the cohort changed"),
    "member.removed": _l("Removed from the cohort"),
    "roster.imported": _l("Imported a roster"),
    "invitation.renewed": _l("Invitation link renewed"),
    "invitation.revoked": _l("Invitation cancelled"),
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
        """The action in words, in the current language (an action the log no longer knows: its code)."""
        return str(AUDIT_ACTIONS.get(self.action, self.action))
