"""Verifiable credentials the app has issued: Open Badges for approving sign-off decisions, a CLR per
submitted portfolio, and the signed revocation list that says which badges no longer stand.

A decision has up to two kinds of badge. The intern's own (``for_submission_id`` None, one per decision)
names as evidence the entries the intern shared at issue time. A badge embedded in a submission's CLR
(``for_submission_id`` that submission, one per decision and submission) names only entries the intern put
in that portfolio, because the CLR goes to the cohort's reviewers and coordinators, who are handed only
what the intern selected (DESIGN.md, privacy promise 4).

A credential is issued once, lazily (the first time someone downloads it), and its signed JSON is kept
exactly as served: every later download is the same bytes, so its proof keeps verifying. Two first
downloads at the same instant still give one credential: the unique indexes below (on ``decision_id`` for
the intern's badges, on ``decision_id`` and ``for_submission_id`` for a CLR's, on ``submission_id`` for a
CLR) let one row in, and the loser of the race reads the winner's row.

Whether a badge still stands is never stored here: it is computed from the sign-off decisions each time the
status list is built (``journal.credentials.status_list``). Only the badge's place in that list
(``status_index``, unique, chosen at random so that neighbouring bits tell nothing) is kept. The foreign
keys are ``SET NULL`` so that a credential outlives a deleted decision or account: its index stays taken
and its bit reads "revoked" for good. (Submissions are deleted only with their intern's account, after
the account's decisions: a CLR's badge has lost its ``decision_id`` by then, so losing its
``for_submission_id`` cannot collide with the intern's own badge of the same decision.)
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from journal.extensions import db
from journal.models.types import UTCDateTime, utcnow

CREDENTIAL_KINDS = ("badge", "clr")


class IssuedCredential(db.Model):
    """One signed credential, as issued: an Open Badge (``badge``) or a Comprehensive Learner Record (``clr``)."""

    __tablename__ = "issued_credentials"
    __table_args__ = (
        CheckConstraint("kind IN ('badge', 'clr')", name="kind_known"),
        # A badge has a place in the status list; a CLR has none (its badges carry their own).
        CheckConstraint("(kind = 'badge') = (status_index IS NOT NULL)", name="badge_has_status_index"),
        # Only a badge is issued for a submission's CLR.
        CheckConstraint("kind = 'badge' OR for_submission_id IS NULL", name="only_badges_for_submissions"),
        # One intern's badge per decision, and one badge per decision and submission, even under a race.
        Index(
            "uq_issued_credentials_intern_badge",
            "decision_id",
            unique=True,
            sqlite_where=text("for_submission_id IS NULL"),
            postgresql_where=text("for_submission_id IS NULL"),
        ),
        Index(
            "uq_issued_credentials_submission_badge",
            "decision_id",
            "for_submission_id",
            unique=True,
            sqlite_where=text("for_submission_id IS NOT NULL"),
            postgresql_where=text("for_submission_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    # The credential's ``id`` is ``urn:uuid:<uuid>``.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    # The approving decision a badge is for; None for a CLR, or once deleted.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("signoff_decisions.id", ondelete="SET NULL"))
    # The submission whose CLR embeds this badge (its evidence: only that portfolio's entries); None for the
    # intern's own badge and for a CLR.
    for_submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    # The submission a CLR is for (one CLR per submission); None for a badge, or once deleted.
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"), unique=True)
    intern_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status_index: Mapped[int | None] = mapped_column(unique=True)
    # The verification method that signed it (the issuer's key at the time).
    key_id: Mapped[str] = mapped_column(String(300))
    document: Mapped[str] = deferred(mapped_column(Text, nullable=False))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<IssuedCredential {self.kind} {self.uuid}>"


class StatusListDocument(db.Model):
    """The signed status list credential last built, kept so that it is re-signed only when a bit changes
    or half its validity has passed (``journal.credentials.status_list``). One row per list."""

    __tablename__ = "credential_status_lists"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # SHA-256 of the bitstring the document carries: a different hash means a bit changed.
    bits_sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
