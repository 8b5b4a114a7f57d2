"""Asking for the password again before acts that cannot be taken back.

Downloading all of one's data, submitting a portfolio and deleting the account need the
password typed in this session within the last ten minutes, so a browser left logged in
on a shared ward computer cannot do them. Pages reached by a link send the person to a
short confirmation page and back; forms that carry work (the portfolio preview) ask for
the password inline so nothing chosen is lost.
"""

from functools import wraps

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from journal.auth import sessions, throttle
from journal.auth.passwords import verify_password


def confirm_password(password: str) -> str | None:
    """Check the logged-in user's password; on success note it for this session and return
    None, else record the failure and return what to tell them (flushes; the view commits)."""
    user = current_user._get_current_object()
    if throttle.is_locked(user):
        return throttle.LOCKED_MESSAGE
    right = verify_password(user.password_hash, password or "")
    if not throttle.settle(user, ok=right, stage="confirm"):
        return throttle.LOCKED_MESSAGE
    if not right:
        return _("That password is not correct.")
    sessions.confirm_password_now()
    return None


def password_needed() -> bool:
    """Whether the next sensitive act must ask for the password."""
    return not sessions.password_recently_confirmed()


def ask_for_password():
    """The redirect to the confirmation page, coming back here afterwards.

    After a GET they come back to the same address; after a POST to the same path as a
    GET (the form is shown again rather than acted on unconfirmed).
    """
    back = request.full_path.rstrip("?") if request.method == "GET" else request.path
    return redirect(url_for("auth.confirm_password", next=back))


def recent_password_required(view):
    """Send the person to confirm their password first when they have not typed it lately."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if password_needed():
            return ask_for_password()
        return view(*args, **kwargs)

    return wrapped
