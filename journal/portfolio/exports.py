"""Cohort exports: a zip of every latest submission's PDF and JSON with the credit summary CSV,
built in the background (see ``journal.jobs``) with its progress saved after each portfolio.

A job is claimed with a conditional UPDATE, so a job delivered twice is built once; one that
has not finished within STALLED_AFTER is shown as stopped, so nobody waits for it forever. Only the
latest KEEP_EXPORTS exports of a cohort keep their zip.

The zip's README is written in the language of the person who asked for the export (each PDF in
the language its intern chose); why an export failed is stored as a code and put in words when shown.
"""

import io
import logging
import zipfile
from datetime import timedelta

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from journal import audit, i18n
from journal.entries.export import slug
from journal.extensions import db
from journal.models import Cohort, ExportJob, User
from journal.models.types import utcnow
from journal.portfolio.credit_summary import credit_csv, credit_rows
from journal.portfolio.services import document_bytes, ensure_pdf, latest_submissions

log = logging.getLogger(__name__)
STALLED_AFTER = timedelta(hours=1)
KEEP_EXPORTS = 5
# Why an export failed: the code stored on the job, and its words. A job that failed before codes were
# stored holds the words themselves.
QUEUE_UNAVAILABLE = "queue_unavailable"
BUILD_FAILED = "build_failed"
FAILURES = {
    QUEUE_UNAVAILABLE: _l(
        "The export could not be started: the background worker's queue did not answer. Try again soon."
    ),
    BUILD_FAILED: _l("The export could not be built. Start it again; if it fails again, tell the coordinators."),
}


def failure_message(error: str | None) -> str | None:
    """Why the export failed, in the current language (None when it did not)."""
    return None if error is None else str(FAILURES.get(error, error))


def size_kb(job: ExportJob) -> str | None:
    """The zip's size in kilobytes as the current language writes it (None while there is no zip)."""
    return None if job.size is None else i18n.format_number(round(job.size / 1024, 1))


def portfolio_count(job: ExportJob) -> int:
    """How many portfolios the export holds: its steps are one per portfolio, then the credit summary."""
    return max(job.total - 1, 0)


def progress_label(job: ExportJob, is_stalled: bool) -> str:
    """Where the export stands, in words of the current language: the page's progress line and what its
    script shows as the build goes on. Counts are real ones: before the worker has counted the portfolios
    it says so rather than "0 of 0"."""
    portfolios = portfolio_count(job)
    if is_stalled:
        return _("It has not finished in over an hour, so it has probably stopped: start it again.")
    if job.status == "queued":
        return _("Waiting to start…")
    if job.status == "running" and job.total == 0:
        return _("Starting: finding each intern's latest portfolio…")
    if job.status == "running" and job.done < portfolios:
        return ngettext(
            "Building: %(done)d of %(num)d portfolio added.",
            "Building: %(done)d of %(num)d portfolios added.",
            portfolios,
            done=job.done,
        )
    if job.status == "running":
        return _("Building: adding the credit summary…")
    if job.status == "done" and job.size is None:
        return ngettext(
            "This export is no longer kept: only the latest %(num)d is. Start a new one.",
            "This export is no longer kept: only the latest %(num)d are. Start a new one.",
            KEEP_EXPORTS,
        )
    if job.status == "done":
        return ngettext(
            "Ready: %(num)d portfolio and the credit summary, %(size)s KB.",
            "Ready: %(num)d portfolios and the credit summary, %(size)s KB.",
            portfolios,
            size=size_kb(job),
        )
    return failure_message(job.error) or str(FAILURES[BUILD_FAILED])


def readme(cohort_name: str, when: str) -> str:
    """The zip's README.txt, in the current language."""
    return "\n".join(
        (
            _("Portfolios of %(cohort)s, exported %(when)s UTC.", cohort=cohort_name, when=when),
            "",
            "portfolios/   " + _("each intern's latest submission: the PDF and its JSON record"),
            "credit-summary.csv   "
            + _("one row per intern: hours, entries, competencies, requirements, latest submission"),
            "",
            _(
                "Every PDF and JSON file can be checked at its verification address (printed in the "
                "footer of each PDF page and in the JSON under submission.verify_url): upload the file "
                "there and it is compared with what the intern submitted."
            ),
            "",
        )
    )


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


def fail(job_id: int, reason: str) -> None:
    """Record that the export cannot be built and why (a code of FAILURES); commits."""
    _progress(job_id, status="failed", error=reason, finished_at=utcnow())


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
        with force_locale(_language_of(job)):
            _build(job)
    except Exception:
        log.exception("cohort export %s failed", job_id)
        db.session.rollback()
        fail(job_id, BUILD_FAILED)


def _language_of(job: ExportJob) -> str:
    """The language of the person who asked for the export (English once their account is gone)."""
    asked = job.requested_by.locale if job.requested_by is not None else None
    return asked if asked in i18n.LANGUAGES else i18n.DEFAULT


def _build(job: ExportJob) -> None:
    """Write the zip and save it on the job, with progress after each portfolio; commits."""
    job_id = job.id
    cohort = db.session.get(Cohort, job.cohort_id)
    submissions = latest_submissions(cohort)
    _progress(job_id, total=len(submissions) + 1, done=0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(cohort.name, f"{utcnow():%Y-%m-%d %H:%M}"))
        for done, submission in enumerate(submissions, start=1):
            name = f"portfolios/{_name(submission.intern_name)}-{submission.code}"
            archive.writestr(f"{name}.pdf", ensure_pdf(submission))
            archive.writestr(f"{name}.json", document_bytes(submission))
            _progress(job_id, done=done)  # also commits the PDF rendered for the first time
        archive.writestr("credit-summary.csv", credit_csv(credit_rows(cohort)))
    content = buffer.getvalue()
    _prune(job.cohort_id)  # committed with the job's "done", so nobody sees it done before the old zips go
    _progress(
        job_id, status="done", done=len(submissions) + 1, content=content, size=len(content), finished_at=utcnow()
    )
