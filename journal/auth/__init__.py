"""Login, logout, invitations, and the account page."""

from flask import Blueprint

from journal.extensions import db, login_manager
from journal.models import User

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load the logged-in user from the id kept in the session."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


from journal.auth import views  # noqa: E402, F401  (routes register on import)
