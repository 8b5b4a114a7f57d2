"""How a checked credential is read and put into words: the reasons ``checking`` gives, in plain words
for the verification page, and the small readers that take text out of untrusted JSON.

A credential comes from anyone, so every field may be of the wrong type: the readers answer None (or
an empty list) rather than raise, and cut long text so a page stays a page.
"""

import hashlib
import hmac
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l

from journal.i18n import format_moment

LONGEST_TEXT = 500

# Why a credential could not be checked (``refused``) or is not valid (``not_valid``), by code;
# ``%(detail)s`` is the URL, key, limit or date the code names.
REASONS = {
    "too_large": _l(
        "The credential is larger than %(detail)s MB. Credentials are much smaller: check that this is the right file."
    ),
    "empty": _l("The credential is empty. Paste its text or choose its .json file."),
    "not_json": _l(
        "This is not JSON, so it is not a credential. Paste the whole credential, "
        "from its opening brace to its closing brace."
    ),
    "not_object": _l("This is JSON, but not a credential: a credential is one JSON object."),
    "missing": _l("This is not a signed credential: it has no “%(detail)s”."),
    "bad_proof": _l("Its proof is neither an object nor a list, so there is no signature to check."),
    "too_deep": _l("It is nested too deeply to be a credential (more than %(detail)s levels)."),
    "too_many_values": _l("It holds too many values to be a credential (more than %(detail)s)."),
    "arrays_too_long": _l("Its lists are too long to check here (more than %(detail)s items in all)."),
    "too_many_contexts": _l("It defines too many contexts of its own to check (more than %(detail)s)."),
    "too_many_quads": _l("It makes too many statements to check here (more than %(detail)s)."),
    "too_many_blank_nodes": _l("It has too many unnamed parts to check here (more than %(detail)s)."),
    "too_intricate": _l("Its structure is too intricate to check here: too many parts that look alike."),
    "too_complex": _l("Its structure is too intricate to check here: too many parts that look alike."),
    "bad_context": _l("Its “@context” is not a list of addresses and definitions."),
    "unknown_context": _l("It uses a context this service does not hold: %(detail)s (it was not fetched)."),
    "not_jsonld": _l("It cannot be read as linked data (JSON-LD): it is not a well-formed credential."),
    "no_proof": _l("It carries no signature."),
    "malformed": _l("Its proof is incomplete or malformed, so the signature cannot be checked."),
    "unsupported_cryptosuite": _l(
        "It is signed in a way this service does not check. "
        "Only Data Integrity proofs with eddsa-rdfc-2022 are checked."
    ),
    "wrong_purpose": _l("Its signature was not made for issuing credentials (its proof purpose is another)."),
    "unknown_key": _l(
        "It was signed with a key this service does not know: %(detail)s. Keys are never fetched from "
        "other sites, so only this service's credentials and did:key signatures can be checked here."
    ),
    "undefined_term": _l("It holds fields its contexts do not define, which a signature would not cover."),
    "bad_signature": _l(
        "The signature does not match: the credential has been changed since it was signed, "
        "or was never signed with this key."
    ),
    "issuer_mismatch": _l("It was signed with this service's key but names another issuer (%(detail)s)."),
    "not_our_signature": _l("It names this service as its issuer, but was not signed with this service's key."),
    "not_issuers_key": _l(
        "It was signed with a did:key that is not its issuer's: anyone can make such a key, so the "
        "signature does not show that %(detail)s issued it."
    ),
    "created_in_future": _l("Its signature is dated in the future (%(detail)s), which a genuine signature never is."),
    "proof_expired": _l("Its signature expired on %(detail)s."),
    "too_many_held": _l(
        "This service checks the first %(detail)s credentials a record holds; this one was not checked."
    ),
    "not_yet_valid": _l("It is not valid yet: it takes effect on %(detail)s."),
    "expired": _l("It expired on %(detail)s."),
}


# The same reasons without the detail, for a credential that leaves it out (no issuer named, say): a
# sentence never has a hole in it.
WITHOUT_DETAIL = {
    "missing": _l("This is not a signed credential: a part every credential has is missing."),
    "unknown_context": _l("It uses a context this service does not hold (it was not fetched)."),
    "unknown_key": _l(
        "It was signed with a key this service does not know. Keys are never fetched from other sites, so "
        "only this service's credentials and did:key signatures can be checked here."
    ),
    "issuer_mismatch": _l("It was signed with this service's key but names another issuer."),
    "not_issuers_key": _l(
        "It was signed with a did:key that is not its issuer's: anyone can make such a key, so the "
        "signature does not show who issued it."
    ),
    "created_in_future": _l("Its signature is dated in the future, which a genuine signature never is."),
    "proof_expired": _l("Its signature has expired."),
    "not_yet_valid": _l("It is not valid yet."),
    "expired": _l("It has expired."),
}
# Codes whose detail is a date (as the credential writes it, ISO 8601): shown as the app shows a moment, in UTC.
DATED = {"created_in_future", "proof_expired", "not_yet_valid", "expired"}


def reason(code: str | None, detail: str | None = None) -> str:
    """The plain words for a reason code (an unforeseen code gets a general sentence). A code whose words
    name a detail is said without it when there is none; a date is shown as a moment in UTC."""
    words = REASONS.get(code or "")
    if words is None:
        return str(_l("The credential could not be checked."))
    if "%(detail)s" not in str(words):
        return str(words)
    if not (detail or "").strip():
        return str(WITHOUT_DETAIL.get(code, _l("The credential could not be checked.")))
    if code in DATED:
        detail = moment_text(detail)
    return str(words) % {"detail": detail}


def moment_of(text: str | None) -> datetime | None:
    """A credential's date (ISO 8601; UTC when it names no zone), or None when it is not one."""
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def moment_text(text: str) -> str:
    """A credential's date as the app shows a moment, in UTC; the text as written when it is not a date."""
    moment = moment_of(text)
    return text if moment is None else format_moment(moment.astimezone(UTC), "UTC")


def text_of(value: object) -> str | None:
    """``value`` as text if it is text (or a JSON-LD value object holding text), cut to a page's length."""
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str) or not value.strip():
        return None
    return value if len(value) <= LONGEST_TEXT else value[: LONGEST_TEXT - 1] + "…"


def types_of(value: object) -> list[str]:
    """The ``type`` names of a JSON object (a string or a list of strings), the rest ignored."""
    found = value.get("type") if isinstance(value, dict) else None
    found = found if isinstance(found, list) else [found]
    return [text for text in found[:20] if isinstance(text, str) and len(text) < 100]


def identity_matches(value: str, salt: str | None, hashed: bool, email: str) -> bool:
    """Whether ``email`` is the identity ``value`` (Open Badges 3.0: ``sha256$`` or ``md5$`` and the hex
    hash of the address followed by the salt; or the address itself when not hashed). Compared as
    typed and lowercased, since issuers differ in how they write the address."""
    typed = email.strip()
    candidates = {typed, typed.lower()}
    if not hashed:
        return any(hmac.compare_digest(value.lower().encode(), c.lower().encode()) for c in candidates)
    algorithm, _, digest = value.partition("$")
    if algorithm not in ("sha256", "md5") or not digest:
        return False
    for candidate in candidates:
        mine = hashlib.new(algorithm, (candidate + (salt or "")).encode("utf-8"), usedforsecurity=False).hexdigest()
        if hmac.compare_digest(mine.encode(), digest.lower().encode()):
            return True
    return False
