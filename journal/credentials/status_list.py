"""The revocation list every badge points to: a W3C Bitstring Status List credential at
``{PUBLIC_URL}/credentials/status/1``.

A badge's bit is set once its approving decision is no longer in force: its request was decided again
later (revoked, returned, anything), a later approval of the same intern and competency at the same or a
higher level superseded it (a later approval at a lower level leaves it standing, as the checklist shows the
highest approval), or
the decision itself is gone (an account deleted). Revocation is permanent, as the standard's
``revocation`` purpose says: each of these stays true once true, so a bit never goes back to 0.

Nothing about revocation is stored: the bits are computed from the decisions in one query each time. The
signed list is kept (``StatusListDocument``) and signed again only when its bits change or half its
validity has passed, so verifiers always find a list valid for at least half a week.
"""

import base64
import gzip
import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from journal.credentials import issuing
from journal.credentials.loader import VC_V2
from journal.extensions import db
from journal.models import Decision, IssuedCredential, SignOffRequest, StatusListDocument
from journal.models.types import utc_stamp, utcnow

LIST_ID = 1
# The minimum length the standard asks for (16 KB), so that one badge hides among many places.
SIZE = 131_072
VALIDITY = timedelta(days=7)
PURPOSE = "revocation"


def list_url() -> str:
    """The status list credential's address."""
    return issuing.address(f"/credentials/status/{LIST_ID}")


def status_entry(index: int) -> dict:
    """A badge's ``credentialStatus``: its place in the list."""
    url = list_url()
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def no_longer_in_force(decision: type[Decision] | object, request: type[SignOffRequest] | object) -> ColumnElement:
    """The SQL condition that ``decision`` (an approval, of ``request``) no longer stands: a later decision on
    the same request, or a later approval of the same intern and competency at the same or a higher level. Both
    may be aliases."""
    later = aliased(Decision)
    later_request = aliased(SignOffRequest)
    decided_again = exists().where(later.request_id == decision.request_id, later.id > decision.id)
    superseded = exists().where(
        later.request_id == later_request.id,
        later_request.intern_id == request.intern_id,
        later_request.competency_id == request.competency_id,
        later.outcome == "approved",
        later.level >= decision.level,
        later.id > decision.id,
    )
    return or_(decision.outcome != "approved", decided_again, superseded)


def in_force(decision: Decision) -> bool:
    """Whether the approval still stands (see the module's docstring)."""
    return not db.session.scalar(
        select(no_longer_in_force(Decision, SignOffRequest))
        .select_from(Decision)
        .join(SignOffRequest, SignOffRequest.id == Decision.request_id)
        .where(Decision.id == decision.id)
    )


def standing_requests(intern_id: int, cohort_id: int) -> set[int]:
    """The ids of the intern's requests in the cohort whose approval still stands (one query): those that
    have, or may be issued, a badge that verifies as active."""
    request = aliased(SignOffRequest)
    return set(
        db.session.scalars(
            select(Decision.request_id)
            .join(request, request.id == Decision.request_id)
            .where(
                request.intern_id == intern_id,
                request.cohort_id == cohort_id,
                Decision.outcome == "approved",
                ~no_longer_in_force(Decision, request),
            )
        )
    )


def revoked_indexes() -> list[int]:
    """The status indexes of every badge whose decision no longer stands or is gone (one query)."""
    decision, request = aliased(Decision), aliased(SignOffRequest)
    return list(
        db.session.scalars(
            select(IssuedCredential.status_index)
            .outerjoin(decision, decision.id == IssuedCredential.decision_id)
            .outerjoin(request, request.id == decision.request_id)
            .where(
                IssuedCredential.kind == "badge",
                or_(decision.id.is_(None), and_(decision.id.is_not(None), no_longer_in_force(decision, request))),
            )
        )
    )


def bitstring(indexes: list[int], size: int = SIZE) -> bytes:
    """The bits as bytes: index 0 is the first (most significant) bit of the first byte."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode(bits: bytes) -> str:
    """``encodedList``: the bits GZIP-compressed, then base64url without padding, with the multibase ``u``."""
    compressed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    """The bits of an ``encodedList`` (the inverse of ``encode``). Raises ValueError on anything else."""
    if not encoded.startswith("u"):
        raise ValueError("an encoded status list starts with the multibase prefix 'u'")
    data = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    except (OSError, ValueError, EOFError) as error:
        raise ValueError("not a GZIP-compressed, base64url-encoded bitstring") from error


def is_set(bits: bytes, index: int) -> bool:
    """Whether the bit at ``index`` is 1."""
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def build(bits: bytes, now: datetime) -> dict:
    """The unsigned status list credential for ``bits``, valid from ``now`` for a week."""
    url = list_url()
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        # Its issuer by URL only: "Profile" is an Open Badges term, and this credential needs only VC 2.0.
        "issuer": issuing.issuer_id(),
        "validFrom": utc_stamp(now),
        "validUntil": utc_stamp(now + VALIDITY),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode(bits),
        },
    }


def _fresh(row: StatusListDocument | None, digest: str, now: datetime) -> bool:
    """Whether the kept list can be served as it is: same bits, and less than half its validity gone."""
    if row is None or row.bits_sha256 != digest:
        return False
    return now < row.signed_at + (row.valid_until - row.signed_at) / 2


def current_list() -> str:
    """The signed status list credential as served, signed again first if its bits changed or half its
    validity has passed. Raises ``keys.NoSigningKey`` when it must be signed and there is no key.
    The caller commits."""
    bits = bitstring(revoked_indexes())
    digest = hashlib.sha256(bits).hexdigest()
    row = db.session.get(StatusListDocument, LIST_ID)
    now = utcnow().replace(microsecond=0)
    if _fresh(row, digest, now):
        return row.document
    signed, _key = issuing.sign(build(bits, now))
    text = issuing.dump(signed)
    values = {"bits_sha256": digest, "document": text, "signed_at": now, "valid_until": now + VALIDITY}
    if row is not None:
        for name, value in values.items():
            setattr(row, name, value)
        db.session.flush()
        return text
    try:
        with db.session.begin_nested():
            db.session.add(StatusListDocument(id=LIST_ID, **values))
            db.session.flush()
    except IntegrityError:  # another request kept its own list first: this one is as good, keep it
        found = db.session.get(StatusListDocument, LIST_ID, populate_existing=True)
        for name, value in values.items():
            setattr(found, name, value)
        db.session.flush()
    return text


def parsed() -> dict:
    """The current signed status list as data (for tests and the verification page)."""
    return json.loads(current_list())
