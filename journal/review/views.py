"""Routes: ``/review/<cohort>/`` the dashboard, ``.../interns/<id>`` one intern, ``.../queue`` what waits
for feedback, and ``POST /entries/<id>/reviewed``."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access
from journal.competencies.checklist import checklist_for
from journal.competencies.checklist_filter import checklist_page
from journal.entries.progress import progress_for
from journal.extensions import db
from journal.models.entries import KINDS
from journal.params import page_number
from journal.review import services
from journal.review.blueprint import bp
from journal.review.chart import KIND_HEADINGS
from journal.review.dashboard import SORTS, dashboard_for
from journal.review.intern import intern_of_cohort_or_404, request_history, shared_entries
from journal.timezones import local_today

QUEUE_PAGE = 20


@bp.get("/review/<int:cohort_id>/")
def dashboard(cohort_id: int):
    """One row of figures per intern, cohort totals and entries per week; sortable by each column."""
    cohort = access.cohort_or_404(cohort_id, "view_dashboard")
    figures = dashboard_for(cohort, request.args.get("sort", "name"), request.args.get("dir", "asc"))
    return render_template(
        "review/dashboard.html", cohort=cohort, dash=figures, kinds=KINDS, kind_headings=KIND_HEADINGS, sorts=SORTS
    )


@bp.get("/review/<int:cohort_id>/interns/<int:user_id>")
def intern(cohort_id: int, user_id: int):
    """One intern: activity (counts only), the shared entries the viewer may read, checklist and history."""
    cohort = access.cohort_or_404(cohort_id, "view_dashboard")
    person = intern_of_cohort_or_404(cohort, user_id)
    page = shared_entries(current_user, cohort, person, request.args.get("page", 1, type=page_number))
    supervising = access.can(current_user, "supervise", cohort)
    checklist = checklist_for(cohort, person, current_user)
    return render_template(
        "review/intern.html",
        cohort=cohort,
        intern=person,
        progress=progress_for(person, cohort, local_today(cohort.timezone)),
        page=page,
        figures=services.entry_figures([entry.id for entry in page.items]),
        # The viewer is a supervisor of the cohort or a coordinator; only supervisors read entries and requests.
        supervising=supervising,
        checklist=checklist,
        # Domains open where a request waits for the supervisor's decision; ?domain= and ?state= filter.
        shown=checklist_page(checklist, request.args, open_states=("requested",) if supervising else ()),
        history=request_history(cohort, person),
        kinds=KINDS,
    )


@bp.get("/review/<int:cohort_id>/queue")
def queue(cohort_id: int):
    """Shared entries with no supervisor feedback yet, the longest-waiting first, 20 a page."""
    cohort = access.cohort_or_404(cohort_id, "supervise")
    stmt = services.review_queue(current_user, cohort.id)
    page = db.paginate(stmt, page=request.args.get("page", 1, type=page_number), per_page=QUEUE_PAGE, error_out=False)
    if not page.items and page.page > 1:  # the last entry of a later page was just marked reviewed
        return redirect(url_for("review.queue", cohort_id=cohort.id, page=page.pages or None))
    figures = services.entry_figures([entry.id for entry in page.items])
    return render_template("review/queue.html", cohort=cohort, page=page, figures=figures)


def _local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


@bp.post("/entries/<int:entry_id>/reviewed")
def mark_reviewed(entry_id: int):
    """A supervisor has read the entry and needs to do nothing more: it leaves the review queue."""
    entry = access.entry_or_404(entry_id, "mark_reviewed")
    if services.mark_reviewed(entry, current_user):
        db.session.commit()
        flash(_("“%(title)s” is marked reviewed.", title=entry.title), "success")
    else:
        flash(_("You had already marked “%(title)s” reviewed.", title=entry.title), "info")
    return redirect(_local_path(request.form.get("next")) or url_for("review.queue", cohort_id=entry.cohort_id))
