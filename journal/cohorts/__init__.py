"""Coordinators' pages: cohorts, members, invitations, roster import."""

from flask import Blueprint

from journal import access

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
bp.before_request(access.coordinator_required)

from journal.cohorts import audit, frameworks, requirements, views  # noqa: E402, F401  (routes register on import)
