"""A person's own account: profile, time zone and password."""

from flask import Blueprint

from journal import access

bp = Blueprint("account", __name__)
bp.before_request(access.login_required)

from journal.account import views  # noqa: E402, F401  (routes register on import)
