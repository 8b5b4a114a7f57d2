"""In-app notifications: the list, opening one, marking all read."""

from flask import Blueprint

from journal import access

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
bp.before_request(access.login_required)

from journal.notifications import views  # noqa: E402, F401  (routes register on import)
