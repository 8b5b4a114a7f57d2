"""Deleting one's own account: nothing keyed to the person is left but the record of the deletion;
what others wrote and decided stays; portfolios stay with the cohort only when the intern says so."""

import csv
import io
import threading
import time
import zipfile
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.exc import OperationalError

from journal.account import deletion
from journal.entries.export import slug
from journal.extensions import db
from journal.models import AuditEvent, Comment, ExportJob, Invitation, Submission, User, UserSession
from journal.models.types import utcnow
from tests.account.fate import check_the_rest, must_go
from tests.account.traces import rows_keyed_to, snapshot, traces_in_text, words_in_search_index
from tests.account.world import (
    DECISION_NOTE,
    MARKER,
    OTHER_NAME,
    SUBJECT_EMAIL,
    SUBJECT_NAME,
    intern_world,
    invitation_sent_by,
    supervisor_world,
)
from tests.factories import PASSWORD
from tests.locks import another_connection_waits_for_a_lock

NEEDLES = [SUBJECT_NAME, SUBJECT_EMAIL, MARKER]


def _delete(client, *, keep=False, confirm="DELETE"):
    data = {"confirm": confirm}
    if keep:
        data["keep_submissions"] = "y"
    return client.post("/account/delete", data=data)


def _as(auth, email):
    response = auth.login(email)
    assert response.status_code == 302, "login failed"


def _deleted(response):
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert response.headers["Location"].endswith("/login")


def _email(query, user_id):
    return query(lambda s: s.get(User, user_id).email)


def _kept_document(table, column, row):
    """Inside a portfolio left with the cohort, the name and words as submitted are the point of keeping it."""
    return (table, column) == ("submissions", "document") and row["former_intern_key"] is not None


def _check_nothing_left(query, world, before, gone, *, keep, intern_cohorts, exempt):
    """The checks every deletion must pass; returns the figures for the report."""
    after = query(snapshot)
    checked = check_the_rest(before, after, gone, world.subject, keep_submissions=keep, intern_cohorts=intern_cohorts)
    left = query(lambda s: rows_keyed_to(s, world.subject))
    assert set(left) == {"audit_events.object_id"}, f"rows still keyed to the person: {sorted(left)}"
    events = left["audit_events.object_id"]
    cohorts = sorted({world.cohort, world.second_cohort})
    assert sorted(e["cohort_id"] for e in events) == cohorts, "one account.deleted event per former cohort"
    for record in events:
        assert record["action"] == "account.deleted" and record["actor_id"] is None
        assert record["details"] == {"kept_submissions": keep, "cohort_ids": cohorts}
    assert query(lambda s: traces_in_text(s, NEEDLES, exempt)) == []
    assert query(lambda s: words_in_search_index(s, MARKER)) == 0
    return Counter(table for table, _ in gone), checked


@pytest.mark.parametrize("keep", [False, True], ids=["portfolios-deleted", "portfolios-kept"])
def test_an_intern_s_deletion_leaves_no_row_keyed_to_them(app, client, auth, query, keep):
    world = intern_world(app)
    _as(auth, SUBJECT_EMAIL)
    before = query(snapshot)
    assert query(lambda s: words_in_search_index(s, MARKER)) == 5  # the five entries are indexed
    gone = must_go(before, world.subject, SUBJECT_EMAIL, keep_submissions=keep)

    _deleted(_delete(client, keep=keep))

    intern_cohorts = {world.cohort, world.second_cohort}
    removed, checked = _check_nothing_left(
        query, world, before, gone, keep=keep, intern_cohorts=intern_cohorts, exempt=_kept_document
    )
    # The world held every kind of row the person can own, and others' rows beside them.
    expected = {"users": 1, "entries": 5, "entry_revisions": 6, "drafts": 2, "evidence": 2, "entry_reviews": 1}
    expected |= {"signoff_requests": 2, "signoff_decisions": 2, "memberships": 2, "user_sessions": 3}
    expected |= {"recovery_codes": 2, "invitations": 1, "audit_events": 3, "comments": 4}
    assert {table: removed[table] for table in expected} == expected
    assert removed["entry_tags"] >= 5 and removed["notifications"] >= 4
    assert removed["submissions"] == (0 if keep else 3)
    assert checked["entries"] == 2 and checked["comments"] == 3  # the other intern's, and the emptied one
    comment = query(lambda s: s.get(Comment, world.subject_comment))
    assert comment.author_id is None and comment.body == ""
    assert query(lambda s: s.get(ExportJob, world.export_job).content) is None  # held their name
    kept = query(lambda s: s.scalars(select(Submission).where(Submission.intern_id.is_(None))).all())
    assert len(kept) == (3 if keep else 0)
    if keep:  # one key per cohort: the latest still supersedes the first
        keys = {(s.cohort_id, s.former_intern_key) for s in kept}
        assert len(keys) == 2 and all(len(key) == 32 for _, key in keys)


