"""The entries blueprint: its URL prefix and the check every one of its routes passes first."""

from flask import Blueprint
from flask_login import current_user

from journal import access
from journal.entries.marks import field_place
from journal.entries.prompts import PROMPTS
from journal.entries.readers import who_can_read

bp = Blueprint("entries", __name__)
bp.before_request(access.login_required)


@bp.app_context_processor
def entry_template_values() -> dict:
    """What any page that shows entries may use: who reads an entry, and each kind's prompts."""
    return {"who_can_read": lambda entry: who_can_read(entry, current_user), "prompts": PROMPTS}


# Where in an entry a suspected identifier is ("in the title"): a global, so imported macros see it too.
bp.add_app_template_global(field_place)
