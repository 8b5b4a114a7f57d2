"""Routes: ``/notifications/`` lists them; opening one marks it read and follows it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal.extensions import db
from journal.notifications import services
from journal.notifications.blueprint import bp
from journal.params import page_number


@bp.get("/")
def index():
    """The current user's notifications, newest first, unread ones marked."""
    page, messages = services.messages_for(current_user, request.args.get("page", 1, type=page_number))
    return render_template("notifications/index.html", page=page, messages=messages)


@bp.get("/<int:notification_id>")
def open_one(notification_id: int):
    """Mark the notification read and go to what it is about."""
    target = services.open_notification(current_user, notification_id)
    if target is None:
        abort(404)
    db.session.commit()
    return redirect(target)


@bp.post("/read")
def mark_all_read():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    db.session.commit()
    flash(_("All notifications marked as read."), "success")
    return redirect(url_for("notifications.index"))
