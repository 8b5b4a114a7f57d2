"""Routes over an intern's whole journal in a cohort: the list, search, progress, the download, the trash."""

import io

from flask import render_template, request, send_file, url_for
from flask_login import current_user

from journal import access, audit, search
from journal.auth import reauth
from journal.entries import services
from journal.entries.blueprint import bp
from journal.entries.export import journal_archive
from journal.entries.forms import FilterForm
from journal.entries.leap2a_journal import journal_leap2a
from journal.entries.listing import comment_counts, filtered_entries, offline_pages
from journal.entries.progress import progress_for
from journal.extensions import db
from journal.models.entries import KINDS, READERS_SHORT
from journal.offline.keep import keep_this_page
from journal.timezones import local_today


@bp.get("/journal/<int:cohort_id>/")
def journal(cohort_id: int):
    """The intern's own entries in this cohort: newest first, filtered, paginated; each says who can read
    it and how many comments it has (sharing is changed on the entry's page, through its identifier check)."""
    membership = access.intern_or_404(cohort_id)
    filters = FilterForm(request.args)
    page = filtered_entries(current_user, cohort_id, filters)
    keep_this_page()
    return render_template(
        "entries/list.html",
        cohort=membership.cohort,
        filters=filters,
        page=page,
        comments=comment_counts(current_user, page.items),
        readers=READERS_SHORT,
        kinds=KINDS,
        offline_pages=offline_pages(current_user, cohort_id),
    )


@bp.get("/journal/<int:cohort_id>/search")
def search_journal(cohort_id: int):
    """Full-text search over the intern's own entries, best matches first."""
    membership = access.intern_or_404(cohort_id)
    query = request.args.get("q", "")[:200]
    hits = search.search_entries(current_user.id, cohort_id, query) if query.strip() else []
    return render_template(
        "entries/search.html", cohort=membership.cohort, query=query, hits=hits, limit=search.MAX_RESULTS
    )


@bp.get("/journal/<int:cohort_id>/progress")
def progress(cohort_id: int):
    """Streaks, entries per kind per week, hours, and the placement calendar."""
    membership = access.intern_or_404(cohort_id)
    figures = progress_for(current_user, membership.cohort, local_today(current_user.timezone))
    return render_template("entries/progress.html", cohort=membership.cohort, progress=figures, kinds=KINDS)


def _journal_download(cohort_id: int, build, fmt: str | None = None):
    """The intern's journal as a zip built by ``build(author, cohort) -> (bytes, file name)``, after the password
    if it was not typed in the last 10 minutes (then the page that says the download has started,
    ``account.journal_download``, for the same ``fmt``); audited as ``data.downloaded``."""
    membership = access.intern_or_404(cohort_id)
    chosen = {"format": fmt} if fmt else {}
    if reauth.password_needed():  # then a page that says the download started, not the password form
        return reauth.ask_for_password(then=url_for("account.journal_download", cohort_id=cohort_id, **chosen))
    data, filename = build(current_user, membership.cohort)
    audit.record(current_user.id, "data.downloaded", current_user, cohort_id, **chosen)
    db.session.commit()
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True, download_name=filename)


@bp.get("/journal/<int:cohort_id>/export")
def export(cohort_id: int):
    """Download my journal: a zip of every entry, revision and tag as JSON and Markdown, with the comments
    and sign-offs."""
    return _journal_download(cohort_id, journal_archive)


@bp.get("/journal/<int:cohort_id>/export/leap2a")
def export_leap2a(cohort_id: int):
    """Download my journal for Mahara and other ePortfolios: a Leap2A zip of every entry not in the trash
    (see ``journal.entries.leap2a_journal``)."""
    return _journal_download(cohort_id, journal_leap2a, "leap2a")


@bp.get("/journal/<int:cohort_id>/trash")
def trash(cohort_id: int):
    """Entries deleted in the last 30 days, to restore."""
    membership = access.intern_or_404(cohort_id)
    entries = services.trash_of(current_user, cohort_id)
    return render_template("entries/trash.html", cohort=membership.cohort, entries=entries, days=services.TRASH_DAYS)
