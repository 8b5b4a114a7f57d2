"""A person's own account: profile, time zone, password, sessions and two-factor."""

from flask import Blueprint

from journal import access

bp = Blueprint("account", __name__)
bp.before_request(access.login_required)

from journal.account import delete_views, security_views, views  # noqa: E402, F401  (routes register on import)
