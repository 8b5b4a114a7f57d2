"""Cohort exports built in the background: a zip of every latest submission's PDF and JSON,
with the credit summary CSV.

By default the build runs in a thread of the app process. With ``EXPORT_QUEUE=rq`` (the
default when ``REDIS_URL`` is set) it is queued on Redis for an RQ worker (``flask --app
app worker`` or ``rq worker``), so it can run on any machine. Progress is written to the
job's row after each portfolio, so every app server can show it.
"""

import io
import logging
import re
import threading
import zipfile

from flask import current_app, has_app_context
from sqlalchemy import update

from journal import audit
from journal.extensions import db
from journal.models import Cohort, ExportJob, User
from journal.models.types import utcnow
from journal.portfolio.credit import credit_csv, credit_rows
from journal.portfolio.services import document_bytes, ensure_pdf, latest_submissions

log = logging.getLogger(__name__)
_threads: list[threading.Thread] = []
_threads_lock = threading.Lock()
README = """Portfolios of {cohort}, exported {when} UTC.

portfolios/   each intern's latest submission: the PDF and its JSON record
credit-summary.csv   one row per intern: hours, entries, competencies, requirements, latest submission

Every PDF and JSON file can be checked at its verification address (printed in the
footer of each PDF page and in the JSON under submission.verify_url): upload the file
there and it is compared with what the intern submitted.
"""


def slug(text: str) -> str:
    """A file-name-safe form of a name (letters of any script kept)."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-").lower() or "intern"


def start_export(cohort: Cohort, user: User) -> ExportJob:
    """Create the export job (queued) and record who asked; flushes. Call ``dispatch`` after the commit."""
    job = ExportJob(
        cohort_id=cohort.id,
        requested_by_id=user.id,
        status="queued",
        filename=f"{slug(cohort.name)}-portfolios-{utcnow():%Y%m%d-%H%M}.zip",
    )
    db.session.add(job)
    audit.record(user.id, "export.requested", job, cohort.id)
    return job


def dispatch(job_id: int) -> None:
    """Run the job on an RQ worker or in a thread of this process, as the settings say."""
    if current_app.config.get("EXPORT_QUEUE") == "rq":
        queue().enqueue(run_export_job, job_id, job_timeout=3600)
        return
    app = current_app._get_current_object()
    thread = threading.Thread(target=_run_in_app, args=(app, job_id), name=f"export-{job_id}", daemon=True)
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def wait_for_exports(timeout: float = 60) -> bool:
    """Wait for this process's export threads to finish (on shutdown, and in tests); True when none is left."""
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in running)


def queue():
    """The RQ queue the exports go to."""
    from redis import Redis
    from rq import Queue

    config = current_app.config
    return Queue(config["RQ_QUEUE"], connection=Redis.from_url(config["REDIS_URL"]))


def _run_in_app(app, job_id: int) -> None:
    with app.app_context():
        build_export(job_id)


def run_export_job(job_id: int) -> None:
    """The RQ job: build the export, inside this app if there is one, or a new one (plain ``rq worker``)."""
    if has_app_context():
        build_export(job_id)
        return
    from journal import create_app

    _run_in_app(create_app(), job_id)


def _progress(job_id: int, **values) -> None:
    db.session.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))
    db.session.commit()


def build_export(job_id: int) -> None:
    """Build the zip of job ``job_id``, saving progress after each portfolio. A failure is recorded
    on the job (with a message for the person who asked), never raised to the worker."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.status != "queued":
        return
    try:
        cohort = db.session.get(Cohort, job.cohort_id)
        submissions = latest_submissions(cohort)
        _progress(job_id, status="running", total=len(submissions) + 1, done=0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README.format(cohort=cohort.name, when=f"{utcnow():%Y-%m-%d %H:%M}"))
            for done, submission in enumerate(submissions, start=1):
                name = f"portfolios/{slug(submission.intern.display_name)}-{submission.code}"
                archive.writestr(f"{name}.pdf", ensure_pdf(submission))
                archive.writestr(f"{name}.json", document_bytes(submission))
                _progress(job_id, done=done)  # also commits the PDF rendered for the first time
            archive.writestr("credit-summary.csv", credit_csv(credit_rows(cohort)))
        content = buffer.getvalue()
        _progress(
            job_id, status="done", done=len(submissions) + 1, content=content, size=len(content), finished_at=utcnow()
        )
    except Exception:
        log.exception("cohort export %s failed", job_id)
        db.session.rollback()
        _progress(
            job_id,
            status="failed",
            error="The export could not be built. Start it again; if it fails again, tell the coordinators.",
            finished_at=utcnow(),
        )
