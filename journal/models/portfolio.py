"""Portfolios for credit: a cohort's credit requirements, frozen submissions and cohort exports.

A submission is never edited: its canonical JSON document and SHA-256 are written once;
its PDF is rendered the first time anyone asks for it and then kept, so every download
of it is the same bytes. A newer submission by the same intern in the same cohort
supersedes it, and both are kept.

An intern who deletes their account may leave their submissions with the cohort: the
submission then has no intern, and the name it shows is the one frozen in its document.
"""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    case,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, column_property, deferred, mapped_column, relationship
from sqlalchemy.sql.functions import FunctionElement

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from journal.models.cohorts import Cohort
    from journal.models.users import User


class CreditRequirements(db.Model):
    """What an intern of the cohort must reach for credit. No row means no minimums and every
    competency of the framework at its required level."""

    __tablename__ = "credit_requirements"
    __table_args__ = (
        CheckConstraint("min_clinical_hours >= 0", name="hours_not_negative"),
        CheckConstraint(
            "min_clinical_entries >= 0 AND min_cultural_entries >= 0 AND min_ethics_entries >= 0",
            name="entries_not_negative",
        ),
    )

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    min_clinical_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2), default=Decimal(0))
    min_clinical_entries: Mapped[int] = mapped_column(default=0)
    min_cultural_entries: Mapped[int] = mapped_column(default=0)
    min_ethics_entries: Mapped[int] = mapped_column(default=0)
    # The competencies chosen, for the framework they were chosen from; None means all of them.
    # A cohort moved to another framework falls back to all of the new one's.
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("frameworks.id", ondelete="SET NULL"))
    competency_ids: Mapped[list[int] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    def min_entries(self, kind: str) -> int:
        """The minimum number of entries of ``kind``."""
        return getattr(self, f"min_{kind}_entries")


class Submission(db.Model):
    """A frozen portfolio: the canonical JSON document, its SHA-256 and a verification code."""

    __tablename__ = "submissions"
    __table_args__ = (
        Index("ix_submissions_intern_cohort", "intern_id", "cohort_id", "id"),
        CheckConstraint("intern_id IS NOT NULL OR former_intern_key IS NOT NULL", name="owner_known"),
        # The random key of the submit form: one submission per intent, however often it is sent.
        UniqueConstraint("intern_id", "idempotency_key", name="uq_submissions_intern_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None once the intern deleted their account and left the submission with the cohort.
    # Deleting a user row directly still deletes their submissions: keeping them is a choice.
    intern_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Set with ``intern_id`` cleared: a random value shared by the former intern's submissions in
    # the cohort, so the latest can still be told from those it superseded. It is derived from
    # nothing about the person.
    former_intern_key: Mapped[str | None] = mapped_column(String(32))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(14), unique=True)
    schema_version: Mapped[str] = mapped_column(String(10))
    document: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    entry_count: Mapped[int]
    requirements_met: Mapped[bool]
    verify_url: Mapped[str] = mapped_column(String(300))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # The language the intern chose for the PDF (``journal.i18n.LANGUAGES``); None for submissions made
    # before the choice existed, whose PDF is written in English.
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    intern: Mapped["User | None"] = relationship()
    cohort: Mapped["Cohort"] = relationship()

    @property
    def pdf_language(self) -> str:
        """The language the PDF is written in: the one chosen at submission, else English."""
        return self.language or "en"

    @property
    def intern_name(self) -> str:
        """The intern's name: their current one, or the one frozen in the document once their
        account is deleted (undefer ``name_as_submitted`` when listing many)."""
        return self.intern.display_name if self.intern is not None else self.name_as_submitted

    def __repr__(self) -> str:
        return f"<Submission {self.code}>"


class _InternNameInDocument(FunctionElement):
    """SQL for ``document["intern"]["name"]``: the documents are text, so each database parses them its own way."""

    type = String()
    inherit_cache = True


@compiles(_InternNameInDocument)
def _intern_name_sqlite(element, compiler, **kw):
    return f"json_extract({compiler.process(element.clauses, **kw)}, '$.intern.name')"


@compiles(_InternNameInDocument, "postgresql")
def _intern_name_postgresql(element, compiler, **kw):
    return f"(CAST({compiler.process(element.clauses, **kw)} AS JSON) -> 'intern' ->> 'name')"


# The name frozen in the document, read only for submissions whose intern is gone (so the
# documents of everyone else are never parsed).
Submission.name_as_submitted = deferred(
    column_property(
        case((Submission.__table__.c.intern_id.is_(None), _InternNameInDocument(Submission.__table__.c.document)))
    )
)


class ExportJob(db.Model):
    """A cohort export (a zip of every latest submission's PDF and JSON, and the credit CSV),
    built in the background; the finished zip is kept here so any app server can send it."""

    __tablename__ = "export_jobs"
    __table_args__ = (CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    # Why it failed: a code of ``journal.portfolio.exports.FAILURES`` (older jobs: the words themselves).
    error: Mapped[str | None] = mapped_column(String(300))
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    size: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cohort: Mapped["Cohort"] = relationship()
    requested_by: Mapped["User | None"] = relationship()

    @property
    def percent(self) -> int:
        """How far the build has come, 0 to 100."""
        if self.status == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")
