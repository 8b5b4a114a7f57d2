"""The cohorts blueprint: its URL prefix and the check every one of its routes passes first."""

from flask import Blueprint

from journal import access

bp = Blueprint("cohorts", __name__, url_prefix="/cohorts")
bp.before_request(access.coordinator_required)
