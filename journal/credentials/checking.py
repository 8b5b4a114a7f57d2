"""Check a credential someone uploads to ``/verify``: an Open Badge 3.0 or a CLR 2.0, from anyone.

``check_credential(raw)`` answers a ``CredentialCheck``: the headline (``valid``, ``not_valid``,
``revoked``, or ``refused`` when the input cannot be checked at all), why, and what the credential
says (issuer, subject's hashed identity, achievement, dates, status; for a CLR, each credential it
holds). It never raises on what it is given and never opens a connection:

- the input is held to the limits of ``untrusted`` (size, shape, contexts held offline, RDF size);
- keys are this deployment's own (``keys.public_keys()``, active and retired) or a ``did:key``, whose
  key is written in the identifier itself; a key anywhere else is "unknown", never fetched. A
  did:key signature only stands for the issuer that did:key is: a credential naming any other
  issuer (a university's address, say) is not valid, whatever its signature;
- a CLR's own credentials are checked one by one, at most ``MAX_EMBEDDED`` of them (each costs a
  canonicalisation); any beyond are listed as not checked. The keys and the revoked badges are
  read once per check, not once per credential;
- the status of this deployment's badges is read from the database (``status_list``); a list
  published elsewhere is not fetched, and the page says it was not checked;
- a CLR whose own signature holds but which holds a revoked or invalid credential says so in its
  headline (``held_trouble``), and the portfolio it records (``portfolio``: hours, entries by kind,
  credit requirements) is read from its achievement as issued.

The subject's email address is never in a credential, only a salted hash of it: ``email_matches``
hashes an address typed on the page the same way, and nothing of it is kept.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from journal.credentials import issuing, keys, multikey, proofs, status_list, untrusted
from journal.credentials.checking_words import identity_matches, moment_of, text_of, types_of
from journal.extensions import db
from journal.incoming import JSONInputError, parse_json
from journal.models import Decision, IssuedCredential, SignOffRequest

DID_KEY = "did:key:"
CREDENTIAL_TYPES = ("OpenBadgeCredential", "AchievementCredential", "ClrCredential")
# Credentials a CLR holds that are checked one by one; an intern's record holds one per sign-off.
MAX_EMBEDDED = 40


class _Known:
    """What one check reads from this deployment once, however many credentials a CLR holds: the public
    keys (active and retired) and the status indexes of revoked badges (read on first need)."""

    def __init__(self) -> None:
        self.keys = keys.public_keys()
        self._revoked: set[int] | None = None

    @property
    def revoked(self) -> set[int]:
        if self._revoked is None:
            self._revoked = set(status_list.revoked_indexes())
        return self._revoked


@dataclass
class Issuer:
    """Who the credential says issued it, and whether the signature backs that up."""

    id: str | None
    name: str | None
    ours: bool = False  # this deployment, signed with one of its keys
    did_key: bool = False  # signed with a did:key (a key that names itself; not this service)


@dataclass
class Identity:
    """The subject's identity as the credential gives it: usually a salted hash of an email address."""

    value: str
    kind: str | None
    hashed: bool
    salt: str | None


@dataclass
class Achievement:
    """What the credential is for."""

    name: str | None
    code: str | None
    level: str | None  # the criteria's narrative: the level reached and its wording
    description: str | None = None


@dataclass
class Portfolio:
    """The portfolio a CLR records (this deployment's ``clr.portfolio_achievement``), as the CLR says it.

    The figures are read from the achievement's description as issued; one that is not there (a CLR
    from elsewhere, worded otherwise) is None and the description is shown whole instead."""

    name: str | None
    code: str | None
    url: str | None
    description: str | None
    requirements: str | None  # the criteria's narrative: the cohort's requirements and what was missing
    hours: str | None = None
    entries: dict[str, int] = field(default_factory=dict)  # entries by kind, as issued
    requirements_met: bool | None = None
    placement: str | None = None  # the rest of the description (where and when), when the figures were read

    @property
    def read(self) -> bool:
        """Whether the figures were read from the description (else it is shown as issued)."""
        return self.hours is not None and bool(self.entries) and self.requirements_met is not None


