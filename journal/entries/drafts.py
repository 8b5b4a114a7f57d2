"""Autosaved drafts: what an intern typed but has not saved yet.

The browser sends the form's fields every few seconds; a draft is replaced, never
merged, and removed when the entry is saved. Drafts are visible to their own
user only and never become part of an entry by themselves.
"""

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from journal import i18n
from journal.extensions import db
from journal.models import Draft, User
from journal.models.entries import CONTENT_FIELDS
from journal.models.types import utcnow

# base_version travels with an edit's draft, so restoring it still detects a newer save; a new
# entry's idempotency_key, so restoring it after the entry was saved finds that entry again.
DRAFT_FIELDS = set(CONTENT_FIELDS) | {"tags", "base_version", "idempotency_key"}
MAX_DRAFT_CHARS = 60_000


class DraftRejected(ValueError):
    """The draft sent is not one this form could have produced. The message says what to do
    about it; ``status`` is the HTTP status that answers it (422 unless given)."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


class DraftTooLong(DraftRejected):
    """The draft is longer than a draft may be (413)."""

    def __init__(self):
        super().__init__(
            ngettext(
                "The draft is longer than %(count)s character, so it was not kept. "
                "Shorten the entry or split it into two, then save it.",
                "The draft is longer than %(count)s characters, so it was not kept. "
                "Shorten the entry or split it into two, then save it.",
                MAX_DRAFT_CHARS,
                count=i18n.format_number(MAX_DRAFT_CHARS),
            ),
            status=413,
        )


def draft_key(cohort_id: int, kind: str, entry_id: int | None = None) -> str:
    """The name of what is being written: an existing entry, or a new entry of a kind."""
    return f"entry-{entry_id}" if entry_id else f"new-{cohort_id}-{kind}"


def clean_fields(fields) -> dict:
    """Keep the known fields as strings (lists for multi-choice).

    Raises DraftRejected (422) for a field that is not text, DraftTooLong (413) past MAX_DRAFT_CHARS.
    """
    if not isinstance(fields, dict):
        raise DraftRejected(
            _("Part of the draft (its fields) is not text, so it was not kept. Copy your text, then reload the page.")
        )
    cleaned: dict = {}
    for name, value in fields.items():
        if name not in DRAFT_FIELDS:
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            cleaned[name] = value[:20]
        elif isinstance(value, str):
            cleaned[name] = value
        else:
            raise DraftRejected(
                _(
                    "Part of the draft (the %(field)s) is not text, so it was not kept. "
                    "Copy your text, then reload the page.",
                    field=name.replace("_", " "),
                )
            )
    if sum(len(str(value)) for value in cleaned.values()) > MAX_DRAFT_CHARS:
        raise DraftTooLong()
    return cleaned


def save_draft(user: User, cohort_id: int, key: str, fields: dict, entry_id: int | None = None) -> Draft:
    """Create or replace the user's draft for ``key``.

    Two autosaves of a new draft can arrive at once (two tabs, a retried request): the
    insert runs in a savepoint, and the one that loses the race updates the winner's row.
    """
    draft = draft_for(user, key)
    if draft is None:
        try:
            with db.session.begin_nested():
                draft = Draft(user_id=user.id, cohort_id=cohort_id, entry_id=entry_id, key=key)
                draft.content = clean_fields(fields)
                db.session.add(draft)
            return draft
        except IntegrityError:
            draft = draft_for(user, key)
    draft.content = clean_fields(fields)
    draft.updated_at = utcnow()
    db.session.flush()
    return draft


def draft_for(user: User, key: str) -> Draft | None:
    """The user's own draft for ``key``, if any."""
    return db.session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.key == key))


def discard_draft(user: User, key: str) -> None:
    """Forget the user's draft for ``key`` (after a save, or when they choose to)."""
    db.session.execute(delete(Draft).where(Draft.user_id == user.id, Draft.key == key))


def as_formdata(draft: Draft) -> MultiDict:
    """The draft as submitted form data, to fill the form with it."""
    data = MultiDict()
    for name, value in draft.content.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(name, item)
    return data
