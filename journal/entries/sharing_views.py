"""Routes that change who reads an entry, and the confirmation that its marked text identifies nobody."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from journal import access
from journal.entries import services
from journal.entries.blueprint import bp
from journal.entries.forms import VisibilityForm
from journal.extensions import db
from journal.models import Entry
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
        flash(_("Before sharing, check the possible patient identifiers marked below."), "warning")
        return redirect(url_for("entries.view", entry_id=entry.id, share=form.visibility.data, _anchor="identifiers"))
    db.session.commit()
    flash(_now_seen_by(entry), "success")
    return redirect(_back(url_for("entries.view", entry_id=entry.id)))


@bp.post("/entries/<int:entry_id>/identifiers")
def confirm_identifiers(entry_id: int):
    """Record that the marked text identifies nobody, then share as asked."""
    entry = access.entry_or_404(entry_id, "share_entry")
    form = VisibilityForm()
    if not form.validate_on_submit() or form.visibility.data not in VISIBILITIES:
        abort(400)
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm, or edit the entry to remove what identifies someone."), "error")
        return redirect(url_for("entries.view", entry_id=entry.id, share=form.visibility.data, _anchor="identifiers"))
    services.confirm_identifiers(entry)
    services.set_visibility(entry, form.visibility.data)
    db.session.commit()
    flash(_("Confirmed.") + " " + _now_seen_by(entry), "success")
    return redirect(url_for("entries.view", entry_id=entry.id))


def _now_seen_by(entry: Entry) -> str:
    """Who can see the entry now that its visibility changed, as one sentence (in the current language)."""
    if entry.visibility == "private":
        return _("“%(title)s”: only you can see it now.", title=entry.title)
    if entry.visibility == "supervisors":
        return _("“%(title)s”: you and the cohort's supervisors can see it now.", title=entry.title)
    return _("“%(title)s”: you, the supervisors and fellow interns of the cohort can see it now.", title=entry.title)


def _back(default: str) -> str:
    """Return to the journal list, or the sign-off request page, when the action came from it."""
    target = request.form.get("next", "")
    return target if target.startswith(("/journal/", "/competencies/")) else default
