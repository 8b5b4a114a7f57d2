"""CLR 2.0 for submitted portfolios: what it holds (the badges as issued, the portfolio's frozen figures),
that it verifies, that its embedded badges validate, and who downloads it."""

import hashlib
import json

import pytest
from sqlalchemy import func, select

from journal.credentials import badges, clr, keys, proofs
from journal.extensions import db
from journal.models import Entry, IssuedCredential, Submission, User
from tests.conftest import log_in_as
from tests.credentials.issued import (
    PRIVATE_TITLE,
    PRIVATE_WORD,
    SHARED_TITLE,
    issue_badge,
    issue_examples,
    submit,
)


@pytest.fixture
def world(app, world):
    """The conftest's scene with the intern's submitted portfolio (verified by Node at the end, as there)."""
    world.submission = submit(app, world).id
    return world


def _clr(app, submission_id: int) -> dict:
    with app.test_request_context():
        found = clr.clr_for(db.session.get(Submission, submission_id))
        db.session.commit()
        return json.loads(found.document)


def test_a_clr_holds_badges_issued_for_it_and_the_portfolio(app, world):
    with app.test_request_context():
        own = issue_badge(world.approved)  # the intern's own badge: not the one the CLR holds
    record = _clr(app, world.submission)
    assert record["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    subject = record["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    embedded = subject["verifiableCredential"]
    assert len(embedded) == 2  # both approved sign-offs of the frozen record
    assert own["id"] not in {credential["id"] for credential in embedded}
    assert own["credentialSubject"]["achievement"] == embedded[0]["credentialSubject"]["achievement"]
    with app.test_request_context():
        submission = db.session.get(Submission, world.submission)
        assert record["validFrom"] == submission.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = db.session.scalars(select(IssuedCredential).order_by(IssuedCredential.id)).all()
        assert [(row.kind, row.for_submission_id) for row in rows] == [
            ("badge", None),
            ("badge", world.submission),
            ("badge", world.submission),
            ("clr", None),
        ]
        assert len({row.status_index for row in rows[:3]}) == 3
        stored = {f"urn:uuid:{row.uuid}": row.document for row in rows}
        for credential in embedded:
            assert json.loads(stored[credential["id"]]) == credential  # embedded exactly as issued
            assert badges.schema_errors(credential) == []
            assert proofs.verify(credential, keys.public_keys().get).valid
        assert proofs.verify(record, keys.public_keys().get).valid
    (portfolio,) = subject["achievement"]
    assert portfolio["id"] == submission.verify_url
    assert "Clinical hours:" in portfolio["description"]
    assert "Credit requirements of the cohort:" in portfolio["description"]
    targets = {association["targetId"] for association in subject["association"]}
    assert targets == {credential["credentialSubject"]["achievement"]["id"] for credential in embedded}
    assert {association["associationType"] for association in subject["association"]} == {"isParentOf"}


def test_the_clrs_badges_name_the_submitted_evidence_with_its_frozen_title(app, world):
    with app.app_context():
        db.session.get(Entry, world.shared).title = "Renamed after submitting"
        db.session.commit()
    record = _clr(app, world.submission)
    for badge in record["credentialSubject"]["verifiableCredential"]:
        assert badge["evidence"] == [
            {"id": f"http://localhost/entries/{world.shared}", "type": ["Evidence"], "name": SHARED_TITLE}
        ]
    assert "Renamed after submitting" not in json.dumps(record, ensure_ascii=False)


def test_the_criteria_are_written_in_plain_english(app, world):
    (portfolio,) = _clr(app, world.submission)["credentialSubject"]["achievement"]
    narrative = portfolio["criteria"]["narrative"]
    with app.app_context():
        requirements = json.loads(db.session.get(Submission, world.submission).document)["requirements"]
    assert narrative.startswith("At least ")
    assert "{" not in narrative and "'" not in narrative
    minimum = requirements["minimum_entries"]
    if minimum.get("clinical"):
        assert f"{minimum['clinical']} clinical observation" in narrative
    assert "competencies signed off: " in narrative


def test_the_clr_subject_is_the_hashed_email_and_no_private_text(app, world):
    record = _clr(app, world.submission)
    text = json.dumps(record, ensure_ascii=False)
    (identity,) = record["credentialSubject"]["identifier"]
    expected = hashlib.sha256(("ana.intern@example.org" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert "ana.intern@example.org" not in text.lower()
    assert PRIVATE_TITLE not in text and PRIVATE_WORD not in text


def test_a_changed_byte_breaks_the_clr(app, world):
    record = _clr(app, world.submission)
    record["credentialSubject"]["achievement"][0]["description"] += " (changed)"
    with app.test_request_context():
        assert not proofs.verify(record, keys.public_keys().get).valid


@pytest.mark.parametrize("person", ["intern", "supervisor", "reviewer"])
def test_the_intern_and_the_cohorts_readers_download_the_same_clr(app, client, world, make, query, person):
    cohort = query(lambda s: s.get(Submission, world.submission).cohort)
    users = {
        "intern": query(lambda s: s.get(User, world.intern)),
        "supervisor": query(lambda s: s.get(User, world.supervisor)),
        "reviewer": make.member(cohort, "reviewer"),
    }
    log_in_as(client, users[person])
    first = client.get(f"/submissions/{world.submission}/clr.json")
    assert first.status_code == 200
    assert first.mimetype == "application/json"
    assert "attachment" in first.headers["Content-Disposition"]
    assert client.get(f"/submissions/{world.submission}/clr.json").data == first.data
    page = client.get(f"/submissions/{world.submission}").get_data(as_text=True)
    assert "Download CLR 2.0" in page


def test_issue_examples_gives_one_of_each(app):
    found = issue_examples(app)
    assert set(found) == {"badge", "revoked_badge", "clr", "status_list"}
    assert found["revoked_badge"] in found["clr"]["credentialSubject"]["verifiableCredential"]
    assert found["status_list"]["credentialSubject"]["statusPurpose"] == "revocation"


def test_a_reviewer_gets_no_title_of_an_entry_the_intern_did_not_submit(app, client, world, make, query):
    """The intern's own badge, issued before, names an entry shared with supervisors but left out of the
    portfolio; the CLR, which reviewers download, names neither its title nor its address."""
    cohort = query(lambda s: s.get(Submission, world.submission).cohort)
    other = make.entry(
        query(lambda s: s.get(User, world.intern)), cohort, visibility="supervisors", title="Not in my portfolio"
    )
    make.evidence(other, world.competencies[0])
    with app.test_request_context():
        own = json.dumps(issue_badge(world.approved), ensure_ascii=False)
    assert "Not in my portfolio" in own and f"/entries/{other.id}" in own
    reviewer = make.member(cohort, "reviewer")
    log_in_as(client, reviewer)
    text = client.get(f"/submissions/{world.submission}/clr.json").get_data(as_text=True)
    assert "verifiableCredential" in text
    assert "Not in my portfolio" not in text
    assert f'/entries/{other.id}"' not in text
    assert f'/entries/{world.private}"' not in text
    assert PRIVATE_TITLE not in text
    assert SHARED_TITLE in text  # the one entry the intern submitted


def test_a_portfolio_without_any_sign_off_gets_no_clr(app, client, make, query):
    """CLR 2.0 asks for at least one credential in ``verifiableCredential``: none is issued, in plain words."""
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    make.framework(cohort)
    entry = make.entry(intern, cohort, visibility="supervisors")
    submission = make.submission(intern, cohort, [entry])
    log_in_as(client, intern)
    response = client.get(f"/submissions/{submission.id}/clr.json", follow_redirects=True)
    assert response.request.path == f"/submissions/{submission.id}"
    assert "No competency was signed off when this portfolio was submitted" in response.get_data(as_text=True)
    assert query(lambda s: s.scalar(select(func.count()).select_from(IssuedCredential))) == 0


def test_the_reviewers_portfolio_list_links_the_clr_and_the_leap2a_file(app, client, world, make, query):
    cohort = query(lambda s: s.get(Submission, world.submission).cohort)
    log_in_as(client, make.member(cohort, "reviewer"))
    page = client.get(f"/portfolio/{world.cohort}/submissions").get_data(as_text=True)
    assert f'href="/submissions/{world.submission}/clr.json"' in page
    assert f'href="/submissions/{world.submission}/portfolio-leap2a.zip"' in page
    assert client.get(f"/submissions/{world.submission}/clr.json").status_code == 200
