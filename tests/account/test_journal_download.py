"""“Download my journal”: the password asked in words that fit a download, a page that says the download
started (and starts it) instead of the password form, in words that fit the format chosen, and an archive
that holds the comments on the intern's entries and their sign-off requests with the decisions on them."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import update

from journal.models import Comment, User, UserSession
from journal.models.types import utcnow
from tests.factories import PASSWORD
from tests.html import one, text_of, texts

COMMENT = "Good round. Next time ask the interpreter to check the family understood."
REPLY = "Thank you, I will ask before the round starts."
FEEDBACK = "Add an entry where you examined a child yourself, then ask again."


def _password_typed(query, minutes_ago):
    def age(session):
        session.execute(update(UserSession).values(password_confirmed_at=utcnow() - timedelta(minutes=minutes_ago)))
        session.commit()

    query(age)


@pytest.fixture
def world(make, auth):
    """An intern (logged in) with a shared entry commented on and replied to, a private entry, sign-off
    requests approved and returned; another intern of the cohort with a comment and a request of their own."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Joseph Mwangi")
    other = make.member(cohort, "intern", name="Lukas Becker")
    framework = make.framework(cohort, competencies=3)
    c1, c2, c3 = framework.competencies
    shared = make.entry(intern, cohort, title="Ward round", visibility="supervisors")
    make.entry(intern, cohort, title="Private night")
    first = make.comment(shared, supervisor, body=COMMENT)
    make.comment(shared, intern, body=REPLY, parent=first)
    make.evidence(shared, c1.id)
    make.signoff(intern, cohort, c1.id, level=3, status="approved", supervisor=supervisor)
    returned = make.signoff(intern, cohort, c2.id, level=2, status="returned", supervisor=supervisor)
    others = make.entry(other, cohort, title="Lukas's clinic", visibility="cohort")
    make.comment(others, supervisor, body="Comment for Lukas only")
    make.signoff(other, cohort, c3.id, level=4, status="pending", note="Lukas asks for C3")
    auth.login(intern.email)
    return cohort, intern, supervisor, shared, returned


