"""Routes that read an entry's earlier versions (making one current again is in ``edit_views``)."""

from datetime import date

from flask import abort, render_template

from journal import access
from journal.entries import services
from journal.entries.blueprint import bp
from journal.markdown import render_markdown


@bp.get("/entries/<int:entry_id>/history")
def history(entry_id: int):
    """Every saved version of the entry, newest first."""
    entry = access.entry_or_404(entry_id, "view_history")
    return render_template("entries/history.html", entry=entry, revisions=services.revisions_of(entry))


@bp.get("/entries/<int:entry_id>/history/<int:version>")
def revision(entry_id: int, version: int):
    """One earlier version, read-only, with a button to restore it."""
    entry = access.entry_or_404(entry_id, "view_history")
    found = services.revision(entry, version) or abort(404)
    return render_template(
        "entries/revision.html",
        entry=entry,
        revision=found,
        occurred_on=date.fromisoformat(found.content["occurred_on"]),
        body=render_markdown(found.content["body"]),
    )
