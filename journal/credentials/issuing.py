"""What every credential the app issues shares: its addresses, its issuer, the hashed identity of its
subject, its signature and its one row in ``issued_credentials``.

A credential is signed once and stored as the exact text served, so every download is the same bytes.
Two first downloads at the same instant build and sign one each; the unique constraints let one row in
and the other request reads it back (``store_once``), so both get the same credential.
"""

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from journal.credentials import identity, keys, proofs
from journal.extensions import db
from journal.links import public_root
from journal.models import IssuedCredential
from journal.models.types import utcnow

# Tries at a free place in the status list before giving up (a collision at random is rare; many, a bug).
ATTEMPTS = 8


class NotIssuable(Exception):
    """The credential cannot be issued (for example, a sign-off no longer in force); ``message`` says why."""

    def __init__(self, message: str):
        """Keep the message to show the user."""
        super().__init__(str(message))
        self.message = str(message)


def address(path: str) -> str:
    """The full public address of ``path`` (which starts with ``/``), under ``PUBLIC_URL`` (see ``identity``
    for where none is known)."""
    return (public_root() or identity.FALLBACK_ROOT) + path


# The issuer is the same for every credential: ``identity`` says who it is.
issuer_id = identity.issuer_id
issuer_reference = identity.issuer_reference


def identity_hash(email: str, salt: str) -> str:
    """``sha256$`` and the hex SHA-256 of the address (lowercased) followed by the salt, as Open Badges 3.0
    hashes an ``emailAddress`` identifier."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def hashed_identifier(email: str) -> dict:
    """The subject's identity: a salted hash of the email address (a new salt each credential, so two
    credentials of the same person cannot be linked by it without knowing the address)."""
    salt = secrets.token_hex(16)
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(email, salt),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def new_uuid() -> str:
    """A fresh random UUID for a credential's ``urn:uuid:`` id."""
    return str(uuid.uuid4())


def dump(document: dict) -> str:
    """The one text form a signed credential is stored and served in."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def sign(document: dict) -> tuple[dict, str]:
    """The document signed with the issuer's active key now, and that key's verification method.

    Raises ``keys.NoSigningKey`` when there is none (production without a configured key)."""
    key = keys.active_key()
    return proofs.sign(document, key, created=utcnow()), key.id


def store_once(
    existing: Callable[[], IssuedCredential | None], make: Callable[[], IssuedCredential]
) -> IssuedCredential:
    """The credential ``existing()`` finds, or the one ``make()`` builds, inserted in a savepoint.

    When the insert breaks a unique constraint, either another request issued the same credential just now
    (``existing()`` finds it: that one is returned) or the random status index was taken: ``make()`` tries
    again with a new one. Raises ``NotIssuable`` if no attempt succeeds."""
    for _attempt in range(ATTEMPTS):
        found = existing()
        if found is not None:
            return found
        row = make()
        try:
            with db.session.begin_nested():
                db.session.add(row)
                db.session.flush()
        except IntegrityError:
            continue
        return row
    raise NotIssuable("The credential could not be stored; try again.")


def issued(**where) -> IssuedCredential | None:
    """The credential the columns ``where`` name, if any: a CLR by ``submission_id=``, a badge by
    ``decision_id=`` and ``for_submission_id=`` (None for the intern's own badge)."""
    return db.session.scalar(select(IssuedCredential).filter_by(**where))


def random_index(size: int) -> int:
    """A place in a status list of ``size`` bits, at random (W3C Bitstring Status List: herd privacy)."""
    return secrets.randbelow(size)
