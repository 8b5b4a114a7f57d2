"""The cohorts blueprint: its URL prefix, the check every one of its routes passes first, and the words its
templates share."""

from flask import Blueprint

from journal import access
from journal.models.cohorts import ROLE_NOUNS

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
bp.before_request(access.coordinator_required)


@bp.context_processor
def role_nouns() -> dict:
    """Each role as a sentence says it ("is a member as supervisor"), for the cohorts' pages."""
    return {"role_nouns": ROLE_NOUNS}
