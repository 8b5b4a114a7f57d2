"""Autosaved drafts: what an intern typed but has not saved yet.

The browser sends the form's fields every few seconds; a draft is replaced, never
merged, and removed when the entry is saved. Drafts are visible to their own
user only and never become part of an entry by themselves.
"""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from journal.extensions import db
from journal.models import Draft, User
from journal.models.entries import CONTENT_FIELDS
from journal.models.types import utcnow

# base_version travels with an edit's draft, so restoring it still detects a newer save.
DRAFT_FIELDS = set(CONTENT_FIELDS) | {"tags", "base_version"}
MAX_DRAFT_CHARS = 60_000


class DraftRejected(ValueError):
    """The draft sent is not one this form could have produced."""


def draft_key(cohort_id: int, kind: str, entry_id: int | None = None) -> str:
    """The name of what is being written: an existing entry, or a new entry of a kind."""
    return f"entry-{entry_id}" if entry_id else f"new-{cohort_id}-{kind}"


def clean_fields(fields) -> dict:
    """Keep the known fields as strings (lists for multi-choice); raise DraftRejected otherwise."""
    if not isinstance(fields, dict):
        raise DraftRejected("fields must be an object")
    cleaned: dict = {}
    for name, value in fields.items():
        if name not in DRAFT_FIELDS:
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            cleaned[name] = value[:20]
        elif isinstance(value, str):
            cleaned[name] = value
        else:
            raise DraftRejected(f"{name} must be text")
    if sum(len(str(value)) for value in cleaned.values()) > MAX_DRAFT_CHARS:
        raise DraftRejected("the draft is too long")
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
