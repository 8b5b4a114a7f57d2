"""Routes for unsaved text kept on the server: throwing a draft away (autosave itself is in ``autosave_views``)."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access
from journal.entries import drafts
from journal.entries.blueprint import bp
from journal.extensions import db
from journal.models.entries import KINDS


@bp.post("/journal/<int:cohort_id>/drafts/discard")
def discard_draft(cohort_id: int):
    """Throw away the user's draft for a form, then go back to it."""
    access.intern_or_404(cohort_id)
    kind, entry_id = request.form.get("kind", ""), request.form.get("entry_id", type=int)
    drafts.discard_draft(current_user, drafts.draft_key(cohort_id, kind, entry_id))
    db.session.commit()
    flash(_("The unsaved text was discarded."), "info")
    if entry_id:
        return redirect(url_for("entries.edit", entry_id=entry_id))
    return redirect(url_for("entries.new", cohort_id=cohort_id, kind=kind if kind in KINDS else None))
