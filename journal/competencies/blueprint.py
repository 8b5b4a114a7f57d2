"""The competencies blueprint: its URL prefix and the check every one of its routes passes first."""

from flask import Blueprint

from journal import access

bp = Blueprint("competencies", __name__)
bp.before_request(access.login_required)
