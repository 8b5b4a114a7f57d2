"""Portfolios for credit: the intern builds and submits one; supervisors, reviewers and
coordinators read submissions, the credit summary and cohort exports; anyone holding a
portfolio checks it on the public verification page."""

from flask import Blueprint

from journal import access

bp = Blueprint("portfolio", __name__)
bp.before_request(access.login_required)

from journal.portfolio import cohort_views, views  # noqa: E402, F401  (routes register on import)
from journal.portfolio.verification import bp as verify_bp  # noqa: E402, F401
