"""Routes: ``/journal/<cohort>/...`` is an intern's journal; ``/entries/<id>/...`` one entry."""

import io

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from journal import access, audit, search
from journal.auth import reauth
from journal.competencies.evidence import evidence_panel
from journal.entries import bp, drafts, services
from journal.entries.export import journal_archive
from journal.entries.forms import FORMS, FilterForm, VisibilityForm, parse_tags
from journal.entries.listing import filtered_entries
from journal.entries.progress import progress_for
from journal.entries.prompts import starter_body
from journal.extensions import db
from journal.markdown import mark_spans, render_markdown
from journal.models import EntryRevision
from journal.models.entries import CONTENT_FIELDS, INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES, VISIBILITIES
from journal.params import database_id
from journal.review.thread import comment_thread
from journal.timezones import local_today


def _form(kind: str, **kwargs):
    return FORMS[kind](today=local_today(current_user.timezone), **kwargs)


@bp.get("/journal/<int:cohort_id>/")
def journal(cohort_id: int):
    """The intern's own entries in this cohort: newest first, filtered, paginated."""
    membership = access.intern_or_404(cohort_id)
    filters = FilterForm(request.args)
    page = filtered_entries(current_user, cohort_id, filters)
    return render_template("entries/list.html", cohort=membership.cohort, filters=filters, page=page, kinds=KINDS)


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


@bp.get("/journal/<int:cohort_id>/export")
def export(cohort_id: int):
    """Download my journal: a zip of every entry, revision and tag as JSON and Markdown.
    Asks for the password first unless it was typed in the last 10 minutes."""
    membership = access.intern_or_404(cohort_id)
    if reauth.password_needed():
        return reauth.ask_for_password()
    data, filename = journal_archive(current_user, membership.cohort)
    audit.record(current_user.id, "data.downloaded", current_user, cohort_id)
    db.session.commit()
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True, download_name=filename)


@bp.route("/journal/<int:cohort_id>/new", methods=["GET", "POST"])
def new(cohort_id: int):
    """Choose a kind, then write the entry; it is saved private."""
    membership = access.intern_or_404(cohort_id)
    kind = request.args.get("kind")
    if kind not in KINDS:
        # A form sent to an address without a kind cannot be saved: say so rather than drop it silently.
        error = "Choose what kind of entry to write, then write it." if request.method == "POST" else None
        page = render_template("entries/choose_kind.html", cohort=membership.cohort, kinds=KINDS, error=error)
        return page, 422 if error else 200
    key = drafts.draft_key(cohort_id, kind)
    draft = drafts.draft_for(current_user, key)
    form = _form(kind, body=starter_body(kind), occurred_on=local_today(current_user.timezone), **_restored(draft))
    if form.validate_on_submit():
        entry = services.create_entry(current_user, membership.cohort, kind, form.content(), parse_tags(form.tags.data))
        drafts.discard_draft(current_user, key)
        db.session.commit()
        _flash_saved(entry, "Entry saved. Only you can see it.")
        return redirect(url_for("entries.view", entry_id=entry.id))
    return render_template("entries/form.html", form=form, kind=kind, cohort=membership.cohort, entry=None, draft=draft)


def _flash_saved(entry, message: str) -> None:
    """Confirm the save; warn instead when the text may identify someone."""
    if services.unconfirmed_findings(entry):
        flash(message + " It may contain patient identifiers: they are marked below.", "warning")
    else:
        flash(message, "success")


def _version(value) -> int:
    """The version an edit began from; anything unreadable (or beyond what the database holds)
    counts as 0, so it shows as a conflict."""
    try:
        return database_id(value)
    except (TypeError, ValueError):
        return 0


def _restored(draft) -> dict:
    """Form arguments that fill the form with the draft, when the person asked to restore it."""
    if draft is not None and request.method == "GET" and request.args.get("draft") == "restore":
        return {"formdata": drafts.as_formdata(draft)}
    return {}


@bp.get("/entries/<int:entry_id>")
def view(entry_id: int):
    """One entry, as its reader may see it; its author also sees suspected identifiers."""
    entry = access.entry_or_404(entry_id)
    findings = services.entry_findings(entry) if access.can(current_user, "edit_entry", entry) else []
    body_spans = [(f.start, f.end, f.reason) for field, f in findings if field == "body"]
    return render_template(
        "entries/view.html",
        entry=entry,
        body=render_markdown(entry.body),
        findings=[(field, f, getattr(entry, field)[f.start : f.end]) for field, f in findings],
        marked_body=mark_spans(entry.body, body_spans) if body_spans else None,
        unconfirmed=bool(findings) and services.unconfirmed_findings(entry, findings),
        share_to=request.args.get("share") if request.args.get("share") in VISIBILITIES else None,
        settings=SETTINGS,
        involvements=INVOLVEMENTS,
        themes=THEMES,
        principles=PRINCIPLES,
        **evidence_panel(entry, current_user),
        **comment_thread(entry, current_user),
    )


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
def edit(entry_id: int):
    """Edit safely: a save over a newer version shows both instead of overwriting."""
    entry = access.entry_or_404(entry_id, "edit_entry")
    key = drafts.draft_key(entry.cohort_id, entry.kind, entry.id)
    draft = drafts.draft_for(current_user, key)
    current = {name: getattr(entry, name) for name in CONTENT_FIELDS}
    form = _form(entry.kind, **current, tags=", ".join(entry.tag_names), base_version=entry.version, **_restored(draft))
    if form.validate_on_submit():
        try:
            services.save_entry(entry, form.content(), parse_tags(form.tags.data), _version(form.base_version.data))
        except services.EditConflict:
            db.session.rollback()
            entry = access.entry_or_404(entry_id, "edit_entry")
            form.base_version.data = entry.version
            theirs = render_markdown(entry.body)
            return render_template("entries/conflict.html", form=form, entry=entry, kind=entry.kind, theirs=theirs), 409
        drafts.discard_draft(current_user, key)
        db.session.commit()
        _flash_saved(entry, "Entry saved. The earlier version is kept in its history.")
        return redirect(url_for("entries.view", entry_id=entry.id))
    return render_template(
        "entries/form.html", form=form, kind=entry.kind, cohort=entry.cohort, entry=entry, draft=draft
    )


