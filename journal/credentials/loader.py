"""The only JSON-LD document loader the credentials code uses: offline, from files and the app's own documents.

Signing and verifying a credential expands its ``@context`` URLs into JSON-LD contexts. A loader that
fetched them would let whoever uploads a credential make the server send requests of their choosing
(and let a changed context on the network change what a signature means). So every known context is
a file in ``contexts/`` (copied unchanged, see ``contexts/README.md``), the issuer's own documents
are registered by ``issuer.py``, and any other URL raises ``UnknownDocument``: never a network request.

pyld's own default loader (which would fetch with ``requests`` or ``aiohttp`` if they were installed)
is replaced by this one on import, so a call that forgets ``documentLoader`` still cannot fetch.

Speed: each context file is parsed once per process into an immutable document (``frozendict`` and
``FrozenList``), handed out as that same object every time and tagged ``static``, so pyld keeps what it
resolved from it in its shared cache instead of asking again on every call. Being the same objects
every time also lets ``proofs`` recognise the contexts nested in them by identity (``fixed_context_key``)
without serialising them. The app's own documents are neither frozen nor tagged: they change when a
key is rotated.
"""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from frozendict import frozendict
from pyld import jsonld

CONTEXTS = Path(__file__).resolve().parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
VC_EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_V3P0_2 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CLR_V2P0 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

# Context URL -> file in contexts/ (sources and licences in contexts/README.md).
CONTEXT_FILES: dict[str, str] = {
    VC_V2: "credentials-v2.jsonld",
    VC_EXAMPLES_V2: "credentials-examples-v2.jsonld",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
    OB_V3P0: "ob-context-3.0.3.json",
    OB_V3P0_2: "ob-context-3.0.2.json",
    OB_EXTENSIONS: "ob-extensions.json",
    CLR_V2P0: "clr-context-2.0.1.json",
}

# Documents the app itself publishes (the issuer profile), by URL without fragment: a function that
# builds the current document, registered by ``issuer.py``.
_app_documents: list[Callable[[str], dict | None]] = []


class UnknownDocument(Exception):
    """A JSON-LD document was asked for that is neither a known context nor one of the app's own."""

    def __init__(self, url: str):
        super().__init__(f"The document {url!r} is not one this app knows; it is never fetched.")
        self.url = url


class FrozenList(list):
    """A JSON array that cannot be changed: pyld needs a ``list``, the cached contexts must not change."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("A context file's document cannot be changed.")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __deepcopy__(self, memo):  # a copy is as immutable as the original, so it can be the original
        return self


def _freeze(value):
    """A parsed JSON value made immutable all the way down: objects become ``frozendict``s, arrays ``FrozenList``s."""
    if isinstance(value, dict):
        return frozendict((name, _freeze(item)) for name, item in value.items())
    if isinstance(value, list):
        return FrozenList(_freeze(item) for item in value)
    return value


@cache
def _context_file(name: str) -> frozendict:
    """A context file, parsed once per process into an immutable document (shared by every caller)."""
    return _freeze(json.loads((CONTEXTS / name).read_text(encoding="utf-8")))


@cache
def _nested_contexts() -> dict[int, tuple[str, tuple]]:
    """Every JSON object or array under an ``@context`` key in the context files, by ``id()``: which file
    and where. The documents live as long as the process (``_context_file`` keeps them), so an ``id()``
    here always names the same object."""
    found: dict[int, tuple[str, tuple]] = {}

    def walk(url: str, node, path: tuple, under_context: bool) -> None:
        if under_context and isinstance(node, (dict, list)):
            found[id(node)] = (url, path)
        if isinstance(node, dict):
            for name, item in node.items():
                walk(url, item, (*path, name), name == "@context")
        elif isinstance(node, list):
            for n, item in enumerate(node):
                walk(url, item, (*path, n), under_context)

    for url, name in CONTEXT_FILES.items():
        walk(url, _context_file(name), (), False)
    return found


def fixed_context_key(context) -> tuple | None:
    """A short, stable key for ``context`` if it comes wholly from the context files: a mapped URL, a context
    object of one of those files (recognised by identity, never by content, so a look-alike a document
    brings along is not one), or a list of such; None for anything else."""
    if isinstance(context, str):
        return ("url", context) if context in CONTEXT_FILES else None
    if isinstance(context, (dict, list)):
        where = _nested_contexts().get(id(context))
        if where is not None:
            return ("file", *where)
    if isinstance(context, list) and not isinstance(context, FrozenList):
        keys = tuple(fixed_context_key(item) for item in context)
        return None if None in keys else ("list", keys)
    return None


def register_app_documents(resolver: Callable[[str], dict | None]) -> None:
    """Let ``resolver(url)`` answer for URLs the app publishes: it returns the document, or None if the
    URL is not one of its own. Registering the same function twice has no further effect."""
    if resolver not in _app_documents:
        _app_documents.append(resolver)


def known_document(url: str) -> dict:
    """The parsed document at ``url``: a context file's is immutable and shared, the app's own a fresh one.
    Raises ``UnknownDocument``."""
    if not isinstance(url, str):
        raise UnknownDocument(repr(url))
    name = CONTEXT_FILES.get(url)
    if name is not None:
        return _context_file(name)
    bare = url.split("#", 1)[0]
    for resolver in _app_documents:
        document = resolver(bare)
        if document is not None:
            return document
    raise UnknownDocument(url)


def document_loader(url: str, options: dict | None = None) -> dict:
    """pyld's document loader shape: ``{"contextUrl": None, "documentUrl": url, "document": ...}``.

    A context file's answer is tagged ``static`` (pyld then caches what it resolves from it for the
    process). Raises ``UnknownDocument`` for any URL outside the map and the app's own documents; never
    opens a connection."""
    remote = {"contextUrl": None, "documentUrl": url, "document": known_document(url)}
    if url in CONTEXT_FILES:
        remote["tag"] = "static"
    return remote


jsonld.set_document_loader(document_loader)
