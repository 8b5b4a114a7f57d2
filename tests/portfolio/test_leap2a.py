"""A submission as Leap2A: its frozen entries and comments only, read by the same people as its PDF and JSON,
audited like them, and offered on the submission's page."""

import io
import json
import zipfile
from datetime import datetime
from urllib.parse import unquote

import feedparser
from lxml import etree
from sqlalchemy import select, update

from journal.models import AuditEvent, Competency, Entry, SignOffRequest
from tests.html import one
from tests.portfolio.conftest import FELLOW_COMMENT, PRIVATE_MARKER, log_in

ATOM = "http://www.w3.org/2005/Atom"
NS = {
    "a": ATOM,
    "x": "http://www.w3.org/1999/xhtml",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "leap2": "http://terms.leapspecs.org/",
}


def _leap2a(client, submission) -> bytes:
    response = client.get(f"/submissions/{submission.id}/portfolio-leap2a.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert f"portfolio-{submission.code.lower()}-leap2a.zip" in unquote(response.headers["Content-Disposition"])
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.namelist() == ["leap2a.xml"]
    return archive.read("leap2a.xml")


def _entries_of_type(root, resource: str) -> list:
    rdf = f"{{{NS['rdf']}}}resource"
    return [e for e in root.iterfind("a:entry", NS) if e.find("rdf:type", NS).get(rdf) == resource]


def test_the_reviewer_gets_the_frozen_entries_and_comments_only(client, auth, portfolio, submitted, query, make):
    # Changed after submission: the file still holds the entry as submitted.
    query(
        lambda s: (
            s.execute(update(Entry).where(Entry.id == portfolio.clinical.id).values(title="Renamed later")),
            s.commit(),
        )
    )
    make.comment(portfolio.clinical, portfolio.supervisor, body="Written after the submission")
    log_in(auth, portfolio.reviewer)
    xml = _leap2a(client, submitted)
    root = etree.fromstring(xml)
    assert root.findtext("leap2:version", namespaces=NS) == "http://www.leapspecs.org/2010-07/2A/"
    assert root.findtext("a:author/a:name", namespaces=NS) == "Amira Haddad"
    [journal] = _entries_of_type(root, "leap2:selection")
    assert journal.findtext("a:title", namespaces=NS) == f"Moshi spring cohort — portfolio {submitted.code}"
    assert journal.find("a:category", NS).attrib == {"term": "Blog", "scheme": "categories:selection_type#"}
    posts = {p.findtext("a:title", namespaces=NS): p for p in _entries_of_type(root, "leap2:entry")}
    assert set(posts) == {"Malaria in a pregnant woman", "Greeting the elders", "Consent through an interpreter"}
    assert [link.get("href") for link in journal.iterfind("a:link[@rel='leap2:has_part']", NS)] == [
        p.findtext("a:id", namespaces=NS) for p in _entries_of_type(root, "leap2:entry")
    ]
    for absent in (PRIVATE_MARKER.encode(), b"Renamed later", b"Written after the submission", FELLOW_COMMENT.encode()):
        assert absent not in xml
    clinical = posts["Malaria in a pregnant woman"]
    assert clinical.findtext("a:published", namespaces=NS) == f"{portfolio.clinical.occurred_on}T12:00:00+00:00"
    assert [c.get("term") for c in clinical.iterfind("a:category", NS) if c.get("scheme") is None] == ["malaria"]
    facts = clinical.find("a:content/x:div/x:dl", NS)
    assert facts.xpath("x:dd/text()", namespaces=NS) == [
        "Clinical observation",
        "Ward",
        "Obstetrics",
        "Observed",
        "3.5",
    ]
    comment = clinical.find("a:content/x:div/x:div[@class='comment']", NS)
    assert comment.findtext("x:p/x:strong", namespaces=NS) == "Dr Joseph Mwangi"
    assert not root.xpath("//a:link[@rel='enclosure']", namespaces=NS)
    feed = feedparser.parse(xml)
    assert not feed.bozo and len(feed.entries) == 4 + 3  # the journal, three posts, three competencies


def test_the_download_is_audited_and_offered_on_the_submission_page(client, auth, portfolio, submitted, query):
    log_in(auth, portfolio.supervisor)
    page = client.get(f"/submissions/{submitted.id}").get_data(as_text=True)
    link = one(page, "main a", containing="Leap2A")
    assert link.get_text(strip=True) == "Download for Mahara (Leap2A)"
    assert link["href"] == f"/submissions/{submitted.id}/portfolio-leap2a.zip"
    _leap2a(client, submitted)
    formats = query(
        lambda s: s.scalars(
            select(AuditEvent.details).where(
                AuditEvent.action == "portfolio.downloaded", AuditEvent.actor_id == portfolio.supervisor.id
            )
        ).all()
    )
    assert {"format": "leap2a", "code": submitted.code} in formats


def test_a_reviewer_of_another_cohort_gets_404(client, auth, portfolio, submitted):
    log_in(auth, portfolio.other_reviewer)
    assert client.get(f"/submissions/{submitted.id}/portfolio-leap2a.zip").status_code == 404


def _facts(entry) -> dict[str, str]:
    listing = entry.find("a:content/x:div/x:dl", NS)
    return dict(
        zip(listing.xpath("x:dt/text()", namespaces=NS), listing.xpath("x:dd/text()", namespaces=NS), strict=True)
    )


def test_the_frozen_competency_record_is_one_ability_each_in_the_pdf_s_words(client, auth, portfolio, make, query):
    c1, c2, c3 = portfolio.competencies
    make.signoff(portfolio.intern, portfolio.cohort, c2.id, status="pending", level=2)
    make.evidence(portfolio.clinical, c1.id)  # live evidence: the document does not record it
    submission = make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    # Changed after submission: the file still says what was submitted.
    query(
        lambda s: (
            s.execute(update(Competency).where(Competency.id == c1.id).values(title="Renamed competency")),
            s.execute(update(SignOffRequest).where(SignOffRequest.competency_id == c2.id).values(status="approved")),
            s.commit(),
        )
    )
    log_in(auth, portfolio.reviewer)
    xml = _leap2a(client, submission)
    root = etree.fromstring(xml)
    abilities = _entries_of_type(root, "leap2:ability")
    assert [a.findtext("a:title", namespaces=NS) for a in abilities] == [
        "C1 — Competency 1",
        "C2 — Competency 2",
        "C3 — Competency 3",
    ]
    assert b"Renamed competency" not in xml
    signed_at = json.loads(submission.document)["competencies"][0]["signed_off_at"]
    day = datetime.fromisoformat(signed_at.replace("Z", "+00:00"))
    assert _facts(abilities[0]) == {
        "Domain": "Clinical skills",
        "Required": "3",
        "State": "Level 3 · Acts with indirect supervision ✓",
        "Signed off by": "Dr Joseph Mwangi",
        "On": f"{day.day} {day:%b %Y}",
    }
    assert _facts(abilities[1]) == {"Domain": "Clinical skills", "Required": "3", "State": "Sign-off requested"}
    assert _facts(abilities[2])["State"] == "Not started"
    ids = [a.findtext("a:id", namespaces=NS) for a in abilities]
    assert all(i.startswith(f"tag:localhost,2026:submission/{submission.code}/competency/") for i in ids)
    assert len(set(ids)) == 3
    # The document does not say which entries were evidence: no link is made up, either way.
    assert not root.xpath("//a:link[@rel='leap2:is_evidence_of' or @rel='leap2:has_evidence']", namespaces=NS)
    for post in _entries_of_type(root, "leap2:entry"):
        assert "Evidence for" not in _facts(post)


def test_a_portfolio_without_a_framework_has_no_abilities(client, auth, make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort, title="Alone", visibility="supervisors")
    submission = make.submission(intern, cohort, [entry])
    log_in(auth, intern)
    root = etree.fromstring(_leap2a(client, submission))
    assert json.loads(submission.document)["competencies"] == []
    assert not _entries_of_type(root, "leap2:ability")
    assert len(_entries_of_type(root, "leap2:entry")) == 1
