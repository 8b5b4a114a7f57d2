"""Route: ``POST /entries/<id>/comments`` adds a comment or a reply to an entry's thread."""

from flask import abort, current_app, flash, g, redirect, url_for
from flask_login import current_user

from journal import access
from journal.extensions import db
from journal.review import bp, services
from journal.review.forms import CommentForm


@bp.post("/entries/<int:entry_id>/comments")
def add_comment(entry_id: int):
    """Add the comment and show it in the thread; a bad one re-shows the entry page (422) with what was typed.

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
        g.comment_form = form  # thread.comment_thread shows it, errors and text, when the entry page renders
        return current_app.view_functions["entries.view"](entry_id=entry.id), 422
    comment, new = services.add_comment_once(
        entry, current_user, form.body.data.strip(), parent_id, form.idempotency_key.data
    )
    db.session.commit()
    if not new:
        flash("This was posted already; it is shown once.", "info")
    else:
        flash("Your reply is posted." if parent_id else "Your comment is posted.", "success")
    return redirect(url_for("entries.view", entry_id=entry.id, _anchor=f"comment-{comment.id}"))
