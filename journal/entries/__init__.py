"""The intern's journal: write, edit, history, share, trash."""

from flask import Blueprint

from journal import access

bp = Blueprint("entries", __name__)
bp.before_request(access.login_required)

from journal.entries import autosave, edit_views, views  # noqa: E402, F401  (routes register on import)
