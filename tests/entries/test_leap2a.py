"""“Download my journal” as Leap2A: a zip Mahara imports, read back with lxml and with feedparser, compared
element by element with a real Mahara export, holding the intern's own journal (private entries and
unsaved drafts too) and nothing of anyone else's, in a constant number of statements."""

import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from lxml import etree
from sqlalchemy import select, update

from journal.competencies import frameworks
from journal.framework_words.translations import COMPETENCIES
from journal.models import AuditEvent, Cohort, Comment, Competency, Decision, Draft, SignOffRequest
from tests.conftest import log_in_as
from tests.html import one

FIXTURES = Path(__file__).parent.parent / "fixtures" / "leap2a"
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {
    "a": ATOM,
    "x": XHTML,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "leap2": "http://terms.leapspecs.org/",
}
HOSTILE = (
    "Before <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n"
    "[click](javascript:alert(3)) <a href='#' onclick='alert(4)'>x</a> \x0b vertical tab\n\n"
    + ">" * 15
    + " deep quote\n\n"
    + ">" * 500  # deeper than the renderer goes: its text is lost on the entry page too, but nothing breaks
    + " deeper"
)


def _add_draft(query, user, cohort, key: str, content: dict, entry_id=None) -> None:
    def add(session):
        session.add(Draft(user_id=user.id, cohort_id=cohort.id, entry_id=entry_id, key=key, content=content))
        session.commit()

    query(add)


@pytest.fixture
def world(make, auth, query):
    """An intern in Nairobi (UTC+3, logged in) with a shared clinical entry (commented on, replied to,
    evidence for C1), a private ethics entry, a cultural entry, one in the trash, a new entry begun and
    not saved and an unsaved edit; another intern of the cohort with a private and a shared entry."""
    cohort = make.cohort(name="Moshi spring", start=date(2026, 3, 1))
    intern = make.member(cohort, "intern", name="Amira Haddad", timezone="Africa/Nairobi")
    supervisor = make.member(cohort, "supervisor", name="Dr Joseph Mwangi")
    other = make.member(cohort, "intern", name="Lukas Becker")
    c1, _c2 = make.framework(cohort, competencies=2).competencies
    ward = make.entry(
        intern,
        cohort,
        title="Ward round",
        body="We saw **twelve** children.\n\n- malaria\n- pneumonia",
        visibility="supervisors",
        occurred_on=date(2026, 3, 4),
        created_at=datetime(2026, 3, 4, 6, 15, tzinfo=UTC),
        updated_at=datetime(2026, 3, 5, 8, 0, tzinfo=UTC),
        tags=("malaria", "ward-round"),
        setting="ward",
        specialty="Paediatrics",
        involvement="assisted",
        hours=Decimal("2.5"),
    )
    first = make.comment(ward, supervisor, body="Good round.\nAsk the interpreter next time.")
    make.comment(ward, intern, body="Thank you, I will.", parent=first)
    make.evidence(ward, c1.id)
    make.entry(
        intern, cohort, kind="ethics", title="Private night", occurred_on=date(2026, 3, 5), principles=["consent"]
    )
    make.entry(intern, cohort, kind="cultural", title="Market day", occurred_on=date(2026, 3, 6), theme="language")
    trashed = make.entry(intern, cohort, title="In the bin", deleted=True)
    make.entry(other, cohort, title="Lukas private night")
    make.entry(other, cohort, title="Lukas shared clinic", visibility="cohort")
    new_draft = {"title": "Half written", "body": "At the *market*", "tags": "food, #Family", "theme": "family"}
    _add_draft(query, intern, cohort, f"new-{cohort.id}-cultural", {**new_draft, "occurred_on": "2026-03-07"})
    _add_draft(query, intern, cohort, f"entry-{ward.id}", {"title": "Unsaved edit of the round"}, ward.id)
    _add_draft(query, other, cohort, f"new-{cohort.id}-clinical", {"title": "Lukas draft"})
    auth.login(intern.email)
    return cohort, intern, ward, trashed


