"""Every JSON endpoint, sent hostile documents, malformed JSON and the wrong content types.

The endpoints are those the access table marks as taking JSON, so a new one is fuzzed as soon as
it is listed there (its sample document mutated at random); a spec in JSON_SPECS adds what an
accepted document must have stored, or that the route stores nothing (a check that only answers).

For every request: never a 500 and no error logged; a refusal says what is wrong (a JSON
``error``, or the error page for a missing object) and changes nothing; an accepted document is
stored as sent.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.entries.drafts import DRAFT_FIELDS, MAX_DRAFT_CHARS
from tests.access_table import ROUTES
from tests.hostile import harness
from tests.hostile import values as hv
from tests.hostile.fuzzing import budget, sent_text, served_routes
from tests.test_every_route import USER_FOR_LEVEL

SERVED = served_routes()
JSON_ROUTES = sorted(key for key in SERVED if key in ROUTES and ROUTES[key].json is not None)

DEEP = 100_000
# Bodies no JSON encoder would write: truncated, non-standard numbers, nested past any stack,
# duplicated keys, other encodings, trailing data, NUL.
RAW_BODIES = [
    b"",
    b"{",
    b"[",
    b"null",
    b"NaN",
    b'{"kind": NaN}',
    b'{"kind": "ethics", "fields": {"title": Infinity}}',
    b"[" * DEEP + b"]" * DEEP,
    b'{"kind": "ethics", "fields": ' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}",
    b'{"kind": "ethics", "kind": "clinical", "fields": {}}',
    '{"kind": "ethics", "fields": {"title": "ü"}}'.encode("utf-16"),
    '{"kind": "ethics", "fields": {"title": "ü"}}'.encode("latin-1"),
    b'\xef\xbb\xbf{"kind": "ethics", "fields": {}}',
    b'{"kind": "ethics"}{"kind": "ethics"}',
    b'{"kind": "ethics", "fields": {"title": "\\ud800"}}',
    b'{"kind": "ethics", "fields": {"title": "a\\u0000b"}}',
    b"\x00\x00\x00",
    b'{"kind": "ethics", "fields": {"body": "' + b"x" * 1_100_000 + b'"}}',
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-16",
    "application/json; charset=latin-1",
    "application/vnd.api+json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    None,
]


@dataclass(frozen=True)
class JsonSpec:
    """What an accepted document stores: ``echo(document)`` maps names to the text that must be stored.
    ``saves`` False: the route only answers (200 and nothing stored is an acceptance, never a change)."""

    echo: Callable[[dict], dict[str, str]]
    examples: int = 30
    saves: bool = True


def _draft_echo(document: dict) -> dict[str, str]:
    """A saved draft keeps every known text field as sent."""
    fields = document.get("fields") if isinstance(document, dict) else None
    if not isinstance(fields, dict):
        return {}
    return {name: sent_text(value) for name, value in fields.items() if name in DRAFT_FIELDS and isinstance(value, str)}


JSON_SPECS = {
    ("entries.autosave", "POST"): JsonSpec(_draft_echo),
    # The identifier check of a form being typed: it answers with the marks and stores nothing.
    ("entries.check_identifiers", "POST"): JsonSpec(lambda document: {}, examples=15, saves=False),
}


def _mutations(sample: dict) -> st.SearchStrategy:
    """Documents near the sample: its keys dropped, replaced by any JSON value, or joined by others."""
    keys = sorted(sample)
    return st.builds(
        lambda dropped, replaced, added: {
            **{key: value for key, value in sample.items() if key not in dropped},
            **replaced,
            **added,
        },
        st.sets(st.sampled_from(keys)) if keys else st.just(set()),
        st.dictionaries(st.sampled_from(keys), hv.json_values()) if keys else st.just({}),
        st.dictionaries(st.text(max_size=10), hv.json_values(), max_size=2),
    )


def _draft_documents(context_values: dict) -> st.SearchStrategy:
    """Draft documents with hostile field values, for entries (new and existing) the intern may or may not edit."""
    field_names = st.sampled_from(sorted(DRAFT_FIELDS) + ["csrf_token", "author_id", ""])
    field_values = st.one_of(
        hv.hostile_text().filter(lambda text: len(text) <= MAX_DRAFT_CHARS),
        st.lists(st.sampled_from(hv.TEXT_POOL), max_size=3),
        hv.json_values(max_leaves=4),
    )
    entry_ids = st.one_of(
        st.none(),
        st.sampled_from([context_values["entry"], context_values["shared"], context_values["trashed"]]),
        hv.json_scalars(),
    )
    return st.fixed_dictionaries(
        {
            "kind": st.one_of(st.sampled_from(["ethics", "clinical", "cultural"]), hv.json_scalars()),
            "entry_id": entry_ids,
            "fields": st.one_of(st.dictionaries(field_names, field_values, max_size=5), hv.json_values(max_leaves=4)),
        }
    )


def _document(body: bytes):
    """The document a raw body decodes to as Python reads JSON (any UTF encoding, the last of
    duplicated keys), or None if it is not JSON."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def bodies(key, context_values: dict) -> st.SearchStrategy[tuple[bytes, str | None, dict]]:
    """(body, content type, the document when the body is one) to send."""
    sample = ROUTES[key].json
    documents = st.one_of(_mutations(sample), hv.json_values())
    if key == ("entries.autosave", "POST"):
        documents = st.one_of(_draft_documents(context_values), documents)
    as_json = documents.map(lambda doc: (json.dumps(doc).encode(), "application/json", doc))
    raw = st.builds(
        lambda body, content_type: (body, content_type, _document(body)),
        st.sampled_from(RAW_BODIES),
        st.sampled_from(CONTENT_TYPES),
    )
    relabelled = st.builds(
        lambda doc, content_type: (json.dumps(doc).encode(), content_type, doc),
        documents,
        st.sampled_from(CONTENT_TYPES),
    )
    return st.one_of(as_json, raw, relabelled)


