"""Route: ``POST /language``, the language switcher shown on every page.

Before login the choice is kept on the browser (a cookie); a logged-in person's choice is their account's
setting too, the same one the account page changes.
"""

from urllib.parse import urlsplit

from flask import abort, redirect, request, url_for
from flask_login import current_user

from journal import i18n
from journal.auth.blueprint import bp
from journal.extensions import db
from journal.links import local_path


def _page_it_came_from() -> str | None:
    """The page of this site the switcher was used on (from ``Referer``, which the app's referrer policy
    sends to itself), so that pages never carry their own address in a form."""
    came_from = urlsplit(request.referrer or "")
    if came_from.netloc != request.host:
        return None
    return local_path(came_from.path + (f"?{came_from.query}" if came_from.query else ""))


@bp.route("/language", methods=["POST"])
def choose_language():
    """Answer this browser (and this account) in the chosen language, then go back to the page."""
    code = request.form.get("lang", "")
    if code not in i18n.LANGUAGES:
        abort(400)
    if current_user.is_authenticated and current_user.locale != code:
        current_user.locale = code
        db.session.commit()
    back = _page_it_came_from() or url_for("home.index")
    return i18n.remember_choice(redirect(back), code)
