"""The identifier check of an entry form while it is typed: what ``static/js/identifier-marks.js``
sends a moment after the intern stops typing, so that the page can mark the suspected identifiers.

It is the intern's own text, checked for the intern alone: the journal of a cohort the user keeps one
in (``intern_or_404``), and, for an edit, the user's own entry of that cohort. Nothing is stored and
nothing of the text is logged; the answer is JSON:

- 200 ``{"marks": [...], "summary": ...}``: each suspected identifier (``marks.as_json``), in field
  order, and what the list says of them (``marks.summary``).
- 400 not a form's text; 401 nobody logged in; 404 not the user's journal or entry;
  413 longer than any entry may be; 429 more checks than typing makes (``CHECK_LIMIT``).
"""

from flask import abort, current_app, jsonify, request
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from journal import access, identifiers
from journal.entries.blueprint import bp
from journal.entries.marks import as_json, as_typed, form_marks, summary
from journal.extensions import limiter
from journal.params import database_id

# More text than an entry's fields may hold together (a body of 50,000 characters and the rest).
MAX_CHARS = 60_000
# The page checks a moment after typing stops; far more than that from one account is not typing (429).
CHECK_LIMIT = "120 per minute"


def _per_account() -> str:
    """The rate-limit key: the account (people behind one address are counted apart), in the app's namespace."""
    return f"{current_app.config['RATELIMIT_NAMESPACE']}:identifier-check:{current_user.get_id()}"


def _sent_texts() -> dict[str, str]:
    """The fields sent (``{"fields": {"body": ...}}``), only the checked ones; aborts 400 or 413."""
    try:
        payload = request.get_json(silent=True)
    except RequestEntityTooLarge:
        abort(413)
    fields = payload.get("fields") if isinstance(payload, dict) else None
    if not isinstance(fields, dict) or not all(isinstance(value, str) for value in fields.values()):
        abort(400)
    texts = {name: as_typed(fields[name]) for name in identifiers.CHECKED_FIELDS if name in fields}
    if sum(map(len, texts.values())) > MAX_CHARS:
        abort(413)
    return texts


def _own_entry_in(cohort_id: int, entry_id) -> None:
    """Aborts 404 unless ``entry_id`` (when given) names the user's own entry of the cohort, to edit."""
    if entry_id is None:
        return
    try:
        if isinstance(entry_id, bool) or not isinstance(entry_id, int):
            raise ValueError("not a row id")
        entry = access.entry_or_404(database_id(entry_id), "edit_entry")
    except ValueError:
        abort(404)
    if entry.cohort_id != cohort_id:
        abort(404)


@bp.post("/journal/<int:cohort_id>/identifiers")
@limiter.limit(CHECK_LIMIT, key_func=_per_account)
def check_identifiers(cohort_id: int):
    """The suspected identifiers of the text sent, as the form marks them; see the module."""
    access.intern_or_404(cohort_id)
    texts = _sent_texts()
    _own_entry_in(cohort_id, (request.get_json(silent=True) or {}).get("entry_id"))
    marks = form_marks(texts, identifiers.cohort_roster(cohort_id))
    return jsonify(marks=[as_json(mark) for mark in marks], summary=summary(marks))
