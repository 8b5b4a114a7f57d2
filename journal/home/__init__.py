"""Each person's home: the page for their role in a cohort, and switching cohorts."""

from flask import Blueprint

from journal import access

bp = Blueprint("home", __name__)
bp.before_request(access.login_required)

from journal.home import views  # noqa: E402, F401  (routes register on import)