def _download(client, cohort) -> tuple[bytes, zipfile.ZipFile]:
    response = client.get(f"/journal/{cohort.id}/export/leap2a")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    disposition = unquote(response.headers["Content-Disposition"])
    assert f"journal-moshi-spring-{date.today():%Y-%m-%d}-leap2a.zip" in disposition
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return archive.read("leap2a.xml"), archive


def _posts(root) -> dict[str, etree._Element]:
    return {
        e.findtext("a:title", namespaces=NS): e
        for e in root.iterfind("a:entry", NS)
        if e.find("rdf:type", NS).get(f"{{{NS['rdf']}}}resource") == "leap2:entry"
    }


def _of_type(root, resource: str) -> list[etree._Element]:
    return [
        e for e in root.iterfind("a:entry", NS) if e.find("rdf:type", NS).get(f"{{{NS['rdf']}}}resource") == resource
    ]


def _facts(post) -> dict[str, str]:
    listing = post.find("a:content/x:div/x:dl", NS)
    return dict(
        zip(listing.xpath("x:dt/text()", namespaces=NS), listing.xpath("x:dd/text()", namespaces=NS), strict=True)
    )


def test_the_zip_holds_leap2a_xml_at_its_root_with_everything_mahara_requires(client, world):
    cohort, *_ = world
    xml, archive = _download(client, cohort)
    assert archive.namelist() == ["leap2a.xml"]  # the app keeps no files with entries: nothing under files/
    root = etree.fromstring(xml)
    # Mahara reads a content as XHTML only when the div declaring the namespace opens it, nothing before.
    opening = b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
    assert len(_of_type(root, "leap2:entry")) == 4
    assert xml.count(opening) == len(_of_type(root, "leap2:entry")) + len(_of_type(root, "leap2:ability"))
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert root.tag == f"{{{ATOM}}}feed"
    assert {p: root.nsmap[p] for p in ("rdf", "leap2", "categories")} == {
        "rdf": NS["rdf"],
        "leap2": "http://terms.leapspecs.org/",
        "categories": "http://wiki.leapspecs.org/2A/categories/",
    }
    assert root.nsmap[None] == ATOM
    assert root.findtext("leap2:version", namespaces=NS) == "http://www.leapspecs.org/2010-07/2A/"
    for name in ("id", "title", "updated"):
        assert root.findtext(f"a:{name}", namespaces=NS)
    assert root.findtext("a:author/a:name", namespaces=NS) == "Amira Haddad"

    [journal] = _of_type(root, "leap2:selection")
    assert journal.findtext("a:title", namespaces=NS) == "Moshi spring — placement journal"
    assert "Host hospital" in journal.findtext("a:content", namespaces=NS)
    blog = journal.findall("a:category", NS)
    assert [(c.get("term"), c.get("scheme")) for c in blog] == [("Blog", "categories:selection_type#")]
    posts = _of_type(root, "leap2:entry")
    post_ids = [p.findtext("a:id", namespaces=NS) for p in posts]
    assert [link.get("href") for link in journal.iterfind("a:link[@rel='leap2:has_part']", NS)] == post_ids
    assert all(i.startswith("tag:localhost,2026:") for i in post_ids) and len(set(post_ids)) == len(post_ids)
    journal_id = journal.findtext("a:id", namespaces=NS)
    for post in posts:
        for name in ("id", "title", "published", "updated"):
            assert post.findtext(f"a:{name}", namespaces=NS), name
        content = post.find("a:content", NS)
        assert content.get("type") == "xhtml" and content.text is None
        assert [child.tag for child in content] == [f"{{{XHTML}}}div"]
        assert [link.get("href") for link in post.iterfind("a:link[@rel='leap2:is_part_of']", NS)] == [journal_id]
    # Never an enclosure on a post (Mahara would drop the whole journal).
    assert not root.xpath("//a:entry[rdf:type/@rdf:resource='leap2:entry']/a:link[@rel='enclosure']", namespaces=NS)


