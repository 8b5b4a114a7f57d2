"""Limits on a credential sent by a stranger, checked before its JSON-LD is processed and while it is.

``/verify`` reads credentials anyone may upload. JSON-LD processing does work the document asks for:
it loads the contexts the document names, expands every term through them, and canonicalisation
(RDFC-1.0) can take time exponential in the number of blank nodes that look alike. So a credential is
held to limits a real one never reaches, and refused with a reason when it passes one:

- its size (``MAX_BYTES``) and JSON shape (``MAX_DEPTH`` levels, ``MAX_VALUES`` values, arrays within
  ``MAX_ARRAY_WORK``, at most ``MAX_INLINE_CONTEXTS`` inline contexts);
- every context named by URL, at any depth (scoped contexts and ``@import`` included), is one of the
  contexts held as files (``loader.CONTEXT_FILES``): nothing is ever fetched;
- its RDF (``MAX_QUADS`` statements, ``MAX_BLANK_NODES`` blank nodes, and no blank node related to more
  than ``MAX_TWINS`` blank nodes that look alike, whose orderings canonicalisation would try).

Canonicalisation itself then runs on a work limit of its own (``proofs.HASHING_BUDGET``).
"""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator

from pyld import jsonld

from journal.credentials import loader

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 48
MAX_VALUES = 20_000
# JSON-LD processing compares each item of an array with those before it: the sum of the squares of the
# arrays' lengths bounds that work (one array of 500 items, or many shorter).
MAX_ARRAY_WORK = 250_000
MAX_INLINE_CONTEXTS = 16
MAX_QUADS = 20_000
MAX_BLANK_NODES = 2_000
MAX_TWINS = 6


class Refused(ValueError):
    """The document cannot be checked. ``code`` says why (see ``checking.REASONS``); ``detail`` is the
    context URL or the limit passed, where there is one."""

    def __init__(self, code: str, detail: str | int | None = None):
        super().__init__(f"{code}: {detail}" if detail is not None else code)
        self.code = code
        self.detail = detail


# -- the JSON shape --


def check_shape(document: object) -> None:
    """Refuse a document deeper than ``MAX_DEPTH``, with more than ``MAX_VALUES`` values, or arrays past
    ``MAX_ARRAY_WORK``; walks without recursion. Raises ``Refused``."""
    pending: list[tuple[object, int]] = [(document, 1)]
    values = array_work = 0
    while pending:
        value, depth = pending.pop()
        values += 1
        if depth > MAX_DEPTH:
            raise Refused("too_deep", MAX_DEPTH)
        if values > MAX_VALUES:
            raise Refused("too_many_values", MAX_VALUES)
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            array_work += len(value) ** 2
            if array_work > MAX_ARRAY_WORK:
                raise Refused("arrays_too_long", int(MAX_ARRAY_WORK**0.5))
            pending.extend((item, depth + 1) for item in value)


def _objects(document: object) -> Iterator[dict]:
    """Every JSON object in the document (the document has passed ``check_shape``)."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            yield value
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)


def _check_reference(url: object) -> None:
    if not isinstance(url, str):
        raise Refused("bad_context")
    if url not in loader.CONTEXT_FILES:
        raise Refused("unknown_context", url[:300])


def _check_context(value: object, counted: list[int]) -> None:
    """A ``@context`` value: URLs held offline, inline objects whose own references are, or null."""
    for item in value if isinstance(value, list) else [value]:
        if item is None:
            continue
        if not isinstance(item, dict):
            _check_reference(item)
            continue
        counted[0] += 1
        if counted[0] > MAX_INLINE_CONTEXTS:
            raise Refused("too_many_contexts", MAX_INLINE_CONTEXTS)
        if "@import" in item:
            _check_reference(item["@import"])
        for definition in item.values():
            if isinstance(definition, dict) and "@context" in definition:
                _check_context(definition["@context"], counted)  # a scoped context


def check_contexts(document: object) -> None:
    """Refuse any context this service does not hold, at any depth. Raises ``Refused``."""
    counted = [0]
    for node in _objects(document):
        if "@context" in node:
            _check_context(node["@context"], counted)


def unknown_document(error: BaseException) -> str | None:
    """The URL of the unknown document behind a pyld error (pyld wraps the loader's), if that is the cause."""
    seen = 0
    cause: BaseException | None = error
    while cause is not None and seen < 20:
        if isinstance(cause, loader.UnknownDocument):
            return cause.url
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return None


# -- the RDF --


def _term_key(term: dict, blank: str) -> tuple:
    """A term of a quad for the first-degree comparison: ``blank`` is "a", other blank nodes "z"."""
    if term.get("type") == "blank node":
        return ("blank", "a" if term["value"] == blank else "z")
    return (term.get("type"), term.get("value"), term.get("datatype"), term.get("language"))


def _blank_ids(quad: dict, graph: str) -> set[str]:
    terms = [quad["subject"], quad["object"]]
    ids = {term["value"] for term in terms if term.get("type") == "blank node"}
    if graph.startswith("_:"):
        ids.add(graph)
    return ids


def check_graph(document: dict) -> None:
    """Refuse RDF too large, or too symmetrical, to canonicalise in reasonable time. Raises ``Refused``
    (and lets pyld's own errors, and ``loader.UnknownDocument`` inside them, through)."""
    dataset = jsonld.to_rdf(document, {"documentLoader": loader.document_loader})
    quads = [(quad, graph) for graph, items in dataset.items() for quad in items]
    if len(quads) > MAX_QUADS:
        raise Refused("too_many_quads", MAX_QUADS)
    mentions: dict[str, list[int]] = defaultdict(list)
    for number, (quad, graph) in enumerate(quads):
        for blank in _blank_ids(quad, graph):
            mentions[blank].append(number)
    if len(mentions) > MAX_BLANK_NODES:
        raise Refused("too_many_blank_nodes", MAX_BLANK_NODES)
    looks = {blank: _first_degree(blank, [quads[n] for n in numbers]) for blank, numbers in mentions.items()}
    for blank, numbers in mentions.items():
        related = {other for n in numbers for other in _blank_ids(*quads[n]) if other != blank}
        alike = Counter(looks[other] for other in related)
        if alike and max(alike.values()) > MAX_TWINS:
            raise Refused("too_intricate", MAX_TWINS)


def _first_degree(blank: str, quads: list[tuple[dict, str]]) -> str:
    """What a blank node looks like from its own statements alone (RDFC-1.0's first-degree hash, in kind)."""
    keys = sorted(
        repr(
            (
                _term_key(quad["subject"], blank),
                quad["predicate"].get("value"),
                _term_key(quad["object"], blank),
                ("blank", "a" if graph == blank else "z") if graph.startswith("_:") else graph,
            )
        )
        for quad, graph in quads
    )
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()