def test_every_json_route_is_served():
    stale = sorted(set(JSON_SPECS) - SERVED)
    assert not stale, f"tests/hostile/test_json.py has specs for routes that no longer exist: {stale}"


@pytest.mark.parametrize("key", JSON_ROUTES, ids=lambda key: key[0])
def test_hostile_json(app, context, key):
    spec = JSON_SPECS.get(key, JsonSpec(lambda document: {}, examples=15))
    person = USER_FOR_LEVEL[ROUTES[key].level]
    user = context.people[person] if person else None
    path = ROUTES[key].path.format(**context.values)

    @settings(max_examples=budget(spec.examples))
    @given(sent=bodies(key, context.values))
    def send_hostile_json(sent):
        body, content_type, document = sent
        client = harness.client_as(app, user)
        headers = {"Content-Type": content_type} if content_type else {}
        shown = body[:60] + (f"…(len {len(body)})".encode() if len(body) > 60 else b"")
        outcome = harness.send(
            app, client, f"POST {path} {content_type} {shown!r}", lambda: client.post(path, data=body, headers=headers)
        )
        harness.check_no_failure(outcome)
        assert spec.saves or not outcome.changes, f"{outcome.description}: a route that only answers stored something"
        if outcome.changes:
            assert document is not None, f"{outcome.description}: stored a body that is not a JSON document"
            harness.check_acceptance(outcome, spec.echo(document))
            assert outcome.response.is_json, f"{outcome.description}: accepted, but the answer is not JSON"
        elif spec.saves or outcome.status >= 400:
            assert outcome.status >= 400, f"{outcome.description}: {outcome.status}, yet nothing was stored"
            harness.check_refusal(outcome, saves=True)
        else:
            assert outcome.response.is_json, f"{outcome.description}: answered, but not in JSON"

    send_hostile_json.hypothesis.inner_test._hypothesis_internal_add_digest = repr(key).encode()
    send_hostile_json()


@pytest.mark.parametrize("key", JSON_ROUTES, ids=lambda key: key[0])
def test_every_malformed_body_is_refused_plainly(app, context, key):
    """Each raw body once, as JSON, and the route's sample document under every content type."""
    person = USER_FOR_LEVEL[ROUTES[key].level]
    user = context.people[person] if person else None
    path = ROUTES[key].path.format(**context.values)
    sample = json.dumps(ROUTES[key].json).encode()
    saves = JSON_SPECS.get(key, JsonSpec(lambda document: {})).saves
    cases = [(body, "application/json") for body in RAW_BODIES] + [(sample, kind) for kind in CONTENT_TYPES]
    for body, content_type in cases:
        client = harness.client_as(app, user)
        headers = {"Content-Type": content_type} if content_type else {}
        outcome = harness.send(
            app,
            client,
            f"POST {path} {content_type} {body[:40]!r}",
            lambda c=client, b=body, h=headers: c.post(path, data=b, headers=h),
        )
        harness.check_no_failure(outcome)
        assert saves or not outcome.changes, f"{outcome.description}: a route that only answers stored something"
        if not outcome.changes and (saves or outcome.status >= 400):
            assert outcome.status >= 400, f"{outcome.description}: {outcome.status}, yet nothing was stored"
            harness.check_refusal(outcome, saves=True)
        elif not outcome.changes:
            assert outcome.response.is_json, f"{outcome.description}: answered, but not in JSON"