def test_a_supervisor_s_decisions_stay_on_the_intern_s_record_and_their_comments_lose_their_text(
    app, client, auth, query
):
    world = supervisor_world(app)
    _as(auth, SUBJECT_EMAIL)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "2 sign-off decisions you made as a supervisor stay on the interns' records" in page
    assert "Keep my submitted portfolios" not in page  # nothing of theirs to keep
    before = query(snapshot)
    gone = must_go(before, world.subject, SUBJECT_EMAIL, keep_submissions=False)

    _deleted(_delete(client))

    def others_portfolio(table, column, row):
        # The intern's frozen portfolio names their supervisor and quotes their comment: it is the
        # intern's record, hashed and verifiable, so it cannot change.
        return (table, column) == ("submissions", "document") and row["id"] == world.other_submission

    removed, checked = _check_nothing_left(
        query, world, before, gone, keep=False, intern_cohorts=set(), exempt=others_portfolio
    )
    assert removed["signoff_decisions"] == 0 and checked["signoff_decisions"] == 2
    assert removed["entry_reviews"] == 1 and removed["entries"] == 0
    document = query(lambda s: s.get(Submission, world.other_submission).document)
    assert SUBJECT_NAME in document and MARKER in document
    gone_by = query(lambda s: s.scalars(select(AuditEvent.action).where(AuditEvent.actor_id.is_(None))).all())
    assert {"signoff.approved", "signoff.returned", "comment.added", "entry.reviewed"} <= set(gone_by)

    _as(auth, _email(query, world.other))
    checklist = client.get(f"/competencies/{world.cohort}/").get_data(as_text=True)
    assert "by a deleted user" in checklist and SUBJECT_NAME not in checklist
    thread = client.get(f"/entries/{world.other_entry}").get_data(as_text=True)
    assert "Deleted user" in thread and "This comment was deleted with its author’s account." in thread
    assert "Thank you!" in thread and MARKER not in thread
    notes = client.get("/notifications/").get_data(as_text=True)
    assert "A deleted user approved your sign-off" in notes and SUBJECT_NAME not in notes
    request_id = query(lambda s: s.scalar(select(AuditEvent.object_id).where(AuditEvent.action == "signoff.approved")))
    decided = client.get(f"/signoffs/{request_id}").get_data(as_text=True)
    assert DECISION_NOTE in decided and "by a deleted user" in decided


def test_the_thread_shows_a_deleted_user_and_the_replies_stay(app, client, auth, query):
    world = intern_world(app)
    _as(auth, SUBJECT_EMAIL)
    _deleted(_delete(client))
    for viewer in (world.other, world.supervisor):
        auth.logout()
        _as(auth, _email(query, viewer))
        page = client.get(f"/entries/{world.other_entry}")
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert "<strong>Deleted user</strong>" in html
        assert "This comment was deleted with its author’s account." in html
        assert "Thanks for telling me." in html and "Good observation, keep going." in html
        assert SUBJECT_NAME not in html and MARKER not in html
    auth.logout()
    _as(auth, _email(query, world.other))
    assert "A deleted user commented on" in client.get("/notifications/").get_data(as_text=True)
    auth.logout()
    _as(auth, _email(query, world.coordinator))
    for cohort in (world.cohort, world.second_cohort):
        log = client.get(f"/cohorts/{cohort}/audit?action=account.deleted").get_data(as_text=True)
        assert "Deleted their account" in log and "1 event" in log and SUBJECT_NAME not in log