def _archive(client, cohort) -> zipfile.ZipFile:
    response = client.get(f"/journal/{cohort.id}/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_password_is_asked_in_words_that_fit_a_download_then_a_page_says_it_started(client, world, query):
    cohort, *_ = world
    _password_typed(query, 11)
    asked = client.get(f"/journal/{cohort.id}/export")
    assert asked.headers["Location"] == f"/confirm-password?next=/account/download/{cohort.id}"
    form = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "cannot be undone" not in form
    assert "we ask for your password before downloading it" in text_of(form, "main")
    assert text_of(form, "main button[type=submit]") == "Confirm and download"

    confirmed = client.post(asked.headers["Location"], data={"password": PASSWORD})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == f"/account/download/{cohort.id}"
    page = client.get(confirmed.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text_of(html, "h1") == "Your journal is downloading"
    # The page starts the download itself (no script needed) and offers it again, and the way back.
    assert one(html, "meta[http-equiv=refresh]")["content"] == f"0; url=/journal/{cohort.id}/export"
    assert one(html, "main a", containing="Download again")["href"] == f"/journal/{cohort.id}/export"
    assert one(html, "main a", containing="Back to my journal")["href"] == f"/journal/{cohort.id}/"
    assert _archive(client, cohort).namelist()


def test_deleting_the_account_is_still_said_to_be_final(client, world, query):
    _password_typed(query, 11)
    asked = client.get("/account/delete")
    form = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "Deleting your account cannot be undone" in text_of(form, "main")
    assert "downloading" not in form


def test_the_download_page_asks_for_the_password_when_it_is_old(client, world, query):
    cohort, *_ = world
    _password_typed(query, 11)
    response = client.get(f"/account/download/{cohort.id}")
    assert response.headers["Location"] == f"/confirm-password?next=/account/download/{cohort.id}"


@pytest.mark.parametrize("who", ["supervisor", "outsider"])
def test_the_download_page_is_404_for_anyone_but_the_cohorts_interns(client, world, make, auth, query, who):
    cohort, _, supervisor, *_ = world
    person = supervisor if who == "supervisor" else make.member(make.cohort(), "intern")
    auth.logout()
    auth.login(person.email)
    _password_typed(query, 11)  # 404 first: nobody learns the cohort exists by being asked for a password
    assert client.get(f"/account/download/{cohort.id}").status_code == 404


def test_the_archive_holds_each_entrys_comment_thread(client, world):
    cohort, intern, supervisor, shared, _ = world
    archive = _archive(client, cohort)
    document = json.loads(archive.read("journal.json"))
    entries = {entry["title"]: entry for entry in document["entries"]}
    assert entries["Private night"]["comments"] == []
    thread = entries["Ward round"]["comments"]
    assert [(c["author"], c["text"], c["yours"]) for c in thread] == [
        ("Dr Joseph Mwangi", COMMENT, False),
        ("Amira Haddad", REPLY, True),
    ]
    assert thread[1]["reply_to"] == thread[0]["id"] and thread[0]["reply_to"] is None
    assert all(c["written_at"] for c in thread)
    markdown = archive.read(next(n for n in archive.namelist() if n.endswith("ward-round.md"))).decode()
    comments = markdown.split("## Comments", 1)[1]
    assert "- Dr Joseph Mwangi, " in comments and " UTC:\n  " + COMMENT in comments
    assert "  - Amira Haddad (you), " in comments and "    " + REPLY in comments
    # The versions keep the entry as it was written, without the conversation.
    assert not any("Comments" in archive.read(n).decode() for n in archive.namelist() if n.startswith("revisions/"))
    assert b"Comment for Lukas only" not in b"".join(archive.read(n) for n in archive.namelist())


def test_the_archive_holds_the_sign_offs_with_who_decided_when_and_why(client, world):
    cohort, intern, supervisor, shared, _ = world
    archive = _archive(client, cohort)
    signoffs = json.loads(archive.read("journal.json"))["signoffs"]
    assert [(s["competency"]["code"], s["level_requested"], s["status"]) for s in signoffs] == [
        ("C1", 3, "approved"),
        ("C2", 2, "returned"),
    ]
    approved, returned_record = signoffs
    assert approved["approved_level"] == 3
    assert approved["evidence_now"] == [{"entry_id": shared.id, "title": "Ward round"}]
    assert [(d["outcome"], d["level"], d["by"], d["feedback"]) for d in approved["decisions"]] == [
        ("approved", 3, "Dr Joseph Mwangi", "Well done")
    ]
    assert approved["decisions"][0]["level_words"] == "3 · Acts with indirect supervision"
    assert [(d["outcome"], d["by"], d["feedback"]) for d in returned_record["decisions"]] == [
        ("returned", "Dr Joseph Mwangi", "More evidence")
    ]
    text = archive.read("signoffs.md").decode()
    assert "## C1 Competency 1" in text and "## C2 Competency 2" in text
    assert "- Asked for: level 3 · Acts with indirect supervision, " in text
    assert "- Status: signed off at level 3 · Acts with indirect supervision" in text
    assert "- Approved at level 3 · Acts with indirect supervision by Dr Joseph Mwangi, " in text
    assert "- Returned with feedback by Dr Joseph Mwangi, " in text and "  More evidence" in text
    assert "Evidence linked now: Ward round" in text
    assert "C3" not in text and "Lukas asks for C3" not in text
    assert "signoffs.md" in archive.read("README.txt").decode()


def test_the_files_stay_in_english_for_a_reader_in_another_language(client, world, query):
    cohort, intern, *_ = world
    query(lambda s: (setattr(s.get(User, intern.id), "locale", "es"), s.commit()))
    archive = _archive(client, cohort)
    assert "- Approved at level 3 · Acts with indirect supervision by" in archive.read("signoffs.md").decode()


def test_a_comment_by_a_deleted_account_keeps_its_place_without_a_name(client, world, query):
    cohort, intern, supervisor, shared, _ = world

    def forget(session):
        session.execute(update(Comment).where(Comment.author_id == supervisor.id).values(author_id=None, body=""))
        session.commit()

    query(forget)
    archive = _archive(client, cohort)
    entry = next(e for e in json.loads(archive.read("journal.json"))["entries"] if e["title"] == "Ward round")
    assert [(c["author"], c["text"]) for c in entry["comments"]][0] == (None, "")
    markdown = archive.read(next(n for n in archive.namelist() if n.endswith("ward-round.md"))).decode()
    assert "- Deleted user, " in markdown and "(removed with its writer's account)" in markdown


def test_no_sign_off_yet_is_said_plainly(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    make.entry(intern, cohort, title="Only entry")
    auth.login(intern.email)
    archive = _archive(client, cohort)
    assert json.loads(archive.read("journal.json"))["signoffs"] == []
    assert "You have not asked for any sign-off in this cohort." in archive.read("signoffs.md").decode()


def test_the_archive_takes_the_same_number_of_queries_for_many_comments_and_requests(
    client, make, world, count_queries
):
    cohort, intern, supervisor, *_ = world
    export = f"/journal/{cohort.id}/export"
    few = count_queries(lambda: client.get(export))
    more = make.framework(cohort, competencies=6).competencies
    for number in range(5):
        entry = make.entry(intern, cohort, title=f"More {number}", visibility="supervisors")
        make.comment(entry, supervisor, body=f"Comment {number}")
        make.signoff(intern, cohort, more[number].id, status="approved", supervisor=supervisor)
    assert count_queries(lambda: client.get(export)) == few


LEAP2A_NAME = "Leap2A (for Mahara and other ePortfolios)"
LEAP2A_LINK = "Download for Mahara (Leap2A)"


def _landing(client, cohort, chosen: str | None) -> str:
    query = "?format=leap2a" if chosen == "leap2a" else ""
    page = client.get(f"/account/download/{cohort.id}{query}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_page_after_choosing_leap2a_speaks_of_leap2a_from_its_title_down(client, world):
    cohort, *_ = world
    html = _landing(client, cohort, "leap2a")
    heading, lead = text_of(html, "h1"), text_of(html, "main .lead")
    assert heading == text_of(html, "title").split(" · ")[0] == "Your journal is downloading for Mahara (Leap2A)"
    assert LEAP2A_NAME in lead and "Moshi spring" in lead
    for said in (heading, lead, text_of(html, "title")):
        assert "JSON" not in said and "archive" not in said.lower()
    leap2a = f"/journal/{cohort.id}/export/leap2a"
    assert one(html, "meta[http-equiv=refresh]")["content"] == f"0; url={leap2a}"
    assert one(html, "main a", containing="Download again")["href"] == leap2a
    # The two formats below, each a link named as on every other page, the chosen one marked.
    assert one(html, "main a", containing=LEAP2A_LINK)["href"] == leap2a
    assert one(html, ".download-formats li[aria-current]", containing=LEAP2A_NAME)
    assert one(html, "main a", containing="Download the archive (JSON + Markdown)")["href"] == (
        f"/journal/{cohort.id}/export"
    )


def test_the_page_after_choosing_the_archive_speaks_of_the_archive(client, world):
    cohort, *_ = world
    html = _landing(client, cohort, None)
    heading, lead = text_of(html, "h1"), text_of(html, "main .lead")
    assert heading == text_of(html, "title").split(" · ")[0] == "Your journal is downloading"
    assert "archive (JSON + Markdown)" in lead and "Moshi spring" in lead
    for said in (heading, lead):
        assert "Leap2A" not in said and "Mahara" not in said
    assert one(html, ".download-formats li[aria-current]", containing="Download the archive (JSON + Markdown)")


def test_leap2a_has_one_name_and_one_link_text_on_every_page(client, world, make, query):
    cohort, intern, *_ = world
    entry = make.entry(intern, cohort, title="For the portfolio", visibility="supervisors")
    submission = make.submission(intern, cohort, [entry])
    pages = {
        "journal": client.get(f"/journal/{cohort.id}/").get_data(as_text=True),
        "progress": client.get(f"/journal/{cohort.id}/progress").get_data(as_text=True),
        "submission": client.get(f"/submissions/{submission.id}").get_data(as_text=True),
        "landing (archive)": _landing(client, cohort, None),
        "landing (Leap2A)": _landing(client, cohort, "leap2a"),
    }
    for name, html in pages.items():
        links = [t for t in texts(html, "main a") if "Leap2A" in t or "Mahara" in t]
        assert links == [LEAP2A_LINK], (name, links)
        main = text_of(html, "main")
        # Wherever the format is named in words, it is by its one name (or the link's words, as the heading).
        named = main.replace(LEAP2A_NAME, "").replace("for Mahara (Leap2A)", "")
        assert "Leap2A" not in named and "Mahara" not in named, (name, named)
    assert one(pages["journal"], "main a", containing=LEAP2A_LINK)["href"] == f"/journal/{cohort.id}/export/leap2a"
    assert one(pages["progress"], "main a", containing=LEAP2A_LINK)["href"] == f"/journal/{cohort.id}/export/leap2a"
    assert one(pages["submission"], "main a", containing=LEAP2A_LINK)["href"] == (
        f"/submissions/{submission.id}/portfolio-leap2a.zip"
    )
    assert LEAP2A_NAME in text_of(pages["submission"], "main")


def test_the_password_page_before_leap2a_speaks_of_a_download_not_of_an_archive(client, world, query):
    cohort, *_ = world
    _password_typed(query, 11)
    asked = client.get(f"/journal/{cohort.id}/export/leap2a")
    form = text_of(client.get(asked.headers["Location"]).get_data(as_text=True), "main")
    assert "we ask for your password before downloading it" in form
    assert "archive" not in form.lower() and "JSON" not in form
    assert text_of(client.get(asked.headers["Location"]).get_data(as_text=True), "main button") == (
        "Confirm and download"
    )
