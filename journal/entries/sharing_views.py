"""Routes that change who reads an entry, and the confirmation that its marked text identifies nobody."""

from flask import abort, flash, redirect, request, url_for

from journal import access
from journal.entries import services
from journal.entries.blueprint import bp
from journal.entries.forms import VisibilityForm
from journal.extensions import db
from journal.models.entries import VISIBILITIES


@bp.post("/entries/<int:entry_id>/visibility")
def change_visibility(entry_id: int):
    """Raise or lower who can read the entry, at once (suspected identifiers must be resolved first)."""
    entry = access.entry_or_404(entry_id, "share_entry")
    form = VisibilityForm()
    if not form.validate_on_submit() or form.visibility.data not in VISIBILITIES:
        abort(400)
    try:
        services.set_visibility(entry, form.visibility.data)
    except services.IdentifiersUnconfirmed:
        flash("Before sharing, check the possible patient identifiers marked below.", "warning")
        return redirect(url_for("entries.view", entry_id=entry.id, share=form.visibility.data, _anchor="identifiers"))
    db.session.commit()
    flash(f"“{entry.title}”: {entry.visibility_label.lower()} can see it now.", "success")
    return redirect(_back(url_for("entries.view", entry_id=entry.id)))


@bp.post("/entries/<int:entry_id>/identifiers")
def confirm_identifiers(entry_id: int):
    """Record that the marked text identifies nobody, then share as asked."""
    entry = access.entry_or_404(entry_id, "share_entry")
    form = VisibilityForm()
    if not form.validate_on_submit() or form.visibility.data not in VISIBILITIES:
        abort(400)
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm, or edit the entry to remove what identifies someone.", "error")
        return redirect(url_for("entries.view", entry_id=entry.id, share=form.visibility.data, _anchor="identifiers"))
    services.confirm_identifiers(entry)
    services.set_visibility(entry, form.visibility.data)
    db.session.commit()
    flash(f"Confirmed. “{entry.title}”: {entry.visibility_label.lower()} can see it now.", "success")
    return redirect(url_for("entries.view", entry_id=entry.id))


def _back(default: str) -> str:
    """Return to the journal list, or the sign-off request page, when the action came from it."""
    target = request.form.get("next", "")
    return target if target.startswith(("/journal/", "/competencies/")) else default
