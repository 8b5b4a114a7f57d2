"""Route: ``POST /entries/<id>/comments`` adds a comment or a reply to an entry's thread."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal import access
from journal.extensions import db
from journal.feedback import services
from journal.feedback.blueprint import bp
from journal.feedback.forms import CommentForm
from journal.feedback.thread import comment_thread
from journal.markdown import render_markdown


@bp.post("/entries/<int:entry_id>/comments")
def add_comment(entry_id: int):
    """Add the comment and show it in the thread; a bad one comes back (422) with what was typed,
    under the entry's text and its thread, to correct and send again.

    A reply to a comment on another entry is 404; an unreadable ``parent_id`` is 400.
    """
    entry = access.entry_or_404(entry_id, "comment_entry")
    form = CommentForm()
    valid = form.validate_on_submit()
    if form.parent_id.errors:
        abort(400)
    try:
        parent_id = services.thread_root(entry, form.parent_id.data)
    except services.ParentNotFound:
        abort(404)
    if not valid:
        form.parent_id.data = parent_id
        page = render_template(
            "feedback/refused.html",
            entry=entry,
            body=render_markdown(entry.body),
            **comment_thread(entry, current_user, refused=form),
        )
        return page, 422
    comment, new = services.add_comment_once(
        entry, current_user, form.body.data.strip(), parent_id, form.idempotency_key.data
    )
    db.session.commit()
    if not new:
        flash(_("This was posted already; it is shown once."), "info")
    else:
        flash(_("Your reply is posted.") if parent_id else _("Your comment is posted."), "success")
    return redirect(url_for("entries.view", entry_id=entry.id, _anchor=f"comment-{comment.id}"))