@dataclass
class CredentialCheck:
    """The outcome of checking one credential (see the module's docstring)."""

    headline: str  # "valid", "not_valid", "revoked", "refused", or "not_checked" (a CLR's past MAX_EMBEDDED)
    problem: str | None = None  # a code of ``checking_words.REASONS``
    detail: str | None = None  # the URL, key or limit the problem names
    kinds: list[str] = field(default_factory=list)
    name: str | None = None
    credential_id: str | None = None
    signed_by: str | None = None
    issuer: Issuer | None = None
    subject_id: str | None = None
    identities: list[Identity] = field(default_factory=list)
    achievement: Achievement | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    status: str = "none"  # "active", "revoked", "not_checked" (a list elsewhere) or "none"
    revoked_why: str | None = None  # "revoked" or "superseded", when known
    embedded: list["CredentialCheck"] = field(default_factory=list)
    portfolio: Portfolio | None = None  # a CLR's portfolio achievement

    @property
    def held_trouble(self) -> list["CredentialCheck"]:
        """The credentials a CLR holds that do not stand (revoked or not valid); not those left unchecked."""
        return [inner for inner in self.embedded if inner.headline in ("revoked", "not_valid")]

    @property
    def held_unchecked(self) -> int:
        """How many credentials a CLR holds were not checked (past ``MAX_EMBEDDED``)."""
        return sum(1 for inner in self.embedded if inner.headline == "not_checked")

    @property
    def valid_from_moment(self) -> datetime | None:
        return moment_of(self.valid_from)

    @property
    def valid_until_moment(self) -> datetime | None:
        return moment_of(self.valid_until)

    @property
    def http_status(self) -> int:
        """413 for input over the size limit, 422 for input that cannot be checked, else 200."""
        if self.headline != "refused":
            return 200
        return 413 if self.problem == "too_large" else 422

    @property
    def is_clr(self) -> bool:
        return "ClrCredential" in self.kinds


def check_credential(raw: bytes | str) -> CredentialCheck:
    """Check an uploaded or pasted credential. Never raises on its content (see the module's docstring)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > untrusted.MAX_BYTES:
        return CredentialCheck("refused", "too_large", str(untrusted.MAX_BYTES // (1024 * 1024)))
    if not data.strip():
        return CredentialCheck("refused", "empty")
    try:
        document = parse_json(data.removeprefix(b"\xef\xbb\xbf"))
    except JSONInputError as error:
        if error.too_deep:  # deeper than Python's decoder goes, so far deeper than ``MAX_DEPTH``
            return CredentialCheck("refused", "too_deep", str(untrusted.MAX_DEPTH))
        return CredentialCheck("refused", "not_json", _where(error))
    try:
        _require_credential(document)
        untrusted.check_shape(document)
        untrusted.check_contexts(document)
        untrusted.check_graph(document)
    except untrusted.Refused as refusal:
        detail = None if refusal.detail is None else str(refusal.detail)
        return CredentialCheck("refused", refusal.code, detail)
    except Exception as error:  # pyld refuses what is not JSON-LD in many ways; the input is to blame
        url = untrusted.unknown_document(error)
        if url is not None:
            return CredentialCheck("refused", "unknown_context", url[:300])
        return CredentialCheck("refused", "not_jsonld")
    return _check_document(document, _Known(), embedded=True)


def _where(error: JSONInputError) -> str | None:
    return f"{error.line}:{error.column}" if error.line is not None else None


def _require_credential(document: object) -> None:
    """Refuse what is not a JSON object with ``@context``, ``type`` and ``proof``."""
    if not isinstance(document, dict):
        raise untrusted.Refused("not_object")
    for name in ("@context", "type", "proof"):
        if name not in document:
            raise untrusted.Refused("missing", name)
    if not isinstance(document["proof"], dict | list):
        raise untrusted.Refused("bad_proof")


# -- one credential --


def _check_document(document: dict, known: _Known, *, embedded: bool) -> CredentialCheck:
    """Check a credential that passed the input limits; ``embedded`` also checks those a CLR holds."""
    check = _describe(document)
    proof = proofs.verify(document, lambda method: _public_key_for(method, known))
    check.signed_by = proof.verification_method
    if not proof.valid:
        check.headline, check.problem = "not_valid", proof.reason
        check.detail = _proof_date(document, proof.reason) if proof.reason in PROOF_DATES else proof.verification_method
        return check
    problem = _issuer_problem(check, known)
    if problem is None:
        problem = _date_problem(check)
    if problem is not None:
        check.headline, check.problem, check.detail = "not_valid", *problem
        return check
    _read_status(document, check, known)
    check.headline = "revoked" if check.status == "revoked" else "valid"
    if embedded and check.is_clr:
        held = _embedded_credentials(document)
        check.embedded = [_check_embedded(item, known) for item in held[:MAX_EMBEDDED]]
        check.embedded += [_not_checked(item) for item in held[MAX_EMBEDDED:]]
    return check


PROOF_DATES = {"created_in_future": "created", "proof_expired": "expires"}


def _proof_date(document: dict, reason: str) -> str | None:
    """The date a proof failed on (its ``created`` in the future, or its ``expires`` passed), for the page to name."""
    name, now = PROOF_DATES[reason], datetime.now(UTC)
    found = document.get("proof")
    for proof in found if isinstance(found, list) else [found]:
        when = moment_of(text_of(proof.get(name))) if isinstance(proof, dict) else None
        if when is not None and (when > now if name == "created" else when < now):
            return text_of(proof.get(name))
    return None


def _check_embedded(item: object, known: _Known) -> CredentialCheck:
    if not isinstance(item, dict) or "proof" not in item:
        return CredentialCheck("not_valid", "no_proof", kinds=types_of(item))
    return _check_document(item, known, embedded=False)


def _not_checked(item: object) -> CredentialCheck:
    """A credential a CLR holds beyond ``MAX_EMBEDDED``: described, its signature not checked."""
    check = _describe(item) if isinstance(item, dict) else CredentialCheck("not_valid")
    check.headline, check.problem, check.detail = "not_checked", "too_many_held", str(MAX_EMBEDDED)
    return check


def _embedded_credentials(document: dict) -> list:
    subject = document.get("credentialSubject")
    held = subject.get("verifiableCredential") if isinstance(subject, dict) else None
    return held if isinstance(held, list) else [] if held is None else [held]


def _public_key_for(method: str, known: _Known) -> bytes | None:
    """The raw Ed25519 key of ``method``: one of this deployment's keys, or the key a did:key names."""
    ours = known.keys.get(method)
    if ours is not None:
        return ours
    if method.startswith(DID_KEY):
        did, _, fragment = method.partition("#")
        encoded = did.removeprefix(DID_KEY)
        if fragment in ("", encoded):
            try:
                return multikey.decode_public(encoded)
            except ValueError:
                return None
    return None


