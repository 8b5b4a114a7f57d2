"""Hostile CASE 1.1 packages sent to the framework import page: each is refused with a clear 4xx that says
what is wrong, nothing is stored (every row of every table compared before and after), and none costs
more than a moment: a package with 50,000 items is refused before the schema is even consulted.
"""

import io
import json

import pytest
from werkzeug.datastructures import FileStorage, MultiDict

from journal.competencies.case import importing
from tests.hostile import harness

DOCUMENT = {
    "identifier": "d0000000-0000-0000-0000-000000000000",
    "uri": "https://example.org/doc",
    "creator": "Tests",
    "title": "Hostile",
    "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
}
A, B = "10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002"


def _item(identifier: str, code: str) -> dict:
    return {
        "identifier": identifier,
        "uri": f"https://example.org/{identifier}",
        "fullStatement": f"Statement {code}",
        "humanCodingScheme": code,
        "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
    }


def _child_of(number: int, child: str, parent: str) -> dict:
    return {
        "identifier": f"20000000-0000-4000-8000-{number:012d}",
        "uri": f"https://example.org/a{number}",
        "associationType": "isChildOf",
        "originNodeURI": {"title": "x", "identifier": child, "uri": "https://example.org/x"},
        "destinationNodeURI": {"title": "x", "identifier": parent, "uri": "https://example.org/x"},
        "lastChangeDateTime": "2024-05-01T09:30:00+00:00",
    }


def _package(items: list, associations: list) -> bytes:
    return json.dumps({"CFDocument": DOCUMENT, "CFItems": items, "CFAssociations": associations}).encode()


ITEMS = [_item(A, "A1"), _item(B, "B1")]
UNDER_DOCUMENT = [_child_of(1, A, DOCUMENT["identifier"]), _child_of(2, B, A)]

# (case, file bytes, what the page must say)
CASES = [
    ("nested 10,000 deep", b'{"CFDocument": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested too deeply"),
    (
        "nested deeper than a package needs",
        json.dumps({"CFDocument": DOCUMENT, "extensions": json.loads("[" * 200 + "]" * 200)}).encode(),
        "nested too deeply",
    ),
    ("isChildOf 2-cycle", _package(ITEMS, [_child_of(1, A, B), _child_of(2, B, A)]), "isChildOf makes a loop"),
    ("isChildOf self-loop", _package(ITEMS, [*UNDER_DOCUMENT, _child_of(3, B, B)]), "B1 → B1"),
    ("50,000 items", _package([{}] * 50_000, []), "the package has 50,000 items"),
    ("25,000 associations", _package(ITEMS, [{}] * 25_000), "the package has 25,000 associations"),
    ("a long list elsewhere", json.dumps({"CFDocument": DOCUMENT, "CFRubrics": [{}] * 30_000}).encode(), "30,000"),
    ("duplicate item identifiers", _package([ITEMS[0], ITEMS[0]], UNDER_DOCUMENT), "is already used by $.CFItems[0]"),
    (
        "duplicate association identifiers",
        _package(ITEMS, [UNDER_DOCUMENT[0], {**UNDER_DOCUMENT[1], "identifier": UNDER_DOCUMENT[0]["identifier"]}]),
        "is already used by $.CFAssociations[0]",
    ),
    (
        "isChildOf an unknown node",
        _package(ITEMS, [UNDER_DOCUMENT[0], _child_of(2, B, "30000000-0000-4000-8000-000000000000")]),
        "neither the document nor an item",
    ),
    ("not JSON", b'{"CFDocument": {', "not valid JSON"),
    ("a JSON array", json.dumps([{"CFDocument": DOCUMENT}]).encode(), "one JSON object"),
    ("an empty object", b"{}", "one JSON object"),
    ("wrong types", json.dumps({"CFDocument": [], "CFItems": "many", "CFAssociations": 3}).encode(), "$.CFItems"),
    ("a document without its fields", b'{"CFDocument": {}}', "the field “identifier” is missing"),
    ("no competencies", _package([], []), "no competencies"),
    ("NUL and an astral plane in a code", _package([_item(A, "A\u0000\U0001d451")], UNDER_DOCUMENT[:1]), "A𝑑"),
]


@pytest.fixture
def coordinator(make):
    return make.admin()


@pytest.fixture
def schema_checks(monkeypatch) -> list:
    """Each package the schema was asked to check (the real check still runs)."""
    checked = []

    def counting(document):
        checked.append(document)
        return validate(document)

    validate = importing.validate_package
    monkeypatch.setattr(importing, "validate_package", counting)
    return checked


def _send(app, user, content: bytes, case: str, how: str) -> harness.Outcome:
    client = harness.client_as(app, user)
    form = MultiDict({"name": "", "description": ""})
    if how == "upload":
        form.add("upload", FileStorage(io.BytesIO(content), filename="package.json", content_type="application/json"))
    else:
        form.add("pasted", content.decode())
    path = "/cohorts/frameworks/import"
    return harness.send(app, client, f"[{case}, {how}] POST {path}", lambda: harness.post_form(client, path, form))


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_hostile_packages_are_refused_and_change_nothing(app, coordinator, how):
    for case, content, says in CASES:
        if how == "paste" and len(content) > 500_000:
            continue  # past the box's limit, which has its own message; the upload carries it
        outcome = _send(app, coordinator, content, case, how)
        harness.check_no_failure(outcome)
        assert 400 <= outcome.status < 500, f"{outcome.description}: {outcome.status}"
        assert not outcome.changes, f"{outcome.description}: stored {sorted(outcome.changes)}"
        assert harness.says_what_is_wrong(outcome.response), f"{outcome.description}: no error shown"
        page = outcome.response.get_data(as_text=True)
        assert says in page, f"{outcome.description}: no {says!r} in the page"


def test_fifty_thousand_items_are_refused_before_the_schema_is_consulted(app, coordinator, schema_checks):
    outcome = _send(app, coordinator, _package([{}] * 50_000, []), "50,000 items", "upload")
    assert outcome.status == 422
    assert "the package has 50,000 items; the most a framework can have is 2,000" in outcome.response.get_data(
        as_text=True
    )
    assert schema_checks == []
    _send(app, coordinator, _package(ITEMS, [_child_of(1, A, B), _child_of(2, B, A)]), "a loop", "upload")
    assert len(schema_checks) == 1  # the counting works: a package of normal size is checked
