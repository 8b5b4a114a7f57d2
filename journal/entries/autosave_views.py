"""The autosave endpoint: what ``static/js/autosave.js`` sends while an entry form is being typed.

Every answer is JSON, because the page shows it to the person and decides from its status
whether the text it keeps on the device is worth sending again later:

- 200 ``{"saved_at": ...}``: saved as the user's draft.
- 401: nobody is logged in. The page keeps the text, encrypted, and sends it once its account is
  logged in again.
- ``{"error": ..., "retry": true}``: not now, but later. A 400 when the page's session has ended
  although someone is logged in (its CSRF token no longer matches: a logout and a login in another
  tab); a 409 when the draft was kept in this browser for another account (its owner marker is not
  the user's). The page keeps the text for its own account, and it is never saved to this one.
- 400 not a draft, 404 not the user's journal or entry to write, 413 too long, 422 a field that is
  not text: sending it again cannot help, so the ``error`` says what to do instead.
"""

from flask import current_app, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from journal import access, device_keys
from journal.entries import drafts
from journal.entries.blueprint import bp
from journal.extensions import csrf, db
from journal.models.entries import KINDS
from journal.params import database_id

# What the page shows when a draft is refused (lazy: in the person's language, ``str()`` for the JSON).
NOT_A_DRAFT = _l(
    "This page sent something that is not a draft, so it was not kept. Copy your text, then reload the page."
)
NOT_YOURS_TO_WRITE = _l(
    "This journal or entry is not open to your account for writing, so the draft was not kept. "
    "Copy your text before you leave the page."
)
SESSION_ENDED = _l("Your session on this page has ended. Log in again; your text is kept.")
ANOTHER_ACCOUNT = _l("This text was kept in this browser for another account, so it was not saved to yours.")


def _row_id(value) -> int:
    """A JSON number naming a row, or -1 (which names none) for anything else: text, true, a float, a huge number."""
    if isinstance(value, bool) or not isinstance(value, int):
        return -1
    try:
        return database_id(value)
    except ValueError:
        return -1


def _check_page_token() -> None:
    """Flask-WTF's CSRF check, run in the view (the route is exempt from the global one) so that a
    page whose session has ended gets a JSON answer. Raises CSRFError or RequestEntityTooLarge."""
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()


def _sent_draft() -> dict:
    """The JSON document sent, if it is a draft of a known kind; raises DraftRejected (400 or 413)."""
    try:
        payload = request.get_json(silent=True)
    except RequestEntityTooLarge:
        raise drafts.DraftTooLong() from None
    if not isinstance(payload, dict) or not isinstance(payload.get("kind"), str) or payload["kind"] not in KINDS:
        raise drafts.DraftRejected(str(NOT_A_DRAFT), status=400)
    return payload


@bp.post("/journal/<int:cohort_id>/drafts")
@csrf.exempt  # checked by _check_page_token, to answer in JSON
def autosave(cohort_id: int):
    """Keep what is typed in an entry form as the user's draft; see the module for the answers.

    A draft that carries an owner marker (every draft autosave.js sends) is saved only for that
    owner; one without (an integration) is the logged-in user's own.
    """
    try:
        _check_page_token()
        payload = _sent_draft()
        if "owner" in payload and not device_keys.is_owner(current_user, payload["owner"]):
            return jsonify(error=str(ANOTHER_ACCOUNT), retry=True), 409
        access.intern_or_404(cohort_id)
        entry_id = payload.get("entry_id")
        if entry_id is not None:
            entry = access.entry_or_404(_row_id(entry_id), "edit_entry")
            if entry.cohort_id != cohort_id or entry.kind != payload["kind"]:
                raise NotFound()
        key = drafts.draft_key(cohort_id, payload["kind"], entry_id)
        draft = drafts.save_draft(current_user, cohort_id, key, payload.get("fields"), entry_id)
    except CSRFError:
        return jsonify(error=str(SESSION_ENDED), retry=True), 400
    except RequestEntityTooLarge:
        return jsonify(error=str(drafts.DraftTooLong())), 413
    except NotFound:
        return jsonify(error=str(NOT_YOURS_TO_WRITE)), 404
    except drafts.DraftRejected as refusal:
        return jsonify(error=str(refusal)), refusal.status
    db.session.commit()
    return jsonify(saved_at=draft.updated_at.isoformat())