def _shape(entry) -> set[str]:
    """The element names an entry is made of, Mahara's own extensions left aside."""
    return {
        etree.QName(child).localname
        for child in entry
        if not etree.QName(child).namespace.startswith("https://wiki.mahara")
    }


def test_the_structure_matches_a_real_mahara_export_element_by_element(client, world):
    cohort, *_ = world
    ours = etree.fromstring(_download(client, cohort)[0])
    mahara = etree.parse(str(FIXTURES / "mahara-export-example.xml")).getroot()
    assert {p for p in ours.nsmap if p} <= set(mahara.nsmap)  # the same prefixes, no other
    assert ours.nsmap[None] == mahara.nsmap[None]
    assert {etree.QName(c).localname for c in ours} <= {etree.QName(c).localname for c in mahara}
    assert etree.QName(ours[0]).localname == etree.QName(mahara[0]).localname == "version"
    assert ours[0].text == mahara[0].text

    def blog(root):
        return next(e for e in _of_type(root, "leap2:selection") if e.find("a:category[@term='Blog']", NS) is not None)

    theirs_blog, our_blog = blog(mahara), blog(ours)
    assert _shape(our_blog) <= _shape(theirs_blog) | {"content"}
    for root, journal in ((mahara, theirs_blog), (ours, our_blog)):
        category = journal.find("a:category[@term='Blog']", NS)
        assert category.get("scheme") == "categories:selection_type#"
        parts = [link.get("href") for link in journal.iterfind("a:link[@rel='leap2:has_part']", NS)]
        assert parts == [p.findtext("a:id", namespaces=NS) for p in _of_type(root, "leap2:entry")]

    their_post = _posts(mahara)["Entry 002"]
    for post in _posts(ours).values():
        assert _shape(post) <= _shape(their_post), _shape(post) - _shape(their_post)
        for name in ("title", "id", "updated", "published", "content", "type", "link"):
            assert name in _shape(post)
        type_ = post.find("rdf:type", NS)
        assert type_.attrib == their_post.find("rdf:type", NS).attrib
        assert post.find("a:content", NS).attrib == their_post.find("a:content", NS).attrib
        # Tags are categories without a scheme, as Mahara writes them.
        for category in post.iterfind("a:category", NS):
            assert set(category.attrib) <= {"term", "scheme", "label"}


def test_feedparser_reads_the_titles_dates_and_tags(client, world):
    cohort, *_ = world
    feed = feedparser.parse(_download(client, cohort)[0])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Moshi spring — placement journal"
    assert feed.feed.author_detail.name == "Amira Haddad"
    by_title = {entry.title: entry for entry in feed.entries}
    assert {"Ward round", "Private night", "Market day", "Half written"} <= set(by_title)
    ward = by_title["Ward round"]
    assert ward.published == "2026-03-04T09:15:00+03:00"
    assert ward.published_parsed[:5] == (2026, 3, 4, 6, 15)  # feedparser gives UTC
    assert ward.updated_parsed[:4] == (2026, 3, 5, 8)
    assert [tag.term for tag in ward.tags if not tag.scheme] == ["malaria", "ward-round"]
    assert "twelve" in ward.content[0].value


