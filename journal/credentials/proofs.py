"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite: sign a credential, verify one.

What is signed (W3C vc-di-eddsa, §3.3): the proof options (the proof without ``proofValue``, carrying
the document's ``@context``) and the document without its proof are each canonicalised with RDFC-1.0
(pyld's URDNA2015, which gives the same N-Quads) and hashed with SHA-256; the Ed25519 signature covers
``SHA256(proof options) ‖ SHA256(document)`` and is written as ``proofValue`` = ``z`` + base58btc.

Canonicalisation is strict and offline:

- contexts come only from ``loader.document_loader`` (never the network; an unknown URL fails);
- a property or type no context defines fails (``undefined_term``) instead of being dropped silently,
  so nothing can be added to a signed credential that the signature does not cover (JSON-LD's "safe
  mode", as the Digital Bazaar verifiers apply it);
- the blank-node hashing has a work limit (``too_complex``), so a crafted graph cannot keep a worker
  busy for minutes.

Canonicalising is fast because what the fixed contexts mean is worked out once per process: the
loader hands out the context files as immutable documents tagged for pyld's shared cache, and
``_ContextCache`` keeps every active context built only from those files (the document's
``[VC v2, OB 3.0]`` and each type-scoped context inside them), so a second credential reuses them
instead of building them again. Nothing a document brings along of its own (an inline context, an
unknown URL) is kept: such contexts are processed afresh every time, as before. The cache is bounded,
and its entries are what pyld would compute anyway, so no output byte changes.

``verify`` never raises on bad input: it answers a ``ProofCheck`` with a machine-readable reason. A
proof dated more than ``CLOCK_SKEW`` in the future, or past its own ``expires``, does not verify (Data
Integrity's optional ``expires``; a signature from the future is a forger's or a broken clock's). ``sign``
refuses a retired key: once rotated, a key never signs again.
"""

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cachetools import LRUCache
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from frozendict import frozendict
from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.identifier_issuer import IdentifierIssuer
from pyld.jsonld import DEFAULT_BASE_IRI, INITIAL_CONTEXTS, JsonLdProcessor, _is_absolute_iri

from journal.credentials import loader, multikey
from journal.credentials.keys import SigningKey
from journal.models.types import utc_stamp

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PURPOSE = "assertionMethod"
# Calls of RDFC-1.0's "hash N-degree quads" allowed for one document; credentials need a handful.
HASHING_BUDGET = 2000
# Active contexts kept by ``_ContextCache``: a credential needs a few dozen (one per type-scoped context).
CONTEXT_CACHE_SIZE = 512
# How far a proof's ``created`` may be ahead of this server's clock (the signer's clock may run fast).
CLOCK_SKEW = timedelta(minutes=5)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")

# The reasons ProofCheck gives, in its ``reason`` field.
REASONS = (
    "valid",  # every proof checked out
    "no_proof",  # the document carries no proof
    "malformed",  # not a JSON object, or a proof missing or mangling a field
    "unsupported_cryptosuite",  # a proof of another type or cryptosuite
    "wrong_purpose",  # a proof made for something else than issuing (proofPurpose)
    "created_in_future",  # a proof dated later than now (beyond CLOCK_SKEW)
    "proof_expired",  # a proof past its own ``expires``
    "unknown_key",  # the verification method is not a key the caller knows
    "unknown_context",  # an @context this app does not hold (never fetched)
    "undefined_term",  # a property or type no context defines (it would escape the signature)
    "too_complex",  # nesting or blank-node structure beyond what a credential needs
    "bad_signature",  # the signature does not match: the document or its proof was changed
)


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised; ``reason`` is one of ``REASONS``."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of ``verify``: ``valid``, the key named by the (first failing) proof, and why."""

    valid: bool
    verification_method: str | None
    reason: str


class _BoundedCanon(URDNA2015):
    """RDFC-1.0 that gives up once the N-degree hashing has been called ``HASHING_BUDGET`` times."""

    def __init__(self) -> None:
        super().__init__()
        self.budget = HASHING_BUDGET

    def hash_n_degree_quads(self, id_, issuer):
        self.budget -= 1
        if self.budget < 0:
            raise CanonicalizationError("too_complex", "The document's blank nodes take too long to canonicalise.")
        return super().hash_n_degree_quads(id_, issuer)


class _ContextCache:
    """Active contexts built from the fixed context files only, by what they were built from.

    pyld caches a processed context by the ``_uuid`` of the active context it was applied to, but gives
    every non-propagating (type-scoped) context a fresh copy with a fresh ``_uuid``, so in practice it
    builds the OB and VC type-scoped contexts again for every node of every credential. This cache keys
    a result by its recipe instead: the key of the context it started from (the initial one, or an
    earlier result of this cache, known by identity) and ``loader.fixed_context_key`` of the context
    applied. Only frozen results (pyld's finished contexts, which it never changes) are kept; a context
    that involves anything else is never looked up or stored. Thread-safe; bounded (least recently
    used out)."""

    def __init__(self, size: int = CONTEXT_CACHE_SIZE) -> None:
        self._lock = threading.Lock()
        self._results: LRUCache = LRUCache(maxsize=size)  # recipe -> active context
        self._recipes: LRUCache = LRUCache(maxsize=size)  # id(active context) -> (recipe, active context)

    def recipe_of(self, active_ctx) -> tuple | None:
        """The key of an active context: the initial context, or one this cache built; None otherwise."""
        for mode, initial in INITIAL_CONTEXTS.items():
            if active_ctx is initial:
                return ("initial", mode)
        with self._lock:
            found = self._recipes.get(id(active_ctx))
        return found[0] if found is not None and found[1] is active_ctx else None

    def get(self, recipe: tuple):
        with self._lock:
            return self._results.get(recipe)

    def put(self, recipe: tuple, active_ctx) -> None:
        with self._lock:
            self._results[recipe] = active_ctx
            self._recipes[id(active_ctx)] = (recipe, active_ctx)  # holds it: its id() is not reused meanwhile

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
            self._recipes.clear()


_contexts = _ContextCache()


class _Processor(JsonLdProcessor):
    """pyld's processor with ``_process_context`` answered from ``_contexts`` when it can be."""

    def _process_context(
        self,
        active_ctx,
        local_ctx,
        options,
        override_protected=False,
        propagate=True,
        validate_scoped=True,
        cycles=None,
    ):
        applied = loader.fixed_context_key(local_ctx)
        start = _contexts.recipe_of(active_ctx) if applied is not None else None
        if start is None:
            return super()._process_context(
                active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
            )
        recipe = (start, applied, override_protected, propagate, validate_scoped, options.get("base", ""))
        found = _contexts.get(recipe)
        if found is not None:
            return found
        result = super()._process_context(
            active_ctx, local_ctx, options, override_protected, propagate, validate_scoped, cycles
        )
        if isinstance(result, frozendict):
            _contexts.put(recipe, result)
        return result


def clear_caches() -> None:
    """Forget every context worked out so far (ours and pyld's shared cache): for tests that count loads."""
    _contexts.clear()
    jsonld._resolved_context_cache.clear()


def _undefined(term: str | None) -> None:
    raise CanonicalizationError("undefined_term", f"The term {term!r} is not defined by the document's contexts.")


def _check_identifiers(node) -> None:
    """Every ``@type`` and ``@id`` in expanded JSON-LD is an absolute IRI or a blank node of the document's
    own: pyld quietly resolves a relative one (an undefined type, say) against a made-up base
    (``DEFAULT_BASE_IRI``), where JSON-LD's safe mode, and the verifiers that use it, refuse it."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@type", "@id") and "@value" not in item:
                    for name in value if isinstance(value, list) else [value]:
                        if not _is_identifier(name):
                            _undefined(name if isinstance(name, str) else None)
                elif isinstance(value, (list, dict)):
                    stack.append(value)


def _is_identifier(name) -> bool:
    if not isinstance(name, str) or name.startswith(DEFAULT_BASE_IRI):
        return False
    return name.startswith("_:") or bool(_ABSOLUTE_IRI.fullmatch(name))


def _cause(error: BaseException) -> BaseException:
    """The first error in ``error``'s chain that says why (pyld wraps a loader's error in its own)."""
    seen = error
    while seen is not None:
        if isinstance(seen, (loader.UnknownDocument, CanonicalizationError, RecursionError)):
            return seen
        seen = getattr(seen, "cause", None) or seen.__cause__ or seen.__context__
    return error


def canonicalize(document: dict) -> str:
    """The RDFC-1.0 canonical N-Quads of ``document``, strictly and offline (see the module docstring).

    Raises ``CanonicalizationError`` (its ``reason``: ``unknown_context``, ``undefined_term``,
    ``too_complex`` or ``malformed``)."""
    options = {"documentLoader": loader.document_loader, "base": "", "processingMode": "json-ld-1.1"}
    try:
        processor = _Processor(on_property_dropped=_undefined)
        expanded = processor.expand(document, dict(options))
        _check_identifiers(expanded)
        dataset = _dataset(processor, expanded, {**options, "produceGeneralizedRdf": False})
        return _BoundedCanon().main(dataset, {"format": "application/n-quads"})
    except Exception as error:  # pyld raises many kinds; each becomes one reason
        cause = _cause(error)
        if isinstance(cause, CanonicalizationError):
            raise cause from error
        if isinstance(cause, loader.UnknownDocument):
            raise CanonicalizationError("unknown_context", str(cause)) from error
        if isinstance(cause, RecursionError):
            raise CanonicalizationError("too_complex", "The document is nested too deeply.") from error
        raise CanonicalizationError("malformed", "The document is not valid JSON-LD.") from error


def _dataset(processor: JsonLdProcessor, expanded: list, options: dict) -> dict:
    """The RDF dataset of an expanded document: the steps of pyld's ``to_rdf`` after its expansion, which
    would only expand the expanded form once more (the same output, a quarter of the work)."""
    issuer = IdentifierIssuer("_:b")
    node_map: dict = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    return {
        name: processor._graph_to_rdf(graph, issuer, options)
        for name, graph in sorted(node_map.items())
        if name == "@default" or _is_absolute_iri(name)
    }


def hash_data(document: dict, proof_options: dict) -> bytes:
    """``SHA256(canonical proof options) ‖ SHA256(canonical document)``: the 64 bytes that are signed."""
    proof_hash = hashlib.sha256(canonicalize(proof_options).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonicalize(document).encode("utf-8")).digest()
    return proof_hash + document_hash


def sign(document: dict, key: SigningKey, *, created: datetime) -> dict:
    """A copy of ``document`` with ``proof: [DataIntegrityProof]`` signed by ``key`` (eddsa-rdfc-2022).

    Raises ``ValueError`` if the document already has a proof, and ``CanonicalizationError`` (a
    ValueError) if it cannot be canonicalised (an unknown context or an undefined term, for example)."""
    if "proof" in document:
        raise ValueError("The document already carries a proof.")
    if key.retired_at is not None:
        raise ValueError("The key was retired when a newer one was made: it verifies but never signs again.")
    options = {
        "@context": document.get("@context"),
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": utc_stamp(created),
        "verificationMethod": key.id,
        "proofPurpose": PURPOSE,
    }
    signature = key.private_key.sign(hash_data(document, options))
    proof = {name: value for name, value in options.items() if name != "@context"}
    proof["proofValue"] = multikey.encode_base58btc(signature)
    return {**document, "proof": [proof]}


def verify(document: dict, public_key_for: Callable[[str], bytes | None]) -> ProofCheck:
    """Check every proof of ``document``; valid only if there is at least one and all are valid.

    ``public_key_for(verification_method)`` gives the raw Ed25519 public key, or None for a key the
    caller does not accept. Never raises on bad input (see ``REASONS``)."""
    if not isinstance(document, dict):
        return ProofCheck(False, None, "malformed")
    proofs = document.get("proof")
    if proofs is None or proofs == []:
        return ProofCheck(False, None, "no_proof")
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        try:
            check = _verify_one(unsigned, proof, public_key_for)
        except Exception:  # anything unforeseen in hostile input is a malformed proof, never a 500
            method = proof.get("verificationMethod") if isinstance(proof, dict) else None
            check = ProofCheck(False, method if isinstance(method, str) else None, "malformed")
        if not check.valid:
            return check
    return check


def _verify_one(unsigned: dict, proof, public_key_for: Callable[[str], bytes | None]) -> ProofCheck:
    """Check one proof over ``unsigned`` (the document without its proofs)."""
    if not isinstance(proof, dict):
        return ProofCheck(False, None, "malformed")
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) else None
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofCheck(False, method, "unsupported_cryptosuite")
    if proof.get("proofPurpose") != PURPOSE:
        return ProofCheck(False, method, "wrong_purpose")
    created = proof.get("created")
    if method is None or not isinstance(created, str) or not _DATETIME.fullmatch(created):
        return ProofCheck(False, method, "malformed")
    dated = _dates_problem(created, proof.get("expires", None))
    if dated is not None:
        return ProofCheck(False, method, dated)
    try:
        signature = multikey.decode_base58btc(proof.get("proofValue"))
    except ValueError:
        return ProofCheck(False, method, "malformed")
    if len(signature) != 64:
        return ProofCheck(False, method, "malformed")
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    context = unsigned.get("@context")
    if "@context" in options and not _starts_with(context, options["@context"]):
        return ProofCheck(False, method, "malformed")
    options["@context"] = context
    public_key = public_key_for(method)
    if public_key is None:
        return ProofCheck(False, method, "unknown_key")
    try:
        message = hash_data(unsigned, options)
    except CanonicalizationError as error:
        return ProofCheck(False, method, error.reason)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except InvalidSignature:
        return ProofCheck(False, method, "bad_signature")
    except ValueError:
        return ProofCheck(False, method, "unknown_key")  # not a 32-byte Ed25519 key
    return ProofCheck(True, method, "valid")


def _dates_problem(created: str, expires: object) -> str | None:
    """Why the proof's dates rule it out now (``created`` in the future, ``expires`` past), or None."""
    now = datetime.now(UTC)
    if _moment(created) > now + CLOCK_SKEW:
        return "created_in_future"
    if expires is None:
        return None
    if not isinstance(expires, str) or not _DATETIME.fullmatch(expires):
        return "malformed"
    return "proof_expired" if _moment(expires) <= now else None


def _moment(stamp: str) -> datetime:
    """A date-time stamp that matched ``_DATETIME`` as an aware UTC datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)


def _starts_with(context, prefix) -> bool:
    """Whether the document's ``@context`` begins with the proof's (Data Integrity's rule for a proof that
    names its own context)."""
    whole = context if isinstance(context, list) else [context]
    head = prefix if isinstance(prefix, list) else [prefix]
    return whole[: len(head)] == head
