"""What lets an account's pages keep text in a browser that only its author can read.

A browser is often shared (a ward computer, a friend's laptop). Text a page keeps there, such as
a draft that could not be sent, is encrypted with the account's **device key**: random, stored in
``users.device_key``, and handed only to that account's logged-in pages (a ``<meta>`` of the base
template; every page is served ``Cache-Control: no-store`` by ``journal.security``). The page after
logout is anonymous and carries no key, so the next person at the machine finds only ciphertext.

Each account's copies sit apart in the browser under its **owner marker**, an HMAC under the
account's device key that names nobody and does not reveal the key, and a page reads only its own
account's copies. The marker also travels with a stored draft, so the server can refuse one kept
for another account (``is_owner``).

The key never changes: after logging out, or being logged out everywhere, the author logs in
again and their pages read what was kept. Deleting the account deletes the key, which leaves
whatever is still in a browser unreadable for good. Neither depends on ``SECRET_KEY``, so rotating
it loses nothing kept in browsers; and a later account that is given the same id (SQLite may
reuse the highest one) has another key, so another marker.
"""

import base64
import hashlib
import hmac
import secrets

from flask import Flask, request
from flask_login import current_user
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from journal.extensions import db
from journal.models import User

KEY_BYTES = 32  # AES-256; base64url without padding is 43 characters, inside the column's 64


def new_device_key() -> str:
    """A fresh random key, as the base64url text the pages receive."""
    return secrets.token_urlsafe(KEY_BYTES)


def owner_marker(user: User) -> str:
    """The opaque name of ``user``'s copies in a browser: stable, neither the id nor the email."""
    digest = hmac.new(device_key_of(user).encode(), b"device-owner", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def is_owner(user: User, marker) -> bool:
    """Whether ``marker`` (as sent by a page) is ``user``'s owner marker."""
    return isinstance(marker, str) and hmac.compare_digest(marker.encode(), owner_marker(user).encode())


def device_key_of(user: User) -> str:
    """``user``'s device key, created now if the account has none yet (accounts made before keys).

    The key is written in a transaction of its own, only where none is stored, and then read
    back: two first requests at once agree on one key, and the request's own transaction is left
    as it was (the user object is not marked as changed).
    """
    if user.device_key is None:
        with db.engine.begin() as connection:
            connection.execute(
                update(User).where(User.id == user.id, User.device_key.is_(None)).values(device_key=new_device_key())
            )
            key = connection.scalar(select(User.device_key).where(User.id == user.id))
        set_committed_value(user, "device_key", key)
    return user.device_key


def _provide_key() -> None:
    """``before_request``: make sure a logged-in account has its key before any view writes."""
    if request.endpoint != "static" and current_user.is_authenticated:
        device_key_of(current_user._get_current_object())


def _template_helpers() -> dict:
    """``device_owner()`` and ``device_key()`` for the base template; called only on logged-in pages
    (templates rendered outside a request, such as PDFs, never call them)."""
    return {
        "device_owner": lambda: owner_marker(current_user),
        "device_key": lambda: device_key_of(current_user),
    }


def init_app(app: Flask) -> None:
    """Give every logged-in request its account's key and every template the values to hand out."""
    app.before_request(_provide_key)
    app.context_processor(_template_helpers)
