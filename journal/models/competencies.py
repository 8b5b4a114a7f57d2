"""Competency frameworks, the evidence interns link to them, and sign-off requests and decisions.

A framework version is immutable once a cohort uses it: importing a framework of the
same name makes a new version, and cohorts keep the version they were given.
Decisions are final records. A later decision supersedes an earlier one; none is edited.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, Select, String, Text, UniqueConstraint, select, text
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Cohort
    from journal.models.users import User

# The entrustment scale, in the words shown wherever a level appears (lazy: each reader's language).
# TRANSLATORS: the five entrustment levels (EPA supervision scale); use the wording clinical supervisors use.
LEVELS = {
    1: _l("Observes only"),
    2: _l("Acts with direct supervision"),
    3: _l("Acts with indirect supervision"),
    4: _l("Acts unsupervised"),
    5: _l("Supervises others"),
}

# A request's status follows its latest decision; ``withdrawn`` is the intern's own act.
REQUEST_STATUSES = ("pending", "returned", "approved", "revoked", "withdrawn")
OUTCOMES = ("approved", "returned", "revoked")


def level_words(level: int | None) -> str:
    """``3 · Acts with indirect supervision``; an empty string for no level."""
    if level is None:
        return ""
    return f"{level} · {LEVELS[level]}"


class Framework(db.Model):
    """One version of a named competency framework."""

    __tablename__ = "frameworks"
    __table_args__ = (UniqueConstraint("name", "version"), CheckConstraint("version >= 1", name="version_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The lowercase UUID this object had in the CASE package it was imported from (kept on export), or None.
    case_identifier: Mapped[str | None] = mapped_column(String(36))

    domains: Mapped[list["Domain"]] = relationship(
        back_populates="framework", order_by="Domain.position", cascade="all, delete-orphan"
    )
    competencies: Mapped[list["Competency"]] = relationship(
        back_populates="framework", order_by="Competency.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Framework {self.id} {self.name!r} v{self.version}>"


class Domain(db.Model):
    """A group of competencies, mapped to a CanMEDS role."""

    __tablename__ = "domains"
    __table_args__ = (UniqueConstraint("framework_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(120))
    canmeds_role: Mapped[str] = mapped_column(String(60), default="")
    case_identifier: Mapped[str | None] = mapped_column(String(36))

    framework: Mapped[Framework] = relationship(back_populates="domains")
    competencies: Mapped[list["Competency"]] = relationship(back_populates="domain", order_by="Competency.position")


class Competency(db.Model):
    """Something an intern should be able to do, and the entrustment level required."""

    __tablename__ = "competencies"
    __table_args__ = (
        UniqueConstraint("framework_id", "code"),
        CheckConstraint("required_level BETWEEN 1 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    required_level: Mapped[int] = mapped_column(default=3)
    case_identifier: Mapped[str | None] = mapped_column(String(36))

    framework: Mapped[Framework] = relationship(back_populates="competencies")
    domain: Mapped[Domain] = relationship(back_populates="competencies")

    def __repr__(self) -> str:
        return f"<Competency {self.code}>"

    @classmethod
    def in_framework(cls, framework_id: int) -> Select:
        """The framework's competencies with their domains, in the framework's order (a statement to run)."""
        return (
            select(cls)
            .join(cls.domain)
            .options(joinedload(cls.domain))
            .where(cls.framework_id == framework_id)
            .order_by(Domain.position, cls.position, cls.id)
        )


class Evidence(db.Model):
    """An entry offered as evidence for a competency (an entry can serve several)."""

    __tablename__ = "evidence"

    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competencies.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SignOffRequest(db.Model):
    """An intern's request that a competency be signed off at a level.

    ``status`` and ``approved_level`` mirror the latest decisions (or the withdrawal); the
    decisions themselves are the record.
    """

    __tablename__ = "signoff_requests"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        CheckConstraint("status IN ('pending', 'returned', 'approved', 'revoked', 'withdrawn')", name="status_known"),
        # One open request per intern and competency, even under a double click.
        Index(
            "uq_signoff_requests_pending",
            "intern_id",
            "competency_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    intern_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # The level a supervisor approved (which may differ from the level asked for); kept after a
    # revoke so the history reads whole, but only an ``approved`` request counts as signed off.
    approved_level: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    intern: Mapped["User"] = relationship(foreign_keys=[intern_id])
    cohort: Mapped["Cohort"] = relationship()
    competency: Mapped[Competency] = relationship()
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="request", order_by="Decision.id", cascade="all, delete-orphan"
    )

    @property
    def level_words(self) -> str:
        return level_words(self.level)

    def __repr__(self) -> str:
        return f"<SignOffRequest {self.id} {self.status}>"


class Decision(db.Model):
    """A supervisor's final word on a request: approved at a level, returned, or revoked."""

    __tablename__ = "signoff_decisions"
    __table_args__ = (
        CheckConstraint("outcome IN ('approved', 'returned', 'revoked')", name="outcome_known"),
        CheckConstraint("level IS NULL OR level BETWEEN 1 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("signoff_requests.id", ondelete="CASCADE"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(16))
    level: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[SignOffRequest] = relationship(back_populates="decisions")
    decided_by: Mapped["User | None"] = relationship()

    @property
    def level_words(self) -> str:
        return level_words(self.level)
