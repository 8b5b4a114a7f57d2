"""One action per intent: a form that creates something carries a random key, made when the form
is shown, and whatever sends it again (a retry after a lost answer, a double click, the back
button, four tabs) finds what the first sending made instead of making it again.

The key is stored on the row it created, under a unique (author, key) constraint; ``once`` looks
it up, and creates in a savepoint when it is new, so of two sent at the same moment the loser of
the insert returns the winner's row. Used for entries, portfolio submissions and comments.
"""

import re
import secrets
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from wtforms import HiddenField

from journal.extensions import db

KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
T = TypeVar("T")


def new_key() -> str:
    """A fresh random key naming one intent (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def key_sent(value) -> str | None:
    """The key a form sent, or None when it sent none (or nothing one of our forms could hold)."""
    return value if isinstance(value, str) and KEY.fullmatch(value) else None


def key_or_new(value) -> str:
    """The key sent, or a fresh one: a form opened before keys existed, or a key tampered with,
    still works, as a new intent."""
    return key_sent(value) or new_key()


def key_field() -> HiddenField:
    """The hidden field that carries a form's key: filled with a fresh key when the form is first
    shown, and kept as sent when it comes back (re-rendered after an error, restored from a draft)."""
    return HiddenField(filters=[key_or_new])


def once(find: Callable[[], T | None], create: Callable[[], T]) -> tuple[T, bool]:
    """What ``find`` returns (made by an earlier sending of the same key), else what ``create``
    makes, run in a savepoint; returns it and whether it is new. Of two creates racing on the
    unique key, the loser returns the winner's row. Flushes; the caller commits."""
    found = find()
    if found is not None:
        return found, False
    try:
        with db.session.begin_nested():
            made = create()
        return made, True
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found, False