def _export(client, cohort_id) -> zipfile.ZipFile:
    response = client.post(f"/portfolio/{cohort_id}/exports")
    job = response.headers["Location"].rsplit("/", 1)[1]
    deadline = time.monotonic() + 120
    while (state := client.get(f"/exports/{job}/progress").get_json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the export did not finish"
        time.sleep(0.1)
    assert state["status"] == "done", state
    return zipfile.ZipFile(io.BytesIO(client.get(state["download"]).data))


def test_kept_portfolios_stay_readable_by_the_cohort(app, client, auth, query):
    world = intern_world(app)
    first, latest = (query(lambda s, i=i: s.get(Submission, i)) for i in world.subject_submissions)
    document = query(lambda s: s.get(Submission, latest.id).document)
    _as(auth, SUBJECT_EMAIL)
    _deleted(_delete(client, keep=True))
    auth.logout()
    _as(auth, _email(query, world.reviewer))

    page = client.get(f"/portfolio/{world.cohort}/submissions").get_data(as_text=True)
    assert SUBJECT_NAME in page and "Account deleted" in page and latest.code in page and first.code not in page
    assert OTHER_NAME in page
    summary = client.get(f"/portfolio/{world.cohort}/credit.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(summary)))
    assert [row["intern"] for row in rows] == [OTHER_NAME, SUBJECT_NAME]
    former = rows[1]
    assert former["email"] == SUBJECT_EMAIL and former["latest_submission_code"] == latest.code
    assert former["clinical_hours"] == "3" and former["competencies_signed_off"] == "1"
    home = client.get(f"/home/{world.cohort}").get_data(as_text=True)
    assert SUBJECT_NAME in home and latest.code in home

    shown = client.get(f"/submissions/{latest.id}").get_data(as_text=True)
    assert f"Portfolio of {SUBJECT_NAME}" in shown and first.code in shown  # its history
    assert client.get(f"/submissions/{latest.id}/portfolio.json").data == document.encode("utf-8")
    verified = client.get(f"/verify/{latest.code}").get_data(as_text=True)
    assert SUBJECT_NAME in verified and "This is the intern's latest submission" in verified
    superseded = client.get(f"/verify/{first.code}").get_data(as_text=True)
    assert "has submitted a newer portfolio since" in superseded

    archive = _export(client, world.cohort)
    stem = f"portfolios/{slug(SUBJECT_NAME, fallback='intern', limit=None)}-{latest.code}"
    assert archive.read(f"{stem}.json") == document.encode("utf-8")
    assert archive.read(f"{stem}.pdf").startswith(b"%PDF")
    assert len([name for name in archive.namelist() if name.startswith("portfolios/")]) == 4  # theirs and the other's
    assert SUBJECT_EMAIL in archive.read("credit-summary.csv").decode("utf-8-sig")

    auth.logout()
    _as(auth, _email(query, world.supervisor))  # also supervises the second cohort
    second = client.get(f"/portfolio/{world.second_cohort}/submissions").get_data(as_text=True)
    assert SUBJECT_NAME in second and "Account deleted" in second

    # A second former intern in the same cohort stays apart from the first.
    theirs = query(lambda s: s.get(Submission, world.other_submission).code)
    auth.logout()
    _as(auth, _email(query, world.other))
    _deleted(_delete(client, keep=True))
    _as(auth, _email(query, world.reviewer))
    summary = client.get(f"/portfolio/{world.cohort}/credit.csv").data.decode("utf-8-sig")
    rows = [(row["intern"], row["latest_submission_code"]) for row in csv.DictReader(io.StringIO(summary))]
    assert rows == [(OTHER_NAME, theirs), (SUBJECT_NAME, latest.code)]
    assert "has submitted a newer portfolio since" in client.get(f"/verify/{first.code}").get_data(as_text=True)
    assert "This is the intern's latest submission" in client.get(f"/verify/{theirs}").get_data(as_text=True)


def test_portfolios_not_kept_are_deleted_and_stop_verifying(app, client, auth, query):
    world = intern_world(app)
    codes = [query(lambda s, i=i: s.get(Submission, i).code) for i in world.subject_submissions]
    _as(auth, SUBJECT_EMAIL)
    _deleted(_delete(client, confirm=SUBJECT_EMAIL.upper()))  # the email, in any case, confirms too
    auth.logout()
    _as(auth, _email(query, world.reviewer))
    for code in codes:
        assert client.get(f"/verify/{code}").status_code == 404
    page = client.get(f"/portfolio/{world.cohort}/submissions").get_data(as_text=True)
    assert SUBJECT_NAME not in page and OTHER_NAME in page
    assert SUBJECT_NAME not in client.get(f"/portfolio/{world.cohort}/credit.csv").data.decode("utf-8-sig")
    assert "This export is no longer kept" in client.get(f"/exports/{world.export_job}").get_data(as_text=True)


def test_the_page_says_what_goes_and_what_stays(app, client, auth):
    intern_world(app)
    _as(auth, SUBJECT_EMAIL)
    html = client.get("/account/delete").get_data(as_text=True)
    for words in (
        "5 entries (in the trash too), with 6 saved versions",
        "2 unsaved drafts",
        "2 links between your entries and competencies",
        "4 comments on your entries",
        "2 sign-off requests",
        "Arusha summer cohort (intern), Kilimanjaro spring cohort (intern)",
        "1 comment you wrote on other people",
        "“deleted user”",
        "You submitted 3 portfolios in Arusha summer cohort, Kilimanjaro spring cohort.",
        "Keep my submitted portfolios with Arusha summer cohort, Kilimanjaro spring cohort so the university can "
        "still award credit",
        "reviewers keep the PDF and JSON files they have already downloaded",
        "Type DELETE (or your email address) to confirm",
    ):
        assert words in html, words
    checkbox = html[html.index('id="keep_submissions"') - 80 : html.index('id="keep_submissions"') + 80]
    assert 'type="checkbox"' in checkbox and "checked" not in checkbox
    settings = client.get("/account").get_data(as_text=True)
    assert 'href="/account/delete"' in settings


def test_without_the_confirmation_nothing_is_deleted(app, client, auth, query):
    intern_world(app)
    _as(auth, SUBJECT_EMAIL)
    before = query(snapshot)
    for confirm in ("", "delete", "DELETE ME", "someone.else@example.org"):
        response = _delete(client, keep=True, confirm=confirm)
        assert response.status_code == 422, confirm
        html = response.get_data(as_text=True)
        assert "to confirm." in html and 'class="error"' in html
        assert query(snapshot) == before, confirm


def test_the_last_coordinator_cannot_delete_their_account(app, client, auth, make, query):
    only = make.admin(email=SUBJECT_EMAIL, name=SUBJECT_NAME)
    _as(auth, SUBJECT_EMAIL)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "You are the only coordinator" in page and "Delete my account permanently" not in page
    response = _delete(client)
    assert response.status_code == 422 and "You are the only coordinator" in response.get_data(as_text=True)
    assert query(lambda s: s.get(User, only.id)) is not None
    with app.app_context(), pytest.raises(deletion.AccountDeletionError):  # the service refuses too
        deletion.delete_account(db.session.get(User, only.id), keep_submissions=False)

    other = make.admin()
    cohort = make.cohort()
    sent = invitation_sent_by(app, only.id, cohort.id)
    _deleted(_delete(client))
    assert query(lambda s: s.get(User, only.id)) is None
    assert query(lambda s: s.get(User, other.id)).is_admin
    assert query(lambda s: s.get(Invitation, sent).invited_by_id) is None
    events = query(lambda s: s.scalars(select(AuditEvent).where(AuditEvent.action == "account.deleted")).all())
    assert [(e.cohort_id, e.object_id, e.details) for e in events] == [
        (None, only.id, {"kept_submissions": False, "cohort_ids": []})
    ]


def _wait_until_it_waits_for_our_lock(app, started: threading.Event, deadline_seconds=10.0):
    """Return once the other deletion is under way: on PostgreSQL, once a connection waits for a row
    lock (or after the deadline); on SQLite, which shows no such thing, once it is about to take the
    write lock or has counted the coordinators without it (``started``)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            assert started.wait(deadline_seconds), "the second deletion did not start"
            return
        another_connection_waits_for_a_lock(db.engine, deadline_seconds)


def test_two_coordinators_deleting_themselves_at_once_leave_one(app, make, query):
    first, second = make.admin(), make.admin()
    outcome, started = {}, threading.Event()

    def about_to_write(conn, cursor, statement, *args):  # the write SQLite takes its lock with
        if threading.current_thread() is racer and statement.startswith("UPDATE users"):
            started.set()

    def has_counted(conn, cursor, statement, *args):  # a count made without waiting for our lock
        if threading.current_thread() is racer and "WHERE users.is_admin" in statement:
            started.set()

    def delete_the_second():
        with app.app_context():
            try:
                deletion.delete_account(db.session.get(User, second.id), keep_submissions=False)
                db.session.commit()
                outcome["second"] = "deleted"
            except (deletion.AccountDeletionError, OperationalError) as error:  # refused, or SQLite's stale read
                db.session.rollback()
                outcome["second"] = type(error).__name__

    racer = threading.Thread(target=delete_the_second)
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", about_to_write)
        event.listen(db.engine, "after_cursor_execute", has_counted)
        try:
            deletion.delete_account(db.session.get(User, first.id), keep_submissions=False)
            racer.start()
            _wait_until_it_waits_for_our_lock(app, started)
            db.session.commit()
            racer.join(timeout=60)
        finally:
            event.remove(db.engine, "before_cursor_execute", about_to_write)
            event.remove(db.engine, "after_cursor_execute", has_counted)
    assert not racer.is_alive()
    assert outcome["second"] in ("AccountDeletionError", "OperationalError")
    assert query(lambda s: s.scalars(select(User.id).where(User.is_admin.is_(True))).all()) == [second.id]


def test_the_page_asks_for_the_password_again_after_ten_minutes(app, client, auth, query):
    world = intern_world(app)
    _as(auth, SUBJECT_EMAIL)
    stale = utcnow() - timedelta(minutes=11)
    query(lambda s: (s.execute(update(UserSession).values(password_confirmed_at=stale)), s.commit()))
    for response in (client.get("/account/delete"), _delete(client)):
        assert response.status_code == 302 and "/confirm-password" in response.headers["Location"]
    assert query(lambda s: s.get(User, world.subject)) is not None
    back = client.post("/confirm-password?next=/account/delete", data={"password": PASSWORD})
    assert back.status_code == 302 and back.headers["Location"].endswith("/account/delete")
    _deleted(_delete(client))


def test_after_the_deletion_every_session_is_over(app, client, auth, query):
    intern_world(app)
    elsewhere = app.test_client()
    assert elsewhere.post("/login", data={"email": SUBJECT_EMAIL, "password": PASSWORD}).status_code == 302
    _as(auth, SUBJECT_EMAIL)
    response = _delete(client)
    _deleted(response)
    with client.session_transaction() as session:
        assert set(session) == {"_flashes"}  # the session cookie keeps nothing of the account
    assert "Your account has been deleted." in client.get("/login").get_data(as_text=True)
    for browser in (client, elsewhere):
        assert browser.get("/account").status_code == 302
    again = client.post("/login", data={"email": SUBJECT_EMAIL, "password": PASSWORD})
    assert again.status_code == 200 and "Email or password is incorrect." in again.get_data(as_text=True)
    assert query(lambda s: s.scalar(select(UserSession.id))) is not None  # other people's sessions stay
