"""The intern's home page (issue #17): comments they have not read on their entries, their sign-off requests
waiting and lately decided, and an entry begun but not saved, each with what it says when there is none.
Only the intern's own; a bounded number of queries, however much there is."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from journal.extensions import db
from journal.home.intern import RECENT_DAYS, SHOWN
from journal.models import Decision, Entry, User
from journal.models.types import utcnow
from tests.html import one, page, texts


@pytest.fixture
def moshi(make, auth):
    """An intern of "Moshi" (logged in), its supervisor Dr Mwangi, and a framework of three competencies."""
    cohort = make.cohort(name="Moshi")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    framework = make.framework(cohort)
    auth.login(intern.email)
    return cohort, intern, supervisor, [c.id for c in framework.competencies]


def comment_on(app, entry, author, body: str = "Well observed.") -> None:
    """Comment through the service, which tells the thread's followers (the entry's author first)."""
    from journal.feedback.services import add_comment

    with app.app_context():
        add_comment(db.session.get(Entry, entry.id), db.session.get(User, author.id), body)
        db.session.commit()


def home(client, cohort) -> str:
    response = client.get(f"/home/{cohort.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(body: str, title: str):
    """The home page's section headed ``title``."""
    return one(body, f"section[aria-labelledby={title}]")


def test_each_section_says_when_there_is_nothing(client, moshi):
    cohort, _, _, _ = moshi
    body = home(client, cohort)
    assert texts(section(body, "new-comments-title"), ".empty") == [
        "No new comments. When someone comments on an entry you shared, it shows here."
    ]
    assert texts(section(body, "signoffs-title"), ".empty") == [
        "No request is waiting for a decision.",
        f"No sign-off was decided in the last {RECENT_DAYS} days.",
    ]
    assert page(body).select("section[aria-labelledby=drafts-title]") == []  # no draft, nothing to say
    assert "/competencies/" in one(section(body, "signoffs-title"), "p:last-child a")["href"]


def test_new_comments_on_own_entries_say_who_on_which_entry_and_when(app, client, make, moshi):
    cohort, intern, supervisor, _ = moshi
    entry = make.entry(intern, cohort, title="Malaria in a pregnant woman", visibility="supervisors")
    comment_on(app, entry, supervisor)
    found = section(home(client, cohort), "new-comments-title")
    (row,) = found.select("li")
    assert one(row, "a").get_text() == "Dr Mwangi commented on “Malaria in a pregnant woman”"
    assert one(row, ".muted").get_text().strip()  # when, in the intern's time zone
    # The link opens the comment through the notification, which marks it read.
    opened = client.get(one(row, "a")["href"])
    assert opened.headers["Location"] == f"/entries/{entry.id}#comments"
    assert texts(section(home(client, cohort), "new-comments-title"), "li") == []


def test_only_unread_comments_on_the_interns_own_live_entries_in_this_cohort(app, client, make, moshi):
    cohort, intern, supervisor, _ = moshi
    other = make.member(cohort, "intern", name="Lukas Becker")
    theirs = make.entry(other, cohort, title="Lukas's entry", visibility="cohort")
    comment_on(app, theirs, intern)  # the intern now follows that thread...
    comment_on(app, theirs, supervisor)  # ...and is told of this reply, which is not on their entry
    trashed = make.entry(intern, cohort, title="Trashed", visibility="supervisors")
    comment_on(app, trashed, supervisor)
    with app.app_context():
        db.session.execute(update(Entry).where(Entry.id == trashed.id).values(deleted_at=utcnow()))
        db.session.commit()
    elsewhere = make.cohort(name="Lima")
    make.membership(intern, elsewhere, "intern")
    make.membership(supervisor, elsewhere, "supervisor")
    comment_on(app, make.entry(intern, elsewhere, title="In Lima", visibility="supervisors"), supervisor)
    mine = make.entry(intern, cohort, title="Mine", visibility="supervisors")
    comment_on(app, mine, other)  # not on a shared-with-cohort entry: the author still hears of it
    comment_on(app, mine, intern)  # their own reply is nothing new to them
    rows = texts(section(home(client, cohort), "new-comments-title"), "li a")
    assert rows == ["Lukas Becker commented on “Mine”"]


def test_a_long_list_of_new_comments_shows_the_newest_and_how_many_more(app, client, make, moshi):
    cohort, intern, supervisor, _ = moshi
    entry = make.entry(intern, cohort, title="Busy", visibility="supervisors")
    for _ in range(SHOWN + 2):
        comment_on(app, entry, supervisor)
    found = section(home(client, cohort), "new-comments-title")
    assert len(found.select("li")) == SHOWN
    assert texts(found, "p > a") == ["2 more new comments"]
    assert one(found, "p > a")["href"] == "/notifications/"


def test_signoffs_waiting_and_lately_decided_with_their_outcome(app, client, make, moshi):
    cohort, intern, supervisor, (c1, c2, c3) = moshi
    waiting = make.signoff(intern, cohort, c1, level=3)
    approved = make.signoff(intern, cohort, c2, level=4, status="approved", supervisor=supervisor)
    returned = make.signoff(intern, cohort, c3, level=2, status="returned", supervisor=supervisor)
    found = section(home(client, cohort), "signoffs-title")
    pending, decided = found.select("ul")
    assert texts(pending, "li a") == ["C1 Competency 1"]
    assert one(pending, "li a")["href"] == f"/signoffs/{waiting.id}"
    assert "asked at 3 · Acts with indirect supervision" in texts(pending, "li .muted")[0]
    assert [(one(li, ".badge").get_text(), one(li, "a").get_text()) for li in decided.select("li")] == [
        ("Returned with feedback", "C3 Competency 3"),
        ("Signed off at level 4", "C2 Competency 2"),
    ]
    assert [one(li, "a")["href"] for li in decided.select("li")] == [
        f"/signoffs/{returned.id}",
        f"/signoffs/{approved.id}",
    ]
    assert all(text.startswith("Dr Mwangi · ") for text in texts(decided, "li .muted"))


