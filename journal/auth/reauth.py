"""Asking for the password again before sensitive acts.

Downloading all of one's data, submitting a portfolio and deleting the account need the
password typed in this session within the last ten minutes, so a browser left logged in
on a shared ward computer cannot do them. Pages reached by a link send the person to a
short confirmation page and back; forms that carry work (the portfolio preview) ask for
the password inline so nothing chosen is lost.

The confirmation page says why it asks in words that fit the act it leads to (``purpose_of``):
downloading a copy is not irreversible, deleting the account is.
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException

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


def ask_for_password(then: str | None = None):
    """The redirect to the confirmation page, going on to ``then`` (a path on this site) afterwards.

    Without ``then``: after a GET they come back to the same address; after a POST to the same
    path as a GET (the form is shown again rather than acted on unconfirmed), or, where that path
    answers only POST (a button such as "New recovery codes"), to the page the button was on.
    """
    back = then or (request.full_path.rstrip("?") if request.method == "GET" else _page_after_post())
    return redirect(url_for("auth.confirm_password", next=back))


def _page_after_post() -> str:
    """Where to return after confirming for a POST: its own path if it can be opened, else the page
    that sent it (when that page is on this site), else the home page."""
    try:
        current_app.url_map.bind("localhost").match(request.path, method="GET")
        return request.path
    except HTTPException:
        pass
    referrer = urlsplit(request.referrer or "")
    if referrer.path.startswith("/") and referrer.netloc == request.host:
        return referrer.path
    return url_for("home.index")


@dataclass(frozen=True)
class Purpose:
    """What the confirmation page says about the act it leads to: why it asks, and its button."""

    reason: str
    button: str


DOWNLOAD = Purpose(
    _l(
        "Your journal holds your private entries, so we ask for your password before downloading it. "
        "You won't be asked again for the next 10 minutes."
    ),
    _l("Confirm and download"),
)
# By the endpoint the confirmation leads to; anything else gets GENERAL.
PURPOSES = {
    "entries.export": DOWNLOAD,
    "entries.export_leap2a": DOWNLOAD,
    "account.journal_download": DOWNLOAD,
    "account.delete_account": Purpose(
        _l(
            "Deleting your account cannot be undone, so we ask for your password again. "
            "You won't be asked again for the next 10 minutes."
        ),
        _l("Confirm"),
    ),
    "account.new_recovery_codes": Purpose(
        _l(
            "New recovery codes replace the ones you have, so we ask for your password again. "
            "You won't be asked again for the next 10 minutes."
        ),
        _l("Confirm"),
    ),
}
GENERAL = Purpose(
    _l(
        "This step needs your password again, so that nobody else using this browser can take it. "
        "You won't be asked again for the next 10 minutes."
    ),
    _l("Confirm"),
)


def purpose_of(path: str) -> Purpose:
    """What confirming the password leads to at ``path`` (a path on this site), in the page's words;
    GENERAL for a path that names no act listed in PURPOSES."""
    adapter = current_app.url_map.bind("localhost")
    for method in ("GET", "POST"):
        try:
            endpoint, _args = adapter.match(urlsplit(path).path, method=method)
        except HTTPException:
            continue
        return PURPOSES.get(endpoint, GENERAL)
    return GENERAL


def recent_password_required(view):
    """Send the person to confirm their password first when they have not typed it lately."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if password_needed():
            return ask_for_password()
        return view(*args, **kwargs)

    return wrapped
