"""The auth blueprint, and how Flask-Login finds the logged-in person and where it sends everyone else."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from journal.auth import sessions
from journal.extensions import login_manager
from journal.models import User

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
# Lazy, so flashed in the language of the request that needed the login (flashed as a str: journal.errors).
login_manager.login_message = _l("Please log in to continue.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load the logged-in user, only while their session is alive on the server."""
    return sessions.load_user(user_id)
