"""Cohorts of interns on a placement, and who belongs to them in which role."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.competencies import Framework
    from journal.models.users import User

ROLES = ("intern", "supervisor", "reviewer")
# A role as a label (a badge, a menu), translated when shown; the codes are what the database holds.
ROLE_LABELS = {"intern": _l("Intern"), "supervisor": _l("Supervisor"), "reviewer": _l("University reviewer")}
# The same role inside a sentence ("invites you to join … as supervisor"), so that each language writes it
# as its sentences need rather than as a lower-cased label.
ROLE_NOUNS = {"intern": _l("intern"), "supervisor": _l("supervisor"), "reviewer": _l("university reviewer")}


class Cohort(db.Model):
    """A group of interns at one host site for a period, with its supervisors and reviewers."""

    __tablename__ = "cohorts"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("inactivity_threshold_days BETWEEN 1 AND 90", name="threshold_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    host_site: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    inactivity_threshold_days: Mapped[int] = mapped_column(default=3)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("frameworks.id", ondelete="RESTRICT"), index=True)
    # Supervisors of this cohort and coordinators must log in with a second factor.
    requires_two_factor: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # A cohort may have hundreds of members: they are selected as needed, never loaded whole.
    memberships: WriteOnlyMapped["Membership"] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", passive_deletes=True
    )
    framework: Mapped["Framework | None"] = relationship()

    def __repr__(self) -> str:
        return f"<Cohort {self.id}>"


class Membership(db.Model):
    """One user's single role in one cohort."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "cohort_id"),
        CheckConstraint("role IN ('intern', 'supervisor', 'reviewer')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")
    cohort: Mapped[Cohort] = relationship(back_populates="memberships")

    @property
    def role_label(self) -> str:
        """The role in words, as shown to people (in the current language)."""
        return str(ROLE_LABELS[self.role])

    def __repr__(self) -> str:
        return f"<Membership {self.user_id}:{self.cohort_id}:{self.role}>"
