"""Submitting a portfolio, and what is done with a submission afterwards.

A submission is written once: the canonical JSON bytes, their SHA-256 and the code never
change. The PDF is rendered from the frozen document the first time someone asks for it
and stored through a conditional UPDATE, so two first downloads at once still leave one
PDF that every later download returns byte for byte.
"""

import hashlib
import json
import logging
from typing import NamedTuple

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload, undefer

from journal import audit, i18n, identifiers, intents
from journal.extensions import db
from journal.links import public_root
from journal.models import Cohort, Entry, Membership, Submission, User
from journal.models.types import utcnow
from journal.notifications.services import announce_submission
from journal.portfolio.codes import new_code
from journal.portfolio.pdf import render_pdf
from journal.portfolio.schema import problems
from journal.portfolio.selection import chosen_entries, own_entries  # noqa: F401  (the demo imports it from here)
from journal.portfolio.snapshot import SCHEMA_VERSION, build_document, canonical_bytes, member_names

log = logging.getLogger(__name__)


def submissions_of(intern_id: int, cohort_id: int):
    """Select the intern's submissions in the cohort, newest (the current one) first."""
    return (
        select(Submission)
        .where(Submission.intern_id == intern_id, Submission.cohort_id == cohort_id)
        .order_by(Submission.id.desc())
    )


def latest_submission(intern_id: int, cohort_id: int) -> Submission | None:
    """The intern's current submission in the cohort (the newest), or None."""
    return db.session.scalar(submissions_of(intern_id, cohort_id).limit(1))


def history_of(submission: Submission):
    """Select every submission of the same intern in the same cohort, newest (the current one) first,
    also once the intern has deleted their account and left their portfolios with the cohort."""
    if submission.intern_id is not None:
        return submissions_of(submission.intern_id, submission.cohort_id)
    same_former_intern = Submission.former_intern_key == submission.former_intern_key
    return (
        select(Submission)
        .where(same_former_intern, Submission.cohort_id == submission.cohort_id)
        .order_by(Submission.id.desc())
    )


def latest_ids(cohort_id: int):
    """Select the id of each intern's latest submission in the cohort (former interns included, each
    told apart by the key their submissions share)."""
    return (
        select(func.max(Submission.id))
        .where(Submission.cohort_id == cohort_id)
        .group_by(Submission.intern_id, Submission.former_intern_key)
    )


def latest_submissions(cohort: Cohort) -> list[Submission]:
    """The latest submission of every current intern of the cohort, by intern name, then those left
    with the cohort by interns who deleted their account, by the name they submitted under; in one
    query (the interns the credit summary lists)."""
    interns = select(Membership.user_id).where(Membership.cohort_id == cohort.id, Membership.role == "intern")
    former = Submission.intern_id.is_(None)
    return list(
        db.session.scalars(
            select(Submission)
            .options(joinedload(Submission.intern), undefer(Submission.name_as_submitted))
            .outerjoin(User, User.id == Submission.intern_id)
            .where(Submission.id.in_(latest_ids(cohort.id)), or_(Submission.intern_id.in_(interns), former))
            .order_by(former, func.coalesce(User.display_name, Submission.name_as_submitted), User.id, Submission.id)
        )
    )


DOUBLE_SUBMIT_SECONDS = 60


def _same_as_just_submitted(previous: Submission | None, selection: dict[int, int]) -> bool:
    """Whether ``previous`` was submitted moments ago with exactly these entries at these versions."""
    if previous is None or (utcnow() - previous.created_at).total_seconds() > DOUBLE_SUBMIT_SECONDS:
        return False
    return {e["id"]: e["version"] for e in document_of(previous)["entries"]} == selection


def _unused_code() -> str:
    while True:
        code = new_code()
        if db.session.scalar(select(Submission.id).where(Submission.code == code)) is None:
            return code


def verify_url(code: str, public_url: str | None = None) -> str:
    """The public address where anyone holding the document can check it: under ``public_url``,
    else the ``PUBLIC_URL`` setting, else the address the request came to."""
    return f"{public_root(public_url)}/verify/{code}"


def pdf_language(intern: User, chosen: str | None = None) -> str:
    """The language a new submission's PDF is written in: the one chosen, else the intern's, else the page's."""
    for code in (chosen, intern.locale, i18n.language()):
        if code in i18n.LANGUAGES:
            return code
    return i18n.DEFAULT


class Submitted(NamedTuple):
    """What submitting gave: the submission, and whether this call made it (False when the same
    intent, or a double click, had submitted it already)."""

    submission: Submission
    new: bool


def submission_for_key(intern_id: int, idempotency_key: str | None) -> Submission | None:
    """The submission the intern made with the submit form carrying this key, if any."""
    if not idempotency_key:
        return None
    return db.session.scalar(
        select(Submission).where(Submission.intern_id == intern_id, Submission.idempotency_key == idempotency_key)
    )