def test_old_decisions_and_other_interns_requests_stay_out(app, client, make, moshi):
    cohort, intern, supervisor, (c1, c2, _) = moshi
    old = make.signoff(intern, cohort, c1, status="approved", supervisor=supervisor)
    with app.app_context():
        long_ago = utcnow() - timedelta(days=RECENT_DAYS + 1)
        db.session.execute(update(Decision).where(Decision.request_id == old.id).values(created_at=long_ago))
        db.session.commit()
    other = make.member(cohort, "intern")
    make.signoff(other, cohort, c2)
    make.signoff(other, cohort, c1, status="returned", supervisor=supervisor)
    found = section(home(client, cohort), "signoffs-title")
    assert found.select("li") == []
    assert len(found.select(".empty")) == 2


def test_an_entry_begun_and_not_saved_is_offered_to_continue(client, make, moshi):
    cohort, intern, _, _ = moshi
    saved = make.entry(intern, cohort, kind="cultural")
    fields = {"title": "Sunday at the church choir", "body": "The choir sang"}
    assert client.post(f"/journal/{cohort.id}/drafts", json={"kind": "ethics", "fields": fields}).status_code == 200
    # Unsaved changes to a saved entry are offered on its edit page, not here.
    edit = {"kind": "cultural", "entry_id": saved.id, "fields": {"title": "Changed"}}
    assert client.post(f"/journal/{cohort.id}/drafts", json=edit).status_code == 200
    found = section(home(client, cohort), "drafts-title")
    assert texts(found, "h2") == ["You have 1 unsaved draft"]
    (row,) = found.select("li")
    assert one(row, "strong").get_text() == "Sunday at the church choir"
    assert one(row, ".badge").get_text() == "Ethics note"
    link = one(row, "a")
    assert link["href"] == f"/journal/{cohort.id}/new?kind=ethics&draft=restore"
    assert " ".join(link.get_text(" ").split()) == "Continue writing “Sunday at the church choir”"


def test_a_draft_without_a_title_is_named_by_its_kind_and_a_saved_one_is_gone(client, moshi):
    cohort, _, _, _ = moshi
    client.post(f"/journal/{cohort.id}/drafts", json={"kind": "clinical", "fields": {"body": "Saw a"}})
    found = section(home(client, cohort), "drafts-title")
    assert texts(found, "strong") == ["New clinical observation"]
    client.post(f"/journal/{cohort.id}/drafts/discard", data={"kind": "clinical"})
    assert page(home(client, cohort)).select("section[aria-labelledby=drafts-title]") == []


def test_another_persons_draft_is_not_shown(client, make, moshi, auth):
    cohort, _, _, _ = moshi
    other = make.member(cohort, "intern")
    auth.logout()
    auth.login(other.email)
    client.post(f"/journal/{cohort.id}/drafts", json={"kind": "clinical", "fields": {"title": "Theirs"}})
    assert "Theirs" in home(client, cohort)
    auth.logout()
    auth.login(moshi[1].email)
    body = home(client, cohort)
    assert "Theirs" not in body
    assert page(body).select("section[aria-labelledby=drafts-title]") == []


def test_the_home_page_costs_the_same_queries_however_much_there_is(app, client, make, moshi, count_queries):
    cohort, intern, supervisor, (c1, c2, c3) = moshi

    def add(entries: int) -> None:
        for _ in range(entries):
            entry = make.entry(intern, cohort, visibility="supervisors")
            comment_on(app, entry, supervisor)
        for competency in (c1, c2, c3):
            make.signoff(intern, cohort, competency, status="returned", supervisor=supervisor)

    add(1)
    make.signoff(intern, cohort, c1)
    client.post(f"/journal/{cohort.id}/drafts", json={"kind": "clinical", "fields": {"title": "One"}})
    few = count_queries(lambda: client.get(f"/home/{cohort.id}"))
    add(20)
    for kind in ("cultural", "ethics"):
        client.post(f"/journal/{cohort.id}/drafts", json={"kind": kind, "fields": {"title": kind}})
    many = count_queries(lambda: client.get(f"/home/{cohort.id}"))
    assert few > 0
    assert many == few
    body = home(client, cohort)
    assert len(section(body, "new-comments-title").select("li")) == SHOWN
    assert len(section(body, "drafts-title").select("li")) == 3


def test_a_drafts_title_is_shown_as_text_never_as_html(client, moshi):
    cohort, _, _, _ = moshi
    title = '<img src=x onerror="alert(1)"> choir'
    client.post(f"/journal/{cohort.id}/drafts", json={"kind": "cultural", "fields": {"title": title}})
    found = section(home(client, cohort), "drafts-title")
    assert found.select("img") == []
    assert texts(found, "strong") == [title]
    assert " ".join(one(found, "a").get_text(" ").split()) == f"Continue writing “{title}”"
