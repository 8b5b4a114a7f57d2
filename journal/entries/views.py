"""Routes: ``/journal/<cohort>/...`` is an intern's journal; ``/entries/<id>/...`` one entry."""

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from journal import access, audit, identifiers, search
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
from journal.models.entries import INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES, VISIBILITIES
from journal.review.thread import comment_thread
from journal.timezones import local_today


def entry_form(kind: str, **kwargs):
    """The form of an entry of ``kind``, dates checked against today in the user's time zone."""
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
    form = entry_form(
        kind, body=starter_body(kind), occurred_on=local_today(current_user.timezone), **restored_draft(draft)
    )
    if form.validate_on_submit():
        fields, tags = form.content(), parse_tags(form.tags.data)
        entry, created = services.create_entry_once(
            current_user, membership.cohort, kind, fields, tags, form.idempotency_key.data
        )
        if created:
            drafts.discard_draft(current_user, key)
            message = "Entry saved. Only you can see it."
        else:
            message = _sent_again(entry, key, draft, form.idempotency_key.data, (fields, tags))
        db.session.commit()
        flash_saved(entry, message)
        return redirect(url_for("entries.view", entry_id=entry.id))
    return render_template("entries/form.html", form=form, kind=kind, cohort=membership.cohort, entry=None, draft=draft)


def _sent_again(entry, key: str, draft, idempotency_key: str, content: tuple[dict, list[str]]) -> str:
    """A new-entry form sent again found the entry its first sending made; say so.

    The form's own draft goes (restoring it would only find the entry again). Text changed
    since the first sending (the form reopened with the back button) becomes unsaved text
    of the entry, offered on its edit page: nothing typed is lost, nothing is saved twice.
    """
    if draft is not None and draft.content.get("idempotency_key") == idempotency_key:
        drafts.discard_draft(current_user, key)
    if services.created_with(entry, *content):
        return "This entry was already saved."
    sent = {name: request.form.getlist(name) if name == "principles" else request.form[name] for name in request.form}
    sent.pop("idempotency_key", None)
    edit_key = drafts.draft_key(entry.cohort_id, entry.kind, entry.id)
    drafts.save_draft(current_user, entry.cohort_id, edit_key, sent | {"base_version": str(entry.version)}, entry.id)
    return "This form was already saved as this entry. What you changed since is kept: choose Edit to restore it."


def flash_saved(entry, message: str) -> None:
    """Confirm the save; warn instead when the text may identify someone."""
    if services.unconfirmed_findings(entry):
        flash(message + " It may contain patient identifiers: they are marked below.", "warning")
    else:
        flash(message, "success")


def restored_draft(draft) -> dict:
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
        findings=identifiers.with_texts(entry, findings),
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
