"""The supervisor's side: cohort dashboard, intern pages, review queue, comments."""

from flask import Blueprint

from journal import access

bp = Blueprint("review", __name__)
bp.before_request(access.login_required)

from journal.review import comments, views  # noqa: E402, F401  (routes register on import)