def test_titles_dates_kind_fields_comments_and_drafts_round_trip(client, world):
    cohort, *_ = world
    posts = _posts(etree.fromstring(_download(client, cohort)[0]))
    ward = posts["Ward round"]
    # Published: the day it happened at the time of day it was written, in the intern's zone.
    assert ward.findtext("a:published", namespaces=NS) == "2026-03-04T09:15:00+03:00"
    assert ward.findtext("a:updated", namespaces=NS) == "2026-03-05T08:00:00+00:00"
    tags = [c.get("term") for c in ward.iterfind("a:category", NS) if c.get("scheme") is None]
    assert tags == ["malaria", "ward-round"]
    [kind] = [c for c in ward.iterfind("a:category", NS) if c.get("scheme")]
    assert (kind.get("term"), kind.get("label")) == ("clinical", "Clinical observation")
    assert not kind.get("scheme").startswith("categories:")  # no Leap2A scheme fits, so our own
    assert _facts(ward) == {
        "Kind": "Clinical observation",
        "Setting": "Ward",
        "Specialty": "Paediatrics",
        "Involvement": "Assisted",
        "Hours": "2.5",
        "Evidence for": "C1 — Competency 1",
    }
    div = ward.find("a:content/x:div", NS)
    assert div.xpath("string(x:p/x:strong)", namespaces=NS) == "twelve"
    assert div.xpath("x:ul/x:li/text()", namespaces=NS) == ["malaria", "pneumonia"]
    comments = div.findall("x:div[@class='comment']", NS)
    assert [c.findtext("x:p/x:strong", namespaces=NS) for c in comments] == ["Dr Joseph Mwangi", "Amira Haddad"]
    assert "(Africa/Nairobi)" in comments[0].xpath("string(x:p[1])", namespaces=NS)
    assert comments[0].xpath("x:p[2]/text()", namespaces=NS) == ["Good round.", "Ask the interpreter next time."]
    assert _facts(posts["Private night"]) == {"Kind": "Ethics note", "Principles at stake": "Informed consent"}
    assert _facts(posts["Market day"])["Theme"] == "Language and communication"
    for title in ("Ward round", "Private night", "Market day"):
        assert posts[title].find("a:category[@term='Unready']", NS) is None

    draft = posts["Half written"]
    unready = draft.find("a:category[@term='Unready']", NS)
    assert unready is not None and unready.get("scheme") == "categories:readiness#"
    assert draft.findtext("a:published", namespaces=NS).startswith("2026-03-07T")
    assert [c.get("term") for c in draft.iterfind("a:category", NS) if c.get("scheme") is None] == ["food", "family"]
    assert _facts(draft)["Theme"] == "Family and decision-making"
    assert draft.xpath("string(a:content/x:div/x:p/x:em)", namespaces=NS) == "market"


def test_the_intern_s_own_private_entries_are_in_and_nobody_else_s_nor_the_trash(client, world):
    cohort, *_ = world
    xml, _archive = _download(client, cohort)
    titles = set(_posts(etree.fromstring(xml)))
    assert titles == {"Ward round", "Private night", "Market day", "Half written"}
    for absent in (b"Lukas", b"In the bin", b"Unsaved edit of the round"):
        assert absent not in xml


def _ability_facts(ability) -> dict[str, str]:
    listing = ability.find("a:content/x:div/x:dl", NS)
    if listing is None:
        return {}
    return dict(
        zip(listing.xpath("x:dt/text()", namespaces=NS), listing.xpath("x:dd/text()", namespaces=NS), strict=True)
    )


def test_competencies_are_abilities_linked_both_ways(client, world):
    cohort, *_ = world
    root = etree.fromstring(_download(client, cohort)[0])
    [ability] = _of_type(root, "leap2:ability")
    assert ability.findtext("a:title", namespaces=NS) == "C1 — Competency 1"
    assert ability.find("a:content", NS).get("type") == "xhtml"
    assert ability.findtext("a:content/x:div/x:p", namespaces=NS) == "What competency 1 asks for"
    assert _ability_facts(ability) == {}  # never asked for: nothing said about a sign-off
    ward = _posts(root)["Ward round"]
    ability_id, ward_id = ability.findtext("a:id", namespaces=NS), ward.findtext("a:id", namespaces=NS)
    assert [link.get("href") for link in ward.iterfind("a:link[@rel='leap2:is_evidence_of']", NS)] == [ability_id]
    assert [link.get("href") for link in ability.iterfind("a:link[@rel='leap2:has_evidence']", NS)] == [ward_id]
    assert not _posts(root)["Market day"].findall("a:link[@rel='leap2:is_evidence_of']", NS)


