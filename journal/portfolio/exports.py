"""Cohort exports: a zip of every latest submission's PDF and JSON with the credit summary CSV,
built in the background (see ``journal.jobs``) with its progress saved after each portfolio.

A job is claimed with a conditional UPDATE, so a job delivered twice is built once; one that
has not finished within STALLED_AFTER is shown as stopped, so nobody waits for it forever. Only the
latest KEEP_EXPORTS exports of a cohort keep their zip.
"""

import io
import logging
import zipfile
from datetime import timedelta

from sqlalchemy import select, update

from journal import audit
from journal.entries.export import slug
from journal.extensions import db
from journal.models import Cohort, ExportJob, User
from journal.models.types import utcnow
from journal.portfolio.credit_summary import credit_csv, credit_rows
from journal.portfolio.services import document_bytes, ensure_pdf, latest_submissions

log = logging.getLogger(__name__)
STALLED_AFTER = timedelta(hours=1)
KEEP_EXPORTS = 5
README = """Portfolios of {cohort}, exported {when} UTC.

portfolios/   each intern's latest submission: the PDF and its JSON record
credit-summary.csv   one row per intern: hours, entries, competencies, requirements, latest submission

Every PDF and JSON file can be checked at its verification address (printed in the
footer of each PDF page and in the JSON under submission.verify_url): upload the file
there and it is compared with what the intern submitted.
"""


def _name(text: str) -> str:
    return slug(text, fallback="intern", limit=None)


def start_export(cohort: Cohort, user: User) -> ExportJob:
    """Create the export job (queued) and record who asked; flushes. Call ``dispatch`` after the commit."""
    job = ExportJob(
        cohort_id=cohort.id,
        requested_by_id=user.id,
        status="queued",
        filename=f"{_name(cohort.name)}-portfolios-{utcnow():%Y%m%d-%H%M}.zip",
    )
    db.session.add(job)
    audit.record(user.id, "export.requested", job, cohort.id)
    return job


def stalled(job: ExportJob) -> bool:
    """An unfinished export that has not finished within STALLED_AFTER (its worker stopped)."""
    return not job.finished and utcnow() - job.created_at > STALLED_AFTER


def fail(job_id: int, message: str) -> None:
    """Record that the export cannot be built; commits."""
    _progress(job_id, status="failed", error=message, finished_at=utcnow())


def _prune(cohort_id: int) -> None:
    """Drop the zips of the cohort's finished exports older than the latest KEEP_EXPORTS."""
    kept = (
        select(ExportJob.id).where(ExportJob.cohort_id == cohort_id).order_by(ExportJob.id.desc()).limit(KEEP_EXPORTS)
    )
    db.session.execute(
        update(ExportJob)
        .where(ExportJob.cohort_id == cohort_id, ExportJob.content.is_not(None), ExportJob.id.not_in(kept))
        .values(content=None, size=None)
    )


def _progress(job_id: int, **values) -> None:
    db.session.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))
    db.session.commit()


def build_export(job_id: int) -> None:
    """Build the zip of job ``job_id``, saving progress after each portfolio. A failure is recorded
    on the job (with a message for the person who asked), never raised to the worker."""
    claimed = db.session.execute(
        update(ExportJob).where(ExportJob.id == job_id, ExportJob.status == "queued").values(status="running")
    )
    db.session.commit()
    if claimed.rowcount != 1:  # gone, or already taken by another worker
        return
    job = db.session.get(ExportJob, job_id)
    try:
        cohort = db.session.get(Cohort, job.cohort_id)
        submissions = latest_submissions(cohort)
        _progress(job_id, total=len(submissions) + 1, done=0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README.format(cohort=cohort.name, when=f"{utcnow():%Y-%m-%d %H:%M}"))
            for done, submission in enumerate(submissions, start=1):
                name = f"portfolios/{_name(submission.intern_name)}-{submission.code}"
                archive.writestr(f"{name}.pdf", ensure_pdf(submission))
                archive.writestr(f"{name}.json", document_bytes(submission))
                _progress(job_id, done=done)  # also commits the PDF rendered for the first time
            archive.writestr("credit-summary.csv", credit_csv(credit_rows(cohort)))
        content = buffer.getvalue()
        _progress(
            job_id, status="done", done=len(submissions) + 1, content=content, size=len(content), finished_at=utcnow()
        )
        _prune(job.cohort_id)
        db.session.commit()
    except Exception:
        log.exception("cohort export %s failed", job_id)
        db.session.rollback()
        fail(job_id, "The export could not be built. Start it again; if it fails again, tell the coordinators.")
