"""The competencies blueprint: its URL prefix, the check every one of its routes passes first, and the
helpers every template uses to show a framework's words in the reader's language."""

from flask import Blueprint

from journal import access
from journal.framework_words.display import TEMPLATE_GLOBALS

bp = Blueprint("competencies", __name__)
bp.before_request(access.login_required)
# App-wide globals, not context values, so imported macros and other features' pages (the framework page,
# the PDF) see them too.
for helper in TEMPLATE_GLOBALS:
    bp.add_app_template_global(helper)