def _competencies(query, cohort) -> list[Competency]:
    """The competencies of the cohort's framework, C1 and C2."""

    def of_cohort(session):
        framework_id = session.get(Cohort, cohort.id).framework_id
        return session.scalars(
            select(Competency).where(Competency.framework_id == framework_id).order_by(Competency.code)
        ).all()

    return query(of_cohort)


def _decided_on(query, request_id: int, moment: datetime) -> None:
    def date_it(session):
        session.execute(update(Decision).where(Decision.request_id == request_id).values(created_at=moment))
        session.execute(update(SignOffRequest).where(SignOffRequest.id == request_id).values(created_at=moment))
        session.commit()

    query(date_it)


def test_each_ability_says_how_its_sign_off_stands_from_the_intern_s_record(client, make, world, query):
    cohort, intern, ward, _trashed = world
    supervisor = make.member(cohort, "supervisor", name="Dr Grace Otieno")
    c1, c2 = _competencies(query, cohort)
    clinic = make.entry(intern, cohort, title="Clinic day")
    make.evidence(clinic, c2.id)
    approved = make.signoff(intern, cohort, c1.id, level=3, status="approved", supervisor=supervisor)
    # 22:30 UTC is the next morning in Nairobi: the day is the intern's.
    _decided_on(query, approved.id, datetime(2026, 3, 5, 22, 30, tzinfo=UTC))
    waiting = make.signoff(intern, cohort, c2.id, level=2, status="pending")
    _decided_on(query, waiting.id, datetime(2026, 3, 7, 9, 0, tzinfo=UTC))
    root = etree.fromstring(_download(client, cohort)[0])
    abilities = {a.findtext("a:title", namespaces=NS): a for a in _of_type(root, "leap2:ability")}
    assert _ability_facts(abilities["C1 — Competency 1"]) == {
        "Sign-off": "Signed off at level 3 · Acts with indirect supervision by Dr Grace Otieno, 6 Mar 2026."
    }
    assert _ability_facts(abilities["C2 — Competency 2"]) == {
        "Sign-off": "Requested at level 2 · Acts with direct supervision on 7 Mar 2026, waiting for a decision."
    }
    assert abilities["C2 — Competency 2"].findtext("a:content/x:div/x:p", namespaces=NS) == "What competency 2 asks for"


def test_a_returned_or_revoked_sign_off_says_nothing_and_a_standing_one_stays_beside_a_new_request(
    client, make, world, query
):
    cohort, intern, ward, _trashed = world
    supervisor = make.member(cohort, "supervisor", name="Dr Grace Otieno")
    c1, c2 = _competencies(query, cohort)
    make.evidence(ward, c2.id)
    make.signoff(intern, cohort, c2.id, level=2, status="returned", supervisor=supervisor)
    make.signoff(intern, cohort, c1.id, level=4, status="revoked", supervisor=supervisor)
    root = etree.fromstring(_download(client, cohort)[0])
    abilities = {a.findtext("a:title", namespaces=NS): a for a in _of_type(root, "leap2:ability")}
    assert _ability_facts(abilities["C1 — Competency 1"]) == {}
    assert _ability_facts(abilities["C2 — Competency 2"]) == {}

    make.signoff(intern, cohort, c1.id, level=2, status="approved", supervisor=supervisor)
    make.signoff(intern, cohort, c1.id, level=3, status="pending")
    root = etree.fromstring(_download(client, cohort)[0])
    [c1_ability] = [a for a in _of_type(root, "leap2:ability") if a.findtext("a:title", namespaces=NS).startswith("C1")]
    said = _ability_facts(c1_ability)["Sign-off"]
    assert said.startswith("Signed off at level 2 · Acts with direct supervision by Dr Grace Otieno, ")
    assert " Requested at level 3 · Acts with indirect supervision on " in said