def _issuer_problem(check: CredentialCheck, known: _Known) -> tuple[str, str | None] | None:
    """Whether the issuer the credential names is the one whose key signed it: this deployment's key for
    this deployment, and a did:key only for the issuer that is that very did:key."""
    issuer, method = check.issuer, check.signed_by or ""
    ours_named = issuer.id == issuing.issuer_id()
    ours_signed = method in known.keys
    if ours_signed and not ours_named:
        return "issuer_mismatch", issuer.id
    if ours_named and not ours_signed:
        return "not_our_signature", method
    if method.startswith(DID_KEY) and issuer.id != method.partition("#")[0]:
        return "not_issuers_key", issuer.id
    issuer.ours = ours_named and ours_signed
    issuer.did_key = method.startswith(DID_KEY)
    return None


def _date_problem(check: CredentialCheck) -> tuple[str, str] | None:
    """Whether the credential is outside its validity period now."""
    now = datetime.now(UTC)
    starts, ends = moment_of(check.valid_from), moment_of(check.valid_until)
    if starts is not None and starts > now:
        return "not_yet_valid", check.valid_from
    if ends is not None and ends < now:
        return "expired", check.valid_until
    return None


# -- what it says --


def _describe(document: dict) -> CredentialCheck:
    """What the credential says about itself, before anything is checked."""
    issuer = document.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {"id": issuer}
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    return CredentialCheck(
        "not_valid",
        kinds=[kind for kind in types_of(document) if kind != "VerifiableCredential"],
        name=text_of(document.get("name")),
        credential_id=text_of(document.get("id")),
        issuer=Issuer(text_of(issuer.get("id")), text_of(issuer.get("name"))),
        subject_id=text_of(subject.get("id")),
        identities=_identities(subject.get("identifier")),
        achievement=_achievement(subject.get("achievement")),
        valid_from=text_of(document.get("validFrom")),
        valid_until=text_of(document.get("validUntil")),
        portfolio=_portfolio(subject.get("achievement")) if "ClrCredential" in types_of(document) else None,
    )


def _identities(value: object) -> list[Identity]:
    found = []
    for item in (value if isinstance(value, list) else [value])[:20]:
        if isinstance(item, dict) and text_of(item.get("identityHash")):
            hashed = item.get("hashed") is True
            salt = text_of(item.get("salt"))
            found.append(Identity(text_of(item["identityHash"]), text_of(item.get("identityType")), hashed, salt))
    return found


