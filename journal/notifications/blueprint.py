"""The notifications blueprint: its URL prefix and the check every one of its routes passes first."""

from flask import Blueprint, g
from flask_login import current_user

from journal import access
from journal.notifications.services import unread_count

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
bp.before_request(access.login_required)


def unread_notifications() -> int:
    """The current user's unread notification count (cached for the request), for the navigation."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


@bp.app_context_processor
def notification_template_values() -> dict:
    """The navigation's unread count, on every page."""
    return {"unread_notifications": unread_notifications}