def test_each_post_names_the_competencies_it_is_evidence_for_in_its_own_facts(client, make, world, query):
    cohort, intern, ward, _trashed = world
    _c1, c2 = _competencies(query, cohort)
    make.evidence(ward, c2.id)
    posts = _posts(etree.fromstring(_download(client, cohort)[0]))
    assert _facts(posts["Ward round"])["Evidence for"] == "C1 — Competency 1; C2 — Competency 2"
    assert "Evidence for" not in _facts(posts["Market day"])
    assert "Evidence for" not in _facts(posts["Half written"])


def test_content_is_well_formed_xhtml_without_scripts_or_handlers_whatever_the_body(client, make, world):
    cohort, intern, *_ = world
    make.entry(intern, cohort, title="Tries <b>it</b> \x0b", body=HOSTILE, tags=("x",))
    xml, _archive = _download(client, cohort)
    root = etree.fromstring(xml)  # well formed, or this raises
    post = _posts(root)["Tries <b>it</b> "]
    div = post.find("a:content/x:div", NS)
    assert "deep quote" in "".join(div.itertext()) and "vertical tab" in "".join(div.itertext())
    assert not root.xpath("//x:script | //x:img | //x:iframe", namespaces=NS)
    attributes = [name for element in div.iter() for name in element.attrib]
    assert not [name for name in attributes if name.lower().startswith("on")]
    assert not [h for h in div.xpath("//x:a/@href", namespaces=NS) if h.lower().startswith("javascript")]


def test_the_download_page_offers_both_formats_and_starts_the_chosen_one(client, world):
    cohort, *_ = world
    html = client.get(f"/account/download/{cohort.id}?format=leap2a").get_data(as_text=True)
    leap2a, archive = f"/journal/{cohort.id}/export/leap2a", f"/journal/{cohort.id}/export"
    assert one(html, "meta[http-equiv=refresh]")["content"] == f"0; url={leap2a}"
    assert one(html, "main a", containing="Download again")["href"] == leap2a
    assert one(html, "main a", containing="Download for Mahara (Leap2A)")["href"] == leap2a
    assert one(html, "main a", containing="Download the archive (JSON + Markdown)")["href"] == archive
    assert "Entries in the trash are left out." in html
    plain = client.get(f"/account/download/{cohort.id}").get_data(as_text=True)
    assert one(plain, "meta[http-equiv=refresh]")["content"] == f"0; url={archive}"


def test_without_a_recent_password_it_asks_then_lands_on_the_page_that_starts_leap2a(client, world, query):
    from tests.account.test_journal_download import _password_typed
    from tests.factories import PASSWORD

    cohort, *_ = world
    _password_typed(query, 11)
    asked = client.get(f"/journal/{cohort.id}/export/leap2a")
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/confirm-password?next=")
    form = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "we ask for your password before downloading it" in form
    confirmed = client.post(asked.headers["Location"], data={"password": PASSWORD})
    assert confirmed.headers["Location"] == f"/account/download/{cohort.id}?format=leap2a"


def test_the_download_is_audited_with_its_format(client, world, query):
    cohort, intern, *_ = world
    _download(client, cohort)
    events = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "data.downloaded")).all())
    assert [(e.actor_id, e.cohort_id, e.details) for e in events] == [(intern.id, cohort.id, {"format": "leap2a"})]


def test_ten_and_a_hundred_entries_take_the_same_number_of_statements(client, make, count_queries, world):
    cohort, intern, ward, _trashed = world
    supervisor = make.member(cohort, "supervisor")
    c1 = make.framework(competencies=1).competencies[0]

    def write(first: int, n: int) -> None:
        for i in range(first, first + n):
            entry = make.entry(intern, cohort, title=f"Day {i}", tags=("a", "b"), hours=Decimal(1))
            make.comment(entry, supervisor)
            make.evidence(entry, c1.id)

    url = f"/journal/{cohort.id}/export/leap2a"
    write(0, 10 - 3)  # with the world's three live entries: 10
    ten = count_queries(lambda: client.get(url))
    write(10, 90)
    hundred = count_queries(lambda: client.get(url))
    assert ten == hundred
    assert len(_posts(etree.fromstring(_download(client, cohort)[0]))) == 100 + 1  # and the draft