def submit_once(
    intern: User,
    cohort: Cohort,
    selection: dict[int, int],
    *,
    idempotency_key: str | None = None,
    confirmed: set[int] = frozenset(),
    public_url: str | None = None,
    language: str | None = None,
) -> Submitted:
    """Freeze the intern's portfolio with the chosen entries as a new submission, once per intent.

    ``idempotency_key`` comes from the submit form: sent again (a retry, a double click, four at
    once), it finds the first submission and writes nothing. Two sent at the same moment both miss
    the lookup; the insert runs in a savepoint, and the one that loses on the unique (intern, key)
    constraint returns the winner's submission. Without a key, the same entries submitted moments
    ago count as a double click.

    ``language`` is the one the PDF is written in (see ``pdf_language``).

    ``confirmed`` names the entries whose suspected identifiers the intern confirmed on the
    preview: the confirmation is recorded on each (as sharing records it). Then the identifier
    gate: raises IdentifiersUnconfirmed when a chosen entry still has one unresolved, and
    PortfolioError (see ``chosen_entries``); a document that breaks the schema is a bug (ValueError).
    An earlier submission stays as it is and is superseded by this one. Flushes; the caller commits.
    """
    earlier = submission_for_key(intern.id, idempotency_key)
    if earlier is not None:
        return Submitted(earlier, False)
    entries = chosen_entries(intern, cohort, selection)
    for entry in entries:
        if entry.id in confirmed and identifiers.unconfirmed_findings(entry):
            identifiers.confirm_identifiers(entry, intern)
    identifiers.require_resolved(entries)
    previous = latest_submission(intern.id, cohort.id)
    if idempotency_key is None and _same_as_just_submitted(previous, selection):
        return Submitted(previous, False)
    language = pdf_language(intern, language)
    submission, new = intents.once(
        lambda: submission_for_key(intern.id, idempotency_key),
        lambda: _freeze(intern, cohort, entries, previous, idempotency_key, public_url, language),
    )
    if not new:
        return Submitted(submission, False)
    audit.record(
        intern.id,
        "portfolio.submitted",
        submission,
        cohort.id,
        code=submission.code,
        entries=len(entries),
        sha256=submission.sha256,
        language=submission.language,
    )
    announce_submission(submission, intern)
    return Submitted(submission, True)


def submit_portfolio(
    intern: User, cohort: Cohort, selection: dict[int, int], *, public_url: str | None = None
) -> Submission:
    """``submit_once`` without a key or confirmations: the submission (for the demo and scripts)."""
    return submit_once(intern, cohort, selection, public_url=public_url).submission


def _freeze(
    intern: User,
    cohort: Cohort,
    entries: list[Entry],
    previous: Submission | None,
    idempotency_key: str | None,
    public_url: str | None,
    language: str,
) -> Submission:
    """Build, check and add the frozen document as a submission (flushed by the caller's savepoint)."""
    code = _unused_code()
    submitted_at = utcnow()
    document = build_document(
        cohort,
        intern,
        entries,
        code=code,
        submitted_at=submitted_at,
        verify_url=verify_url(code, public_url),
        supersedes=previous.code if previous is not None else None,
    )
    found = problems(document)
    if found:
        raise ValueError(f"portfolio document breaks its schema: {found[:3]}")
    data = canonical_bytes(document)
    submission = Submission(
        intern_id=intern.id,
        cohort_id=cohort.id,
        code=code,
        schema_version=SCHEMA_VERSION,
        document=data.decode("utf-8"),
        sha256=hashlib.sha256(data).hexdigest(),
        entry_count=len(entries),
        requirements_met=document["requirements"]["met"],
        verify_url=document["submission"]["verify_url"],
        idempotency_key=idempotency_key,
        language=language,
        created_at=submitted_at,
    )
    db.session.add(submission)
    return submission


def document_bytes(submission: Submission) -> bytes:
    """The submission's JSON exactly as frozen."""
    return submission.document.encode("utf-8")


def document_of(submission: Submission) -> dict:
    """The submission's document, parsed."""
    return json.loads(submission.document)


def ensure_pdf(submission: Submission) -> bytes:
    """The submission's PDF, rendering and storing it the first time (in the language chosen at
    submission); flushes, the caller commits."""
    stored = db.session.scalar(select(Submission.pdf).where(Submission.id == submission.id))
    if stored is not None:
        return stored
    pdf = render_pdf(document_of(submission), submission.sha256, submission.pdf_language)
    result = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.pdf.is_(None))
        .values(pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # someone else stored it first: theirs is the one
        return db.session.scalar(select(Submission.pdf).where(Submission.id == submission.id))
    db.session.expire(submission, ["pdf", "pdf_sha256"])
    return pdf


def store_pdf(submission_id: int) -> None:
    """The background job run after a submission: render its PDF and store it; commits.

    A failure is logged and left for the first download to retry.
    """
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        return
    try:
        ensure_pdf(submission)
        db.session.commit()
    except Exception:
        log.exception("rendering the PDF of submission %s failed", submission_id)
        db.session.rollback()


def record_download(user: User, submission: Submission, file_format: str) -> None:
    """Write the audit event for a download of one submission (``pdf``, ``json``, or ``page`` when
    someone other than the intern reads it on its page)."""
    audit.record(
        user.id, "portfolio.downloaded", submission, submission.cohort_id, format=file_format, code=submission.code
    )


def readers_of(cohort: Cohort) -> dict[str, list[str]]:
    """Who will be able to read a portfolio submitted in the cohort: names by role."""
    coordinators = select(User.display_name).where(User.is_admin.is_(True)).order_by(User.display_name, User.id)
    return {
        "supervisor": member_names(cohort, "supervisor"),
        "reviewer": member_names(cohort, "reviewer"),
        "coordinator": list(db.session.scalars(coordinators)),
    }