def _achievement(value: object) -> Achievement | None:
    if not isinstance(value, dict):
        return None
    criteria = value.get("criteria")
    level = text_of(criteria.get("narrative")) if isinstance(criteria, dict) else None
    name, description = text_of(value.get("name")), text_of(value.get("description"))
    return Achievement(name, text_of(value.get("humanCode")), level, description)


# The figures ``clr.portfolio_achievement`` writes into the portfolio's description (in English, as issued).
_HOURS = re.compile(r"Clinical hours: (?P<hours>\d+(?:\.\d+)?)\.\s*")
_ENTRIES = re.compile(r"Journal entries: (?P<entries>\d+ \w+(?:, \d+ \w+)*)\.\s*")
_MET = re.compile(r"Credit requirements of the cohort: (?P<met>met|not met)\.\s*")


def _portfolio(value: object) -> Portfolio | None:
    """The portfolio achievement of a CLR's subject (``ext:Portfolio``, else the first achievement)."""
    found = [item for item in (value if isinstance(value, list) else [value])[:20] if isinstance(item, dict)]
    if not found:
        return None
    item = next((one for one in found if one.get("achievementType") == "ext:Portfolio"), found[0])
    criteria = item.get("criteria")
    portfolio = Portfolio(
        text_of(item.get("name")),
        text_of(item.get("humanCode")),
        text_of(item.get("id")),
        text_of(item.get("description")),
        text_of(criteria.get("narrative")) if isinstance(criteria, dict) else None,
    )
    _read_figures(portfolio)
    return portfolio


def _read_figures(portfolio: Portfolio) -> None:
    """Read hours, entries by kind and whether the requirements were met from the description, if all are there."""
    text = portfolio.description or ""
    hours, entries, met = _HOURS.search(text), _ENTRIES.search(text), _MET.search(text)
    if not (hours and entries and met):
        return
    portfolio.hours, portfolio.requirements_met = hours["hours"], met["met"] == "met"
    for part in entries["entries"].split(", "):
        number, _, kind = part.partition(" ")
        portfolio.entries[kind] = int(number)
    rest = text
    for found in (hours, entries, met):
        rest = rest.replace(found.group(0), "")
    portfolio.placement = rest.strip() or None


# -- status --


def _read_status(document: dict, check: CredentialCheck, known: _Known) -> None:
    """Set the status: read from the database for this deployment's list, "not_checked" for another."""
    entries = document.get("credentialStatus")
    entries = [entry for entry in (entries if isinstance(entries, list) else [entries]) if isinstance(entry, dict)]
    if not entries:
        return
    check.status = "not_checked"
    for entry in entries:
        index = text_of(entry.get("statusListIndex"))
        if entry.get("statusListCredential") != status_list.list_url() or not (index or "").isdigit():
            continue
        if int(index) in known.revoked:
            check.status, check.revoked_why = "revoked", _why_revoked(check.credential_id)
            return
        check.status = "active"


def _why_revoked(credential_id: str | None) -> str | None:
    """ "superseded" when a later approval replaced the badge's, "revoked" when its decision was undone
    or is gone, None for a credential this deployment has no record of."""
    uuid = (credential_id or "").removeprefix("urn:uuid:")
    issued = db.session.scalar(select(IssuedCredential).where(IssuedCredential.uuid == uuid[:36]))
    if issued is None:
        return None
    decision = db.session.get(Decision, issued.decision_id) if issued.decision_id else None
    if decision is None:
        return "revoked"
    request = decision.request
    later_approval = db.session.scalar(
        select(Decision.id)
        .join(SignOffRequest, SignOffRequest.id == Decision.request_id)
        .where(
            SignOffRequest.intern_id == request.intern_id,
            SignOffRequest.competency_id == request.competency_id,
            Decision.outcome == "approved",
            Decision.id > decision.id,
        )
        .limit(1)
    )
    return "superseded" if later_approval is not None else "revoked"


def email_matches(check: CredentialCheck, email: str) -> bool | None:
    """Whether ``email`` is the subject's, hashed with the credential's salt; None when the credential
    gives no hashed email address to compare with. The address is not kept."""
    hashes = [identity for identity in check.identities if identity.kind in (None, "emailAddress")]
    if not hashes:
        return None
    return any(identity_matches(identity.value, identity.salt, identity.hashed, email) for identity in hashes)
