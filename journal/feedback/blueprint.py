"""The feedback blueprint: comment threads on entries, for those who may read the entry."""

from flask import Blueprint

from journal import access

bp = Blueprint("feedback", __name__)
bp.before_request(access.login_required)
