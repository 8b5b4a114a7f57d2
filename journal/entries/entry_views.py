"""Routes for one entry: write a new one, read it, move it to the trash and back."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from journal import access, identifiers
from journal.competencies.evidence import evidence_panel
from journal.entries import drafts, services
from journal.entries import marks as form_marks
from journal.entries.blueprint import bp
from journal.entries.forms import FORMS, parse_tags
from journal.entries.prompts import starter_body
from journal.extensions import db
from journal.feedback.thread import comment_thread
from journal.markdown import mark_spans, render_markdown
from journal.models.entries import INVOLVEMENTS, KINDS, PRINCIPLES, SETTINGS, THEMES, VISIBILITIES
from journal.offline.keep import keep_this_page, saved
from journal.timezones import local_today


def entry_form(kind: str, **kwargs):
    """The form of an entry of ``kind``, dates checked against today in the user's time zone."""
    return FORMS[kind](today=local_today(current_user.timezone), **kwargs)


@bp.route("/journal/<int:cohort_id>/new", methods=["GET", "POST"])
def new(cohort_id: int):
    """Choose a kind, then write the entry; it is saved private."""
    membership = access.intern_or_404(cohort_id)
    kind = request.args.get("kind")
    if kind not in KINDS:
        # A form sent to an address without a kind cannot be saved: say so rather than drop it silently.
        error = _("Choose what kind of entry to write, then write it.") if request.method == "POST" else None
        keep_this_page()
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
            message = _("Entry saved. Only you can see it.")  # a new entry is private
        else:
            message = _sent_again(entry, key, draft, form.idempotency_key.data, (fields, tags))
        db.session.commit()
        flash_saved(entry, message)
        return saved(url_for("entries.view", entry_id=entry.id))
    keep_this_page()
    return render_template(
        "entries/form.html",
        form=form,
        kind=kind,
        cohort=membership.cohort,
        entry=None,
        draft=draft,
        **form_marks.form_page_values(form, cohort_id),
    )


def _sent_again(entry, key: str, draft, idempotency_key: str, content: tuple[dict, list[str]]) -> str:
    """A new-entry form sent again found the entry its first sending made; say so.

    The form's own draft goes (restoring it would only find the entry again). Text changed
    since the first sending (the form reopened with the back button) becomes unsaved text
    of the entry, offered on its edit page: nothing typed is lost, nothing is saved twice.
    """
    if draft is not None and draft.content.get("idempotency_key") == idempotency_key:
        drafts.discard_draft(current_user, key)
    if services.created_with(entry, *content):
        return _("This entry was already saved.")
    sent = {name: request.form.getlist(name) if name == "principles" else request.form[name] for name in request.form}
    sent.pop("idempotency_key", None)
    edit_key = drafts.draft_key(entry.cohort_id, entry.kind, entry.id)
    drafts.save_draft(current_user, entry.cohort_id, edit_key, sent | {"base_version": str(entry.version)}, entry.id)
    return _("This form was already saved as this entry. What you changed since is kept: choose Edit to restore it.")


def flash_saved(entry, message: str) -> None:
    """Confirm the save; warn instead when the text may identify someone."""
    if services.unconfirmed_findings(entry):
        flash(message + " " + _("It may contain patient identifiers: they are marked below."), "warning")
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
    if entry.author_id == current_user.id:
        keep_this_page()
    findings = services.entry_findings(entry) if access.can(current_user, "edit_entry", entry) else []
    body_spans = [(f.start, f.end, f.reason) for field, f in findings if field == "body"]
    return render_template(
        "entries/view.html",
        entry=entry,
        body=render_markdown(entry.body),
        findings=identifiers.with_texts(entry, findings),
        marked_body=mark_spans(entry.body, body_spans) if body_spans else None,
        unconfirmed=bool(findings) and services.unconfirmed_findings(entry, findings),
        confirmed_on=_confirmed_on(entry),
        share_to=request.args.get("share") if request.args.get("share") in VISIBILITIES else None,
        settings=SETTINGS,
        involvements=INVOLVEMENTS,
        themes=THEMES,
        principles=PRINCIPLES,
        **evidence_panel(entry, current_user),
        **comment_thread(entry, current_user),
    )


def _confirmed_on(entry) -> date | None:
    """The day (UTC) the author last confirmed that the entry's marked text identifies nobody, if ever."""
    at = (entry.identifier_review or {}).get("at")
    return date.fromisoformat(at[:10]) if at else None


@bp.route("/entries/<int:entry_id>/delete", methods=["GET", "POST"])
def delete(entry_id: int):
    """Ask, then move the entry to the trash."""
    entry = access.entry_or_404(entry_id, "delete_entry")
    if request.method == "POST":
        services.move_to_trash(entry)
        db.session.commit()
        moved = ngettext(
            "“%(title)s” moved to the trash. You can restore it for %(num)d day.",
            "“%(title)s” moved to the trash. You can restore it for %(num)d days.",
            services.TRASH_DAYS,
            title=entry.title,
        )
        flash(moved, "success")
        return redirect(url_for("entries.journal", cohort_id=entry.cohort_id))
    return render_template("entries/delete.html", entry=entry, days=services.TRASH_DAYS)


@bp.post("/entries/<int:entry_id>/restore")
def restore(entry_id: int):
    """Take an entry out of the trash."""
    entry = access.entry_or_404(entry_id, "restore_entry", in_trash=True)
    services.restore_from_trash(entry)
    db.session.commit()
    flash(_("“%(title)s” is back in your journal.", title=entry.title), "success")
    return redirect(url_for("entries.view", entry_id=entry.id))