def _row_id(value) -> int:
    """A JSON number naming a row, or -1 (which names none) for anything else: text, true, a float, a huge number."""
    if isinstance(value, bool) or not isinstance(value, int):
        return -1
    try:
        return database_id(value)
    except ValueError:
        return -1


@bp.post("/journal/<int:cohort_id>/drafts")
def autosave(cohort_id: int):
    """Keep what is typed in an entry form as the user's draft (JSON, sent by autosave.js)."""
    access.intern_or_404(cohort_id)
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict) or not isinstance(payload.get("kind"), str) or payload["kind"] not in KINDS:
        return jsonify(error="Send the entry's kind and fields as JSON."), 400
    entry_id = payload.get("entry_id")
    if entry_id is not None:
        entry = access.entry_or_404(_row_id(entry_id), "edit_entry")
        if entry.cohort_id != cohort_id or entry.kind != payload["kind"]:
            abort(404)
    key = drafts.draft_key(cohort_id, payload["kind"], entry_id)
    try:
        draft = drafts.save_draft(current_user, cohort_id, key, payload.get("fields"), entry_id)
    except drafts.DraftRejected as error:
        return jsonify(error=str(error)), 400
    db.session.commit()
    return jsonify(saved_at=draft.updated_at.isoformat())


@bp.post("/journal/<int:cohort_id>/drafts/discard")
def discard_draft(cohort_id: int):
    """Throw away the user's draft for a form, then go back to it."""
    access.intern_or_404(cohort_id)
    kind, entry_id = request.form.get("kind", ""), request.form.get("entry_id", type=int)
    drafts.discard_draft(current_user, drafts.draft_key(cohort_id, kind, entry_id))
    db.session.commit()
    flash("The unsaved text was discarded.", "info")
    if entry_id:
        return redirect(url_for("entries.edit", entry_id=entry_id))
    return redirect(url_for("entries.new", cohort_id=cohort_id, kind=kind if kind in KINDS else None))


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


@bp.route("/entries/<int:entry_id>/delete", methods=["GET", "POST"])
def delete(entry_id: int):
    """Ask, then move the entry to the trash."""
    entry = access.entry_or_404(entry_id, "delete_entry")
    if request.method == "POST":
        services.move_to_trash(entry)
        db.session.commit()
        flash(f"“{entry.title}” moved to the trash. You can restore it for {services.TRASH_DAYS} days.", "success")
        return redirect(url_for("entries.journal", cohort_id=entry.cohort_id))
    return render_template("entries/delete.html", entry=entry, days=services.TRASH_DAYS)


@bp.get("/journal/<int:cohort_id>/trash")
def trash(cohort_id: int):
    """Entries deleted in the last 30 days, to restore."""
    membership = access.intern_or_404(cohort_id)
    entries = services.trash_of(current_user, cohort_id)
    return render_template("entries/trash.html", cohort=membership.cohort, entries=entries, days=services.TRASH_DAYS)


@bp.post("/entries/<int:entry_id>/restore")
def restore(entry_id: int):
    """Take an entry out of the trash."""
    entry = access.entry_or_404(entry_id, "restore_entry", in_trash=True)
    services.restore_from_trash(entry)
    db.session.commit()
    flash(f"“{entry.title}” is back in your journal.", "success")
    return redirect(url_for("entries.view", entry_id=entry.id))


@bp.get("/entries/<int:entry_id>/history")
def history(entry_id: int):
    """Every saved version of the entry, newest first."""
    entry = access.entry_or_404(entry_id, "view_history")
    revisions = db.session.scalars(
        select(EntryRevision).where(EntryRevision.entry_id == entry.id).order_by(EntryRevision.version.desc())
    ).all()
    return render_template("entries/history.html", entry=entry, revisions=revisions)


@bp.get("/entries/<int:entry_id>/history/<int:version>")
def revision(entry_id: int, version: int):
    """One earlier version, read-only, with a button to restore it."""
    entry = access.entry_or_404(entry_id, "view_history")
    found = services.revision(entry, version) or abort(404)
    return render_template(
        "entries/revision.html",
        entry=entry,
        revision=found,
        body=render_markdown(found.content["body"]),
    )


@bp.post("/entries/<int:entry_id>/history/<int:version>/restore")
def restore_revision(entry_id: int, version: int):
    """Make an earlier version current again (as a new version; nothing is lost)."""
    entry = access.entry_or_404(entry_id, "edit_entry")
    found = services.revision(entry, version) or abort(404)
    fields, tags = services.revision_fields(found)
    services.save_entry(entry, fields, tags, entry.version)
    db.session.commit()
    flash(f"Version {version} restored as version {entry.version}.", "success")
    return redirect(url_for("entries.view", entry_id=entry.id))
