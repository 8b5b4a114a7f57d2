"""Routes: ``/email/unsubscribe/<token>``, the link at the foot of every email that can be turned off.

GET asks (mail scanners and link previews open links, and must not unsubscribe anyone); POST turns the
kind off. The POST is also what a mail provider sends for its own "unsubscribe" button (RFC 8058
one-click: a body of ``List-Unsubscribe=One-Click``, no cookie, no form token), so it takes no CSRF
token: the signed token in the URL, which only the recipient's mailbox holds, is what shows the request
is theirs, and all it can do is stop one kind of email to them.
"""

from flask import render_template, request

from journal.emails import preferences, settings
from journal.emails.blueprint import bp
from journal.emails.forms import KIND_NAMES
from journal.extensions import csrf, db
from journal.models import User


def _named_by(token: str) -> tuple[User, str] | None:
    """The person and kind of email a token names, or None for a forged or damaged token, or an account
    that is gone."""
    found = preferences.read_unsubscribe_token(token)
    if found is None:
        return None
    user = db.session.get(User, found[0])
    return (user, found[1]) if user is not None else None


@bp.route("/email/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058 one-click: a mail provider's POST has no CSRF token (see the module's docstring)
def unsubscribe(token: str):
    """GET: "Stop emails about X?" and a button. POST: stop them (again: no change), audited; 404 for a bad link."""
    found = _named_by(token)
    if found is None:
        return render_template("emails/unsubscribe_invalid.html"), 404
    user, kind = found
    if request.method == "GET":
        stopped = not preferences.wants(user, kind)
        return render_template("emails/unsubscribe.html", token=token, kind_name=KIND_NAMES[kind], stopped=stopped)
    if settings.stop(user, kind):
        db.session.commit()
    return render_template("emails/unsubscribed.html", kind_name=KIND_NAMES[kind])
