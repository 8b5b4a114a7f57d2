"""The review blueprint: its URL prefix, the check every one of its routes passes first, and the words the
charts' macros ask for (``templates/macros/charts.html``, also drawn on the intern's own progress page)."""

from flask import Blueprint

from journal import access
from journal.review.chart import kind_count, weekday_name

bp = Blueprint("review", __name__)
bp.before_request(access.login_required)
bp.add_app_template_global(kind_count)
bp.add_app_template_global(weekday_name)
