"""Hostile credentials sent to ``/verify/credential``: huge, deeply nested, remote or importing contexts,
wrong types everywhere, JSON-LD bombs. Each answers 4xx (or 200 "Not valid"), never 5xx, stores nothing,
and never opens a connection (``socket.connect`` fails the test if anything tries).
"""

import io
import json
import socket

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from journal.credentials import untrusted
from tests.hostile import harness

PATH = "/verify/credential"
VC = "https://www.w3.org/ns/credentials/v2"
DID_KEY = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
PROOF = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-rdfc-2022",
    "created": "2026-01-01T00:00:00Z",
    "verificationMethod": f"{DID_KEY}#{DID_KEY.removeprefix('did:key:')}",
    "proofPurpose": "assertionMethod",
    "proofValue": "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme",
}


def _credential(**changes) -> dict:
    base = {
        "@context": [VC],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"},
        "proof": PROOF,
    }
    return {**base, **changes}


def _nested_scoped_contexts(levels: int) -> dict:
    """A term whose scoped context defines a term whose scoped context ... ``levels`` deep."""
    context: dict = {"@vocab": "https://example.org/"}
    for level in range(levels):
        context = {f"t{level}": {"@id": f"https://example.org/t{level}", "@context": context}}
    return context


def _twins(count: int) -> dict:
    """One unnamed node holding ``count`` unnamed nodes that look exactly alike: canonicalisation would try
    every ordering of them."""
    return _credential(
        credentialSubject={"https://example.org/p": [{"https://example.org/q": "x"}] * count},
        **{"@context": [VC, {"@vocab": "https://example.org/"}]},
    )


CASES = [
    ("5 MB body", b"{" + b" " * (5 * 1024 * 1024) + b"}", (413,)),
    ("just over 1 MB", json.dumps(_credential(name="x" * untrusted.MAX_BYTES)).encode(), (413,)),
    ("100,000-deep nesting", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, (422,)),
    ("100-deep nesting", json.dumps(_credential(name=json.loads('{"a":' * 100 + "1" + "}" * 100))).encode(), (422,)),
    (
        "unknown remote context",
        json.dumps(_credential(**{"@context": [VC, "https://evil.example/ctx"]})).encode(),
        (422,),
    ),
    ("relative context", json.dumps(_credential(**{"@context": [VC, "ctx.jsonld"]})).encode(), (422,)),
    (
        "@import of a remote context",
        json.dumps(_credential(**{"@context": [VC, {"@import": "https://evil.example/c"}]})).encode(),
        (422,),
    ),
    (
        "remote scoped context inside an inline one",
        json.dumps(
            _credential(
                **{"@context": [VC, {"x": {"@id": "https://e.example/x", "@context": "https://evil.example/s"}}]}
            )
        ).encode(),
        (422,),
    ),
    (
        "remote context deep inside",
        json.dumps(_credential(credentialSubject={"@context": "https://evil.example/n", "id": "did:x"})).encode(),
        (422,),
    ),
    ("context of the wrong type", json.dumps(_credential(**{"@context": [VC, 42]})).encode(), (422,)),
    ("proof a string", json.dumps(_credential(proof="signed, honest")).encode(), (422,)),
    ("proof a number", json.dumps(_credential(proof=7)).encode(), (422,)),
    ("proof a list of junk", json.dumps(_credential(proof=[1, "x", None, []])).encode(), (200, 422)),
    ("proof fields of wrong types", json.dumps(_credential(proof={k: [1] for k in PROOF})).encode(), (200, 422)),
    (
        "types wrong everywhere",
        json.dumps(_credential(type=5, issuer=[1], credentialSubject=3, validFrom=[], name={})).encode(),
        (200, 422),
    ),
    (
        "credential status of wrong types",
        json.dumps(_credential(credentialStatus=[1, {"statusListIndex": []}])).encode(),
        (200, 422),
    ),
    ("a JSON array", b"[1, 2, 3]", (422,)),
    ("huge array", json.dumps(_credential(name=list(range(200_000)))).encode(), (413, 422)),
    (
        "many nested scoped contexts",
        json.dumps(_credential(**{"@context": [VC, _nested_scoped_contexts(20)]})).encode(),
        (200, 422),
    ),
    (
        "many inline contexts",
        json.dumps(_credential(credentialSubject=[{"@context": {"a": "https://e.example/a"}, "a": 1}] * 50)).encode(),
        (422,),
    ),
    ("look-alike blank nodes", json.dumps(_twins(400)).encode(), (422,)),
    (
        "many statements",
        json.dumps(
            _credential(
                **{"@context": [VC, {"@vocab": "https://example.org/"}]},
                credentialSubject={"id": "did:s", "v": list(range(30_000))},
            )
        ).encode(),
        (413, 422),
    ),
    (
        "many long lists",
        json.dumps(
            _credential(credentialSubject={"id": "did:s", **{f"p{n}": list(range(400)) for n in range(5)}})
        ).encode(),
        (422,),
    ),
    ("not UTF-8", b"\xff\xfe{\x00}\x00", (422,)),
    ("a number too long", b'{"@context": 1' + b"1" * 5000 + b', "type": 1, "proof": 1}', (422,)),
]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(self, address):
        raise AssertionError(f"a connection was opened to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def _send(app, content: bytes, case: str, *, as_file: bool) -> harness.Outcome:
    client = harness.client_as(app, None)
    form = MultiDict()
    if as_file:
        form.add("file", FileStorage(io.BytesIO(content), filename="credential.json", content_type="application/json"))
    else:
        form.add("credential", content.decode("utf-8", "replace"))
    how = "file" if as_file else "pasted"
    boundary, body = encode_multipart(form)  # as the page's form sends it (in memory: see harness.post_form)

    def post():
        return client.post(PATH, data=body, content_type=f"multipart/form-data; boundary={boundary}")

    return harness.send(app, client, f"[{case}, {how}] POST {PATH}", post)


@pytest.mark.parametrize("as_file", [True, False], ids=["uploaded", "pasted"])
def test_hostile_credentials_are_refused_plainly_without_a_connection(app, no_network, as_file):
    for case, content, statuses in CASES:
        if not as_file and case == "not UTF-8":
            continue
        outcome = _send(app, content, case, as_file=as_file)
        harness.check_no_failure(outcome)
        assert outcome.status in statuses, f"{outcome.description}: {outcome.status}"
        assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
        assert harness.says_what_is_wrong(outcome.response), f"{outcome.description}: no message"
        page = outcome.response.get_data(as_text=True)
        if case.endswith("-deep nesting"):
            assert f"more than {untrusted.MAX_DEPTH} levels" in page, f"{outcome.description}: the limit is not named"
        if outcome.status == 413:
            assert "larger than 1 MB" in page, f"{outcome.description}: the page does not say the limit"
            assert "xxxxxxxxxx" not in page, f"{outcome.description}: the oversized text was given back"


def test_an_unknown_context_is_named_and_not_fetched(app, no_network):
    content = json.dumps(_credential(**{"@context": [VC, "https://evil.example/ctx"]})).encode()
    outcome = _send(app, content, "unknown context", as_file=False)
    page = outcome.response.get_data(as_text=True)
    assert "uses a context this service does not hold: https://evil.example/ctx (it was not fetched)" in page
    assert "evil.example" in page  # the pasted text is given back to correct


def test_graph_limits_refuse_look_alike_blank_nodes(app):
    with app.test_request_context(), pytest.raises(untrusted.Refused) as refused:
        untrusted.check_graph(_twins(untrusted.MAX_TWINS + 1))
    assert refused.value.code == "too_intricate"
