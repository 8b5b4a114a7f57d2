"""The intern's side of competencies: checklist, evidence, sign-off requests; and the decisions on them."""

from flask import Blueprint

from journal import access

bp = Blueprint("competencies", __name__)
bp.before_request(access.login_required)

from journal.competencies import decisions, views  # noqa: E402, F401  (routes register on import)
