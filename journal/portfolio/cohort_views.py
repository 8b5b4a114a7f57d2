"""Routes for those a cohort's portfolios are handed to (supervisors, reviewers, coordinators):
``/portfolio/<cohort>/submissions`` (credit summary and latest submissions), ``.../credit.csv``,
and cohort exports (``POST .../exports``, ``/exports/<id>`` with its progress and download)."""

from flask import jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from journal import access, audit
from journal.credit.requirements import requirements_for
from journal.entries.export import slug
from journal.extensions import db
from journal.jobs import JobError, dispatch
from journal.models import ExportJob
from journal.portfolio.blueprint import bp
from journal.portfolio.credit_summary import credit_csv, credit_rows
from journal.portfolio.downloads import attachment
from journal.portfolio.exports import (
    KEEP_EXPORTS,
    QUEUE_UNAVAILABLE,
    fail,
    failure_message,
    progress_label,
    stalled,
    start_export,
)
from journal.portfolio.wording import hours_and_entries
from journal.timezones import local_today

RECENT_EXPORTS = 5


@bp.get("/portfolio/<int:cohort_id>/submissions")
def cohort_submissions(cohort_id: int):
    """Every intern's standing for credit and latest submission; the CSV and the cohort export."""
    cohort = access.cohort_or_404(cohort_id, "view_submissions")
    exports = db.session.scalars(
        select(ExportJob).where(ExportJob.cohort_id == cohort.id).order_by(ExportJob.id.desc()).limit(RECENT_EXPORTS)
    ).all()
    requirements = requirements_for(cohort)
    return render_template(
        "portfolio/cohort.html",
        cohort=cohort,
        rows=credit_rows(cohort),
        requirements=requirements,
        required_hours_and_entries=hours_and_entries(requirements),
        exports=exports,
    )


@bp.get("/portfolio/<int:cohort_id>/credit.csv")
def credit_summary(cohort_id: int):
    """The credit summary as CSV, one row per intern; audited."""
    cohort = access.cohort_or_404(cohort_id, "view_submissions")
    data = credit_csv(credit_rows(cohort))
    audit.record(current_user.id, "credit_summary.downloaded", cohort, cohort.id)
    db.session.commit()
    filename = f"{slug(cohort.name, limit=None)}-credit-summary-{local_today(cohort.timezone):%Y-%m-%d}.csv"
    return attachment(data, "text/csv", filename)


@bp.post("/portfolio/<int:cohort_id>/exports")
def export_cohort(cohort_id: int):
    """Start building the cohort's zip in the background and show its progress."""
    cohort = access.cohort_or_404(cohort_id, "view_submissions")
    job = start_export(cohort, current_user)
    db.session.commit()
    try:
        dispatch("cohort_export", job.id)
    except JobError:
        fail(job.id, QUEUE_UNAVAILABLE)
    return redirect(url_for("portfolio.export_status", job_id=job.id))


@bp.get("/exports/<int:job_id>")
def export_status(job_id: int):
    """The export's progress bar, and its download once it is built."""
    job = access.export_or_404(job_id)
    is_stalled = stalled(job)
    return render_template(
        "portfolio/export.html",
        job=job,
        cohort=job.cohort,
        stalled=is_stalled,
        label=progress_label(job, is_stalled),
        keep_exports=KEEP_EXPORTS,
    )


@bp.get("/exports/<int:job_id>/progress")
def export_progress(job_id: int):
    """The export's progress as JSON, for the page to update its bar without reloading."""
    job = access.export_or_404(job_id)
    return jsonify(
        status=job.status,
        done=job.done,
        total=job.total,
        percent=job.percent,
        label=progress_label(job, stalled(job)),
        error=failure_message(job.error),
        download=url_for("portfolio.export_download", job_id=job.id) if job.status == "done" else None,
    )


@bp.get("/exports/<int:job_id>/download")
def export_download(job_id: int):
    """The finished zip; audited. An export still being built sends the person back to its progress."""
    job = access.export_or_404(job_id)
    if job.status != "done" or job.content is None:  # not built yet, or an old zip no longer kept
        return redirect(url_for("portfolio.export_status", job_id=job.id))
    audit.record(current_user.id, "export.downloaded", job, job.cohort_id)
    db.session.commit()
    return attachment(job.content, "application/zip", job.filename)
