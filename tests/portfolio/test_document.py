"""The frozen JSON document: its schema, its one byte form, its content."""

import hashlib
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from journal.models import AuditEvent
from journal.portfolio.codes import normalize_code
from journal.portfolio.snapshot import canonical_bytes
from tests.portfolio.conftest import MULTI_SCRIPT, log_in

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "journal" / "portfolio" / "schema" / "portfolio-1.0.schema.json"


@pytest.fixture
def schema():
    found = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(found)
    return found


def _download_json(client, submission):
    response = client.get(f"/submissions/{submission.id}/portfolio.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert f"portfolio-{submission.code}.json" in response.headers["Content-Disposition"]
    return response.data


def test_the_export_validates_against_the_published_schema(client, auth, portfolio, submitted, schema):
    published = client.get("/schema/portfolio-1.0.schema.json")
    assert published.status_code == 200 and published.mimetype == "application/schema+json"
    assert json.loads(published.data) == schema
    log_in(auth, portfolio.intern)
    document = json.loads(_download_json(client, submitted))
    errors = sorted(Draft202012Validator(schema).iter_errors(document), key=str)
    assert not errors, [e.message for e in errors]


def test_the_schema_refuses_a_document_that_breaks_it(schema, submitted):
    document = json.loads(submitted.document)
    validator = Draft202012Validator(schema)
    for broken in (
        {**document, "schema_version": "2.0"},
        {**document, "surprise": True},
        {**document, "entries": [{**document["entries"][0], "kind": "poem"}]},
        {**document, "submission": {**document["submission"], "code": "not a code"}},
    ):
        assert not validator.is_valid(broken)


def test_re_exporting_gives_the_same_bytes_and_hash(client, auth, portfolio, submitted):
    log_in(auth, portfolio.reviewer)
    first, second = _download_json(client, submitted), _download_json(client, submitted)
    assert first == second == submitted.document.encode("utf-8")
    assert hashlib.sha256(first).hexdigest() == submitted.sha256
    # The canonical form is a fixed point: parsing and writing again gives the very same bytes.
    assert canonical_bytes(json.loads(first)) == first
    assert first.endswith(b"}\n") and first.startswith(b'{\n  "cohort": {')


def test_the_document_holds_the_record_the_issue_asks_for(submitted, portfolio):
    document = json.loads(submitted.document)
    assert document["schema_version"] == "1.0"
    assert normalize_code(document["submission"]["code"]) == submitted.code
    assert document["intern"] == {"name": "Amira Haddad", "email": portfolio.intern.email}
    assert document["cohort"]["supervisors"] == ["Dr Joseph Mwangi"]
    summary = document["summary"]
    # Hours and counts cover every live entry (the unselected private one too); its text never goes in.
    assert summary["entries_by_kind"] == {"clinical": 2, "cultural": 1, "ethics": 1}
    assert summary["clinical_hours"] == "5.5"
    assert summary["entries_selected"] == 3
    assert {"name": "Ward", "hours": "3.5"} in summary["hours_by_setting"]
    first = document["competencies"][0]
    assert (first["code"], first["state"], first["level"], first["met"]) == ("C1", "signed_off", 3, True)
    assert first["signed_off_by"] == "Dr Joseph Mwangi" and first["signed_off_at"].endswith("Z")
    assert [c["state"] for c in document["competencies"][1:]] == ["not_started", "not_started"]
    clinical = document["entries"][0]
    assert clinical["details"] == {
        "setting": "ward",
        "specialty": "Obstetrics",
        "involvement": "observed",
        "hours": "3.5",
    }
    assert MULTI_SCRIPT in clinical["body"]
    assert clinical["comments"][0]["role"] == "supervisor"
    requirements = document["requirements"]
    assert requirements["met"] is False
    assert requirements["competencies"] == ["C1", "C2", "C3"]
    assert any(line.startswith("C2 Competency 2: needs level 3") for line in requirements["missing"])


def test_every_download_is_audited_without_content(client, auth, portfolio, submitted, query):
    log_in(auth, portfolio.reviewer)
    _download_json(client, submitted)
    client.get(f"/submissions/{submitted.id}/portfolio.pdf")
    events = query(
        lambda s: s.scalars(
            select(AuditEvent).where(AuditEvent.action == "portfolio.downloaded").order_by(AuditEvent.id)
        ).all()
    )
    assert [(e.actor_id, e.object_id, e.details["format"]) for e in events] == [
        (portfolio.reviewer.id, submitted.id, "json"),
        (portfolio.reviewer.id, submitted.id, "pdf"),
    ]
    assert all(e.cohort_id == portfolio.cohort.id and "Malaria" not in str(e.details) for e in events)