def test_a_comment_whose_writer_left_says_so_instead_of_an_empty_paragraph(client, world, query):
    cohort, _intern, ward, _trashed = world

    def writer_left(session):  # what deleting the supervisor's account leaves behind: no author, no text
        session.execute(
            update(Comment)
            .where(Comment.entry_id == ward.id, Comment.parent_id.is_(None))
            .values(author_id=None, body="")
        )
        session.commit()

    query(writer_left)
    post = _posts(etree.fromstring(_download(client, cohort)[0]))["Ward round"]
    first = post.find("a:content/x:div/x:div[@class='comment']", NS)
    assert first.findtext("x:p/x:strong", namespaces=NS) == "Deleted user"
    assert first.xpath("string(x:p[2])", namespaces=NS) == "This comment was deleted with its author’s account."


def test_default_framework_competencies_are_in_the_intern_s_language_like_the_kinds(client, make, query):
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", locale="es")

    def use_the_default_framework(session) -> int:
        session.get(Cohort, cohort.id).framework_id = frameworks.default_framework().id
        session.commit()
        return session.scalar(select(Competency.id).where(Competency.code == "CS1"))

    entry = make.entry(intern, cohort, title="Ronda")
    make.evidence(entry, query(use_the_default_framework))
    log_in_as(client, intern)
    root = etree.fromstring(_download(client, cohort)[0])
    [ability] = _of_type(root, "leap2:ability")
    title, description = COMPETENCIES["CS1"]["es"]
    assert ability.findtext("a:title", namespaces=NS) == f"CS1 — {title}"
    assert ability.findtext("a:content/x:div/x:p", namespaces=NS) == description
    assert _facts(_posts(root)["Ronda"])["Tipo"] == "Observación clínica"  # the kinds already were


def test_the_journal_and_progress_pages_offer_the_leap2a_download_by_name(client, world):
    cohort, *_ = world
    url = f"/journal/{cohort.id}/export/leap2a"
    progress = client.get(f"/journal/{cohort.id}/progress").get_data(as_text=True)
    assert one(progress, "main a", containing="Leap2A")["href"] == url
    assert one(progress, "main a", containing="Leap2A").get_text(strip=True) == "Download for Mahara (Leap2A)"
    listing = client.get(f"/journal/{cohort.id}/").get_data(as_text=True)
    assert one(listing, "main a", containing="Leap2A")["href"] == url
    assert one(listing, "main a", containing="Leap2A").get_text(strip=True) == "Download for Mahara (Leap2A)"


def test_an_unsaved_draft_of_any_shape_still_exports_with_what_the_form_would_read(client, world, query):
    cohort, intern, *_ = world
    # What the autosave keeps: any known field as text or a list of texts (the form's multi-choice shape).
    odd = {"title": "Odd shapes", "setting": ["ward"], "involvement": ["observed"], "specialty": ["Surgery"]}
    _add_draft(query, intern, cohort, f"new-{cohort.id}-clinical", {**odd, "hours": "2,5", "occurred_on": ["x"]})
    _add_draft(query, intern, cohort, f"new-{cohort.id}-ethics", {"title": "Odd ethics", "principles": "consent"})
    response = client.get(f"/journal/{cohort.id}/export/leap2a")
    assert response.status_code == 200
    posts = _posts(etree.fromstring(zipfile.ZipFile(io.BytesIO(response.data)).read("leap2a.xml")))
    # Lists where one choice belongs are left out; a decimal comma is read as the form reads it.
    assert _facts(posts["Odd shapes"]) == {"Kind": "Clinical observation", "Hours": "2.5"}
    assert _facts(posts["Odd ethics"]) == {"Kind": "Ethics note"}
