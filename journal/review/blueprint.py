"""The review blueprint: its URL prefix, the check every one of its routes passes first, the words the
charts' macros ask for (``templates/macros/charts.html``, also drawn on the intern's own progress page), and
a supervisor's reading path on an entry's page (``reading``)."""

from flask import Blueprint

from journal import access
from journal.review.chart import kind_count, weekday_name
from journal.review.reading import reading_path

bp = Blueprint("review", __name__)
bp.before_request(access.login_required)
bp.add_app_template_global(kind_count)
bp.add_app_template_global(weekday_name)
# The entry page's way back to the queue and on to the next entry, for the cohort's supervisors.
bp.add_app_template_global(reading_path)
