"""Routes that put new text into an existing entry: editing it, and making an earlier version current.

Both save through ``services.save_entry``, so the new text of a shared entry reaches its readers
only through the identifier gate. When the gate refuses it, nothing is saved (422) and the author
is shown what was found, with what was typed kept, and the choices: edit it away and save again,
confirm it identifies nobody and keep the entry shared, or save it as private instead.
"""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access, identifiers
from journal.entries import drafts, services
from journal.entries import marks as form_marks
from journal.entries.blueprint import bp
from journal.entries.entry_views import entry_form, flash_saved, restored_draft
from journal.entries.forms import parse_tags
from journal.entries.prompts import starter_body
from journal.extensions import db
from journal.markdown import render_markdown
from journal.models import Entry
from journal.models.entries import CONTENT_FIELDS
from journal.offline.keep import keep_this_page, saved
from journal.params import database_id


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
def edit(entry_id: int):
    """Edit safely: a save over a newer version shows both instead of overwriting, and the new
    text of a shared entry waits for the identifier gate (422, everything typed kept)."""
    entry = access.entry_or_404(entry_id, "edit_entry")
    key = drafts.draft_key(entry.cohort_id, entry.kind, entry.id)
    draft = drafts.draft_for(current_user, key)
    current = {name: getattr(entry, name) for name in CONTENT_FIELDS}
    # An entry saved with no text yet offers the prompts again (left untouched, they are again not saved).
    current["body"] = entry.body or starter_body(entry.kind)
    tags = ", ".join(entry.tag_names)
    form = entry_form(entry.kind, **current, tags=tags, base_version=entry.version, **restored_draft(draft))
    del form.idempotency_key  # an edit is made safe to send again by its base version
    if not form.validate_on_submit():
        keep_this_page()
        return _edit_page(entry, form, draft)
    shared, choice = entry.is_shared, _choice()
    fields, base_version = form.content(), _version(form.base_version.data)
    try:
        services.save_entry(entry, fields, parse_tags(form.tags.data), base_version, choice=choice, by=current_user)
    except services.EditConflict:
        return _conflict(entry_id, form)
    except services.IdentifiersUnconfirmed:
        entry, found = _refused(entry, entry_id)
        return _edit_page(entry, form, draft, found), 422
    drafts.discard_draft(current_user, key)
    db.session.commit()
    flash_saved(entry, _saved_message(shared, entry))
    return saved(url_for("entries.view", entry_id=entry.id))


def _edit_page(entry: Entry, form, draft, found: list | None = None) -> str:
    """The edit form, with the suspected identifiers of its text marked under it; with ``found`` (those
    that stopped the save), also those and the choices the author has."""
    return render_template(
        "entries/form.html",
        form=form,
        kind=entry.kind,
        cohort=entry.cohort,
        entry=entry,
        draft=draft,
        found=found,
        **form_marks.form_page_values(form, entry.cohort_id),
    )


def _conflict(entry_id: int, form):
    """The entry was saved elsewhere since the edit began: show both (409), overwrite nothing."""
    db.session.rollback()
    entry = access.entry_or_404(entry_id, "edit_entry")
    form.base_version.data = entry.version
    theirs = render_markdown(entry.body)
    return render_template("entries/conflict.html", form=form, entry=entry, kind=entry.kind, theirs=theirs), 409


def _refused(entry: Entry, entry_id: int) -> tuple[Entry, list[tuple[str, str, str]]]:
    """The gate refused the new text: what it found, as (field, reason, text), read before the
    rollback takes the new text away again, and the entry as it still is."""
    found = [(field, finding.reason, text) for field, finding, text in identifiers.unconfirmed(entry)]
    db.session.rollback()
    return access.entry_or_404(entry_id, "edit_entry"), found


def _choice() -> str | None:
    """What the author chose for the suspected identifiers of a shared entry (the buttons of the
    page that listed them): keep it shared, or make it private; None when nothing known."""
    choice = request.form.get("identifiers")
    return choice if choice in services.CHOICES else None


def _made_private(was_shared: bool, entry: Entry) -> bool:
    """Whether the save made a shared entry private (its message says so)."""
    return was_shared and not entry.is_shared


def _saved_message(was_shared: bool, entry: Entry) -> str:
    """What an edit's save says (in the current language)."""
    if _made_private(was_shared, entry):
        return _("Entry saved and made private: only you can read it now. The earlier version is kept in its history.")
    return _("Entry saved. The earlier version is kept in its history.")


def _restored_message(version: int, was_shared: bool, entry: Entry) -> str:
    """What making ``version`` current again says (in the current language)."""
    if _made_private(was_shared, entry):
        return _(
            "Version %(old)d restored as version %(new)d and made private: only you can read it now.",
            old=version,
            new=entry.version,
        )
    return _("Version %(old)d restored as version %(new)d.", old=version, new=entry.version)


def _version(value) -> int:
    """The version an edit began from; anything unreadable (or beyond what the database holds)
    counts as 0, so it shows as a conflict."""
    try:
        return database_id(value)
    except (TypeError, ValueError):
        return 0


@bp.post("/entries/<int:entry_id>/history/<int:version>/restore")
def restore_revision(entry_id: int, version: int):
    """Make an earlier version current again (as a new version; nothing is lost). On a shared entry,
    an earlier text with unconfirmed suspected identifiers waits for the author's choice (422)."""
    entry = access.entry_or_404(entry_id, "edit_entry")
    fields, tags = services.revision_fields(services.revision(entry, version) or abort(404))
    shared = entry.is_shared
    try:
        services.save_entry(entry, fields, tags, entry.version, choice=_choice(), by=current_user)
    except services.IdentifiersUnconfirmed:
        entry, found = _refused(entry, entry_id)
        return render_template("entries/restore_identifiers.html", entry=entry, version=version, found=found), 422
    db.session.commit()
    flash_saved(entry, _restored_message(version, shared, entry))
    return redirect(url_for("entries.view", entry_id=entry.id))
