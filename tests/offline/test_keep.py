"""What the server tells a device about its pages, without a browser: whose page each answer is and
which pages a device may keep (journal/offline/keep.py), the journal's list of pages to keep ahead of
need (journal/entries/listing.py), what a page's offline sender is answered (static/js/offline.js
sends with ``Accept: application/json`` and ``X-Requested-With: outbox``), and the service worker's
own script (journal/offline/worker_views.py).

Each answer is read as the worker and the sender read it: its status, its headers, its JSON.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Response, abort, jsonify, request
from sqlalchemy import event, func, select

from journal import device_keys
from journal.entries.listing import KEPT_OFFLINE, offline_pages
from journal.extensions import db
from journal.models import Entry, EntryRevision, User
from journal.models.entries import KINDS
from journal.models.types import utcnow
from journal.offline.keep import keep_this_page
from tests.conftest import log_in_as, make_app
from tests.html import field_value, one, texts

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
OWNER, KEEP, NOBODY = "X-Device-Owner", "X-Offline-Keep", "-"
# What the page's offline sender sends with every save it kept (static/js/offline.js, ``send``).
OUTBOX = {"Accept": "application/json", "X-Requested-With": "outbox"}
# What a browser sends with a form it submits itself.
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
CULTURAL = {"title": "Greetings at the market", "occurred_on": YESTERDAY, "theme": "language", "body": "Elders first."}


@dataclass
class Team:
    """A cohort with an intern who writes (``author``), a fellow intern, a supervisor, a reviewer and a
    coordinator, and another cohort; ``values`` fills the addresses below: the cohorts, the author's
    id, the author's private entry (``own``), entry shared with the cohort (``shared``) and entry in
    the trash (``trashed``), and the fellow's private entry (``fellows``)."""

    author: User
    fellow: User
    supervisor: User
    reviewer: User
    coordinator: User
    values: dict


@pytest.fixture
def team(make) -> Team:
    """The people of a cohort and the entries the tests ask for."""
    cohort, other = make.cohort(), make.cohort()
    author, fellow = make.member(cohort, "intern"), make.member(cohort, "intern")
    supervisor, reviewer = make.member(cohort, "supervisor"), make.member(cohort, "reviewer")
    values = {
        "cohort": cohort.id,
        "other_cohort": other.id,
        "author": author.id,
        "own": make.entry(author, cohort, kind="cultural", title="Market day").id,
        "shared": make.entry(author, cohort, kind="ethics", title="Consent", visibility="cohort").id,
        "trashed": make.entry(author, cohort, title="Thrown away", deleted=True).id,
        "fellows": make.entry(fellow, cohort, title="Not yours").id,
    }
    return Team(author, fellow, supervisor, reviewer, make.admin(), values)


def client_of(app, user: User | None = None):
    """A browser of its own, logged in as ``user`` (nobody without one)."""
    client = app.test_client()
    if user is not None:
        log_in_as(client, user)
    return client


def fetch(client, address: str, **kwargs):
    """The answer to a GET, read whole and closed (a static file left open is a ResourceWarning)."""
    response = client.get(address, **kwargs)
    response.get_data()
    response.close()
    return response


def marker(app, user: User) -> str:
    """``user``'s owner marker, as the server computes it."""
    with app.app_context():
        return device_keys.owner_marker(db.session.get(User, user.id))


def flashes(client, address: str) -> list[str]:
    """The messages shown on the page at ``address``."""
    response = client.get(address)
    assert response.status_code == 200, address
    return texts(response.get_data(as_text=True), ".flashes .flash")


def count(query, column, *where) -> int:
    """How many rows of ``column``'s table there are (that match ``where``)."""
    return query(lambda session: session.scalar(select(func.count(column)).where(*where)))


# -- X-Device-Owner: whose page this is --


def test_a_logged_in_page_names_its_account_by_the_owner_marker(app, team):
    author, fellow = client_of(app, team.author), client_of(app, team.fellow)
    journal = "/journal/{cohort}/".format(**team.values)
    mine, theirs = author.get(journal), fellow.get(journal)
    assert mine.status_code == theirs.status_code == 200
    assert mine.headers[OWNER] == marker(app, team.author)
    assert theirs.headers[OWNER] == marker(app, team.fellow)
    assert mine.headers[OWNER] != theirs.headers[OWNER]
    # Every page of the account says so, those it may not keep too: a 404 must not look like a logout.
    for address in ("/account", "/entries/{fellows}".format(**team.values), "/no-such-page"):
        response = author.get(address)
        assert response.headers[OWNER] == marker(app, team.author), (address, response.status_code)


def test_pages_of_nobody_say_so_before_login_and_after_logout(app, client, auth, team):
    for address in ("/login", "/offline", "/manifest.webmanifest"):
        assert client.get(address).headers[OWNER] == NOBODY, address
    logged_in = auth.login(team.author.email)
    assert logged_in.status_code == 302 and logged_in.headers[OWNER] == marker(app, team.author)
    assert client.get("/journal/{cohort}/".format(**team.values)).headers[OWNER] == marker(app, team.author)
    logged_out = auth.logout()
    assert logged_out.status_code == 302 and logged_out.headers[OWNER] == NOBODY
    assert logged_out.headers["Location"] == "/login"
    login = client.get("/login")
    assert (login.status_code, login.headers[OWNER]) == (200, NOBODY)


def test_requests_the_browser_makes_in_the_background_never_set_the_session_cookie(app, client, auth, team):
    """The worker keeps its shell and pages ahead of need while the person goes on: an answer to one
    of those, sent with the cookie from before a logout, must not put that cookie back."""
    auth.login(team.author.email)
    journal = "/journal/{cohort}/".format(**team.values)
    assert "Set-Cookie" in client.get(journal).headers  # a page the person opens refreshes the session
    worker = client.get("/service-worker.js")
    shell = re.search(r"const SHELL = (\[.*?\]);", worker.get_data(as_text=True)).group(1)
    background = [worker, client.get(journal, headers={"X-Offline-Warm": "1"})]
    background += [client.get(address) for address in json.loads(shell)]
    for answer in background:
        assert answer.status_code == 200 and "Set-Cookie" not in answer.headers, answer.request.path


def test_a_page_kept_ahead_of_need_leaves_the_flashed_message_for_the_next_page(app, client, auth, team):
    auth.login(team.author.email)
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Entry saved. Only you can see it.")]
    journal = "/journal/{cohort}/".format(**team.values)
    assert "Entry saved" not in client.get(journal, headers={"X-Offline-Warm": "1"}).get_data(as_text=True)
    assert "Entry saved" in client.get(journal).get_data(as_text=True)


def test_a_server_error_says_nothing_so_an_outage_wipes_nothing_kept(app, make):
    @app.get("/offline-test/failing")
    def failing():
        """A page whose view fails."""
        raise RuntimeError("the view failed")

    @app.get("/offline-test/unavailable")
    def unavailable():
        """A page of a server that cannot answer now."""
        abort(503)

    for client in (client_of(app), client_of(app, make.user())):
        for address, status in (("/offline-test/failing", 500), ("/offline-test/unavailable", 503)):
            response = client.get(address)
            assert response.status_code == status, address
            assert OWNER not in response.headers and KEEP not in response.headers, address
        assert client.get("/offline-test/no-such-page").headers[OWNER]  # a 4xx still says whose page it is


def test_static_files_say_nothing_of_whose_they_are(app, team):
    client = client_of(app, team.author)
    version = app.extensions["static_version"]
    for address in (f"/static/{version}/css/app.css", f"/static/{version}/icons/icon-192.png", "/static/js/offline.js"):
        response = fetch(client, address)
        assert response.status_code == 200, address
        assert OWNER not in response.headers and KEEP not in response.headers, address
    assert fetch(client, "/manifest.webmanifest").headers[OWNER] == marker(app, team.author)


# -- X-Offline-Keep: which pages a device may keep --

OWN_PAGES = [
    "/journal/{cohort}/",
    "/journal/{cohort}/new",
    *(f"/journal/{{cohort}}/new?kind={kind}" for kind in KINDS),
    "/entries/{own}",
    "/entries/{own}/edit",
    "/entries/{shared}",  # the author's own, shared or not
    "/entries/{shared}/edit",
]


@pytest.mark.parametrize("address", OWN_PAGES)
def test_the_interns_own_pages_may_be_kept(app, team, address):
    response = client_of(app, team.author).get(address.format(**team.values))
    assert (response.status_code, response.mimetype) == (200, "text/html")
    assert response.headers.get(KEEP) == "1"
    assert response.headers[OWNER] == marker(app, team.author)


# (who asks, address, the status it answers): pages no device keeps, each asked by someone who may ask.
NEVER_KEPT = [
    ("fellow", "/entries/{shared}", 200),  # another intern's entry, shared with the cohort
    ("supervisor", "/entries/{shared}", 200),
    ("supervisor", "/home/{cohort}", 200),
    ("supervisor", "/review/{cohort}/", 200),
    ("supervisor", "/review/{cohort}/queue", 200),
    ("supervisor", "/review/{cohort}/interns/{author}", 200),
    ("reviewer", "/home/{cohort}", 200),
    ("reviewer", "/portfolio/{cohort}/submissions", 200),
    ("coordinator", "/cohorts/", 200),
    ("coordinator", "/cohorts/{cohort}", 200),
    ("coordinator", "/review/{cohort}/", 200),
    ("author", "/journal/{cohort}/search?q=market", 200),
    ("author", "/journal/{cohort}/trash", 200),
    ("author", "/entries/{fellows}", 404),
    ("author", "/entries/{trashed}", 404),
    ("author", "/entries/999999999", 404),
    ("author", "/entries/999999999/edit", 404),
    ("author", "/journal/{other_cohort}/new?kind=clinical", 404),
    ("fellow", "/entries/{shared}/edit", 404),
]


@pytest.mark.parametrize(("person", "address", "status"), NEVER_KEPT)
def test_pages_that_are_not_the_interns_own_are_never_kept(app, team, person, address, status):
    response = client_of(app, getattr(team, person)).get(address.format(**team.values))
    assert response.status_code == status
    assert KEEP not in response.headers
    assert response.headers[OWNER] == marker(app, getattr(team, person))


def test_a_form_sent_back_with_errors_is_never_kept(app, team):
    """The form as sent, with what to fix, belongs to that moment: the device keeps the empty form."""
    client = client_of(app, team.author)
    sent = {
        "new form": client.post(
            "/journal/{cohort}/new?kind=cultural".format(**team.values), data={**CULTURAL, "title": ""}
        ),
        "edit form": client.post(
            "/entries/{own}/edit".format(**team.values), data={**CULTURAL, "title": "", "base_version": "1"}
        ),
        "no kind": client.post("/journal/{cohort}/new".format(**team.values), data=CULTURAL),
    }
    answers = {name: (response.status_code, response.mimetype) for name, response in sent.items()}
    assert answers == {"new form": (200, "text/html"), "edit form": (200, "text/html"), "no kind": (422, "text/html")}
    assert [name for name, response in sent.items() if KEEP in response.headers] == []
    assert {response.headers[OWNER] for response in sent.values()} == {marker(app, team.author)}


def test_only_an_html_page_answered_to_a_logged_in_get_is_kept(app, team):
    """What a view's ``keep_this_page()`` allows: a device keeps an account's pages, not a JSON answer,
    a file, or what a form sent brought back."""

    @app.route("/offline-test/kept", methods=["GET", "POST"])
    def kept():
        """A page its view lets a device keep, answered as the query string asks."""
        keep_this_page()
        if request.args.get("as") == "json":
            return jsonify(title="Market day")
        if request.args.get("as") == "text":
            return Response("Market day", mimetype="text/plain")
        return "<p>Market day</p>"

    intern, nobody = client_of(app, team.author), client_of(app)
    assert intern.get("/offline-test/kept").headers.get(KEEP) == "1"
    refused = {
        "json": intern.get("/offline-test/kept?as=json"),
        "text": intern.get("/offline-test/kept?as=text"),
        "post": intern.post("/offline-test/kept"),
        "nobody's": nobody.get("/offline-test/kept"),
    }
    assert {name: response.status_code for name, response in refused.items()} == dict.fromkeys(refused, 200)
    assert [name for name, response in refused.items() if KEEP in response.headers] == []


# -- the journal's list of the pages to keep --


def listed_pages(html: str) -> list[dict]:
    """The pages the journal page lists for the device to keep (``#offline-pages``)."""
    block = one(html, "script#offline-pages")
    assert block["type"] == "application/json" and not block.has_attr("src")
    return json.loads(block.string)


def test_the_journal_lists_its_forms_and_the_authors_fifty_latest_entries(app, make):
    cohort, elsewhere = make.cohort(), make.cohort()
    author, other = make.member(cohort, "intern"), make.member(cohort, "intern")
    make.membership(author, elsewhere, "intern")
    now = utcnow()
    # 55 entries changed a minute apart, the latest first, at versions 1 to 3.
    visibilities = ("private", "supervisors", "cohort")
    mine = [
        make.entry(
            author, cohort, updated_at=now - timedelta(minutes=n), version=1 + n % 3, visibility=visibilities[n % 3]
        )
        for n in range(55)
    ]
    # Changed later than any of them, yet not this journal's: in the trash, someone else's, another cohort's.
    make.entry(author, cohort, updated_at=now + timedelta(minutes=1), deleted=True)
    make.entry(other, cohort, updated_at=now + timedelta(minutes=1), visibility="cohort")
    make.entry(author, elsewhere, updated_at=now + timedelta(minutes=1))

    response = client_of(app, author).get(f"/journal/{cohort.id}/")
    assert response.status_code == 200
    listed = listed_pages(response.get_data(as_text=True))

    journal = f"/journal/{cohort.id}/"
    forms = [f"/journal/{cohort.id}/new", *(f"/journal/{cohort.id}/new?kind={kind}" for kind in KINDS)]
    assert [page_["url"] for page_ in listed[:6]] == ["/start", journal, *forms]
    assert all(isinstance(page_["version"], str) for page_ in listed[:6])
    assert KEPT_OFFLINE == 50
    assert listed[6:] == [
        {"url": address, "version": f"{entry.version}.{entry.visibility}.0"}
        for entry in mine[:KEPT_OFFLINE]
        for address in (f"/entries/{entry.id}", f"/entries/{entry.id}/edit")
    ]


def test_the_list_costs_the_journal_page_at_most_one_query(app, make, count_queries):
    cohort = make.cohort()
    author = make.member(cohort, "intern")
    client = client_of(app, author)
    make.entry(author, cohort)
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    for _ in range(54):
        make.entry(author, cohort)
    many = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    assert few > 0 and many == few
    # What the list adds to the page, measured alone.
    statements = []

    def record(conn, cursor, statement, *args):
        """Note each statement sent to the database."""
        statements.append(statement)

    with app.test_request_context():
        person = db.session.get(User, author.id)
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            listed = offline_pages(person, cohort.id)
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert len(listed) == 6 + 2 * KEPT_OFFLINE
    assert len(statements) <= 1, statements


# -- saves sent by the page's offline sender --


def new_form_key(client, cohort_id: int) -> str:
    """Open the new-entry form; the idempotency key it carries."""
    return field_value(client.get(f"/journal/{cohort_id}/new?kind=cultural").get_data(as_text=True), "idempotency_key")


def test_a_new_entry_sent_by_the_outbox_is_told_where_it_is_saved(app, team, query):
    client = client_of(app, team.author)
    cohort = team.values["cohort"]
    data = {**CULTURAL, "title": "Sent from the outbox", "idempotency_key": new_form_key(client, cohort)}
    response = client.post(f"/journal/{cohort}/new?kind=cultural", data=data, headers=OUTBOX)
    entry_id = query(lambda s: s.scalar(select(Entry.id).where(Entry.title == "Sent from the outbox")))
    assert (response.status_code, response.mimetype) == (200, "application/json")
    assert response.get_json() == {"saved": True, "url": f"/entries/{entry_id}"}
    # The message waits for the page the sender opens next, and is shown once.
    assert flashes(client, f"/journal/{cohort}/") == ["Entry saved. Only you can see it."]
    assert flashes(client, f"/journal/{cohort}/") == []


def test_an_edit_sent_by_the_outbox_is_told_where_it_is_saved(app, team, query):
    client = client_of(app, team.author)
    own = team.values["own"]
    data = {**CULTURAL, "body": "Edited offline.", "base_version": "1"}
    response = client.post(f"/entries/{own}/edit", data=data, headers=OUTBOX)
    assert (response.status_code, response.mimetype) == (200, "application/json")
    assert response.get_json() == {"saved": True, "url": f"/entries/{own}"}
    assert query(lambda s: (s.get(Entry, own).body, s.get(Entry, own).version)) == ("Edited offline.", 2)
    assert flashes(client, f"/entries/{own}") == ["Entry saved. The earlier version is kept in its history."]


def test_a_browsers_form_is_still_redirected(app, team, query):
    client = client_of(app, team.author)
    cohort, own = team.values["cohort"], team.values["own"]
    for version, headers in enumerate(({}, BROWSER), start=1):
        title = f"Sent by the browser {version}"
        data = {**CULTURAL, "title": title, "idempotency_key": new_form_key(client, cohort)}
        new = client.post(f"/journal/{cohort}/new?kind=cultural", data=data, headers=headers)
        entry_id = query(lambda s, title=title: s.scalar(select(Entry.id).where(Entry.title == title)))
        assert (new.status_code, new.headers["Location"]) == (302, f"/entries/{entry_id}")
        edit = client.post(f"/entries/{own}/edit", data={**data, "base_version": str(version)}, headers=headers)
        assert (edit.status_code, edit.headers["Location"]) == (302, f"/entries/{own}")
    assert query(lambda s: s.get(Entry, own).version) == 3


def test_a_new_entry_sent_twice_with_one_key_is_saved_once(app, team, query):
    client = client_of(app, team.author)
    cohort = team.values["cohort"]
    data = {**CULTURAL, "title": "Sent twice", "idempotency_key": new_form_key(client, cohort)}
    first = client.post(f"/journal/{cohort}/new?kind=cultural", data=data, headers=OUTBOX)
    again = client.post(f"/journal/{cohort}/new?kind=cultural", data=data, headers=OUTBOX)
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json() and first.get_json()["saved"] is True
    assert count(query, Entry.id, Entry.title == "Sent twice") == 1
    assert count(query, EntryRevision.id, EntryRevision.entry_id == int(first.get_json()["url"].rsplit("/", 1)[1])) == 1


def test_an_edit_sent_again_after_its_answer_was_lost_is_saved_once_and_another_is_a_conflict(app, team, query):
    client = client_of(app, team.author)
    own = team.values["own"]
    revisions = count(query, EntryRevision.id, EntryRevision.entry_id == own)
    data = {**CULTURAL, "body": "Written on the bus.", "base_version": "1"}
    first = client.post(f"/entries/{own}/edit", data=data, headers=OUTBOX)
    again = client.post(f"/entries/{own}/edit", data=data, headers=OUTBOX)
    assert first.status_code == again.status_code == 200
    assert first.get_json() == again.get_json() == {"saved": True, "url": f"/entries/{own}"}
    assert count(query, EntryRevision.id, EntryRevision.entry_id == own) == revisions + 1
    assert query(lambda s: s.get(Entry, own).version) == 2
    # Other text begun on the same old version meets the newer one: shown side by side, nothing overwritten.
    other = client.post(f"/entries/{own}/edit", data={**data, "body": "Written on the laptop."}, headers=OUTBOX)
    assert other.status_code == 409
    assert query(lambda s: (s.get(Entry, own).body, s.get(Entry, own).version)) == ("Written on the bus.", 2)
    assert count(query, EntryRevision.id, EntryRevision.entry_id == own) == revisions + 1


def test_the_session_state_is_refused_to_nobody(client):
    response = client.get("/offline/session", headers={"Accept": "application/json"})
    assert (response.status_code, response.mimetype) == (401, "application/json")
    answer = response.get_json()
    assert isinstance(answer.get("error"), str) and answer["error"]
    assert "owner" not in answer and "csrf_token" not in answer
    assert response.headers[OWNER] == NOBODY


class TestWithFormTokens:
    """The sender's saves and the session state, with CSRF protection on as in production."""

    @pytest.fixture
    def app_config(self):
        """CSRF protection on (the suite's apps run without it)."""
        return {"WTF_CSRF_ENABLED": True}

    def test_the_session_state_names_the_account_and_gives_a_token_a_save_accepts(self, app, team, query):
        client = client_of(app, team.author)
        state = client.get("/offline/session", headers={"Accept": "application/json"})
        assert (state.status_code, state.mimetype) == (200, "application/json")
        answer = state.get_json()
        assert set(answer) == {"owner", "csrf_token"}
        assert answer["owner"] == state.headers[OWNER] == marker(app, team.author)
        cohort = team.values["cohort"]
        data = {**CULTURAL, "title": "Sent with a fresh token", "csrf_token": answer["csrf_token"]}
        saved = client.post(f"/journal/{cohort}/new?kind=cultural", data=data, headers=OUTBOX)
        assert saved.status_code == 200 and saved.get_json()["saved"] is True
        assert count(query, Entry.id, Entry.title == "Sent with a fresh token") == 1

    @pytest.mark.parametrize("token", ["forged", "another session's"])
    @pytest.mark.parametrize("address", ["/journal/{cohort}/new?kind=cultural", "/entries/{own}/edit"])
    def test_a_script_sent_with_a_bad_token_is_told_to_try_again(self, app, team, query, token, address):
        client = client_of(app, team.author)
        own_token = client.get("/offline/session").get_json()["csrf_token"]
        if token == "forged":
            sent = own_token[::-1]
        else:  # the same account, in another browser
            sent = client_of(app, team.author).get("/offline/session").get_json()["csrf_token"]
        assert sent != own_token
        data = {**CULTURAL, "title": "Never saved", "base_version": "1", "csrf_token": sent}
        response = client.post(address.format(**team.values), data=data, headers=OUTBOX)
        assert (response.status_code, response.mimetype) == (400, "application/json")
        answer = response.get_json()
        assert answer["retry"] is True and isinstance(answer["error"], str) and answer["error"]
        assert count(query, Entry.id, Entry.title == "Never saved") == 0

    def test_a_browser_sent_with_a_bad_token_gets_the_page(self, app, team, query):
        client = client_of(app, team.author)
        data = {**CULTURAL, "title": "Never saved", "csrf_token": "not-a-token"}
        response = client.post("/journal/{cohort}/new?kind=cultural".format(**team.values), data=data, headers=BROWSER)
        assert (response.status_code, response.mimetype) == (400, "text/html")
        assert "This form has expired" in response.get_data(as_text=True)
        assert count(query, Entry.id, Entry.title == "Never saved") == 0


# -- the service worker's script --


def worker_script(client) -> str:
    """The service worker as served."""
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def constant(script: str, name: str):
    """The value of the script's top-level ``const name = <JSON>;``."""
    found = re.search(rf"^const {name} = (.+);$", script, re.MULTILINE)
    assert found, f"no const {name} in the worker"
    return json.loads(found.group(1))


def shell_for(version: str) -> list[str]:
    """What the worker keeps from install on: every file under static/ at its address for ``version``,
    the offline page and the manifest."""
    files = sorted(path.relative_to(STATIC).as_posix() for path in STATIC.rglob("*") if path.is_file())
    return [f"/static/{version}/{name}" for name in files] + ["/offline", "/manifest.webmanifest"]


def test_the_worker_is_a_script_for_the_whole_site_with_its_values_filled_in(app, client, tmp_path):
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    script = response.get_data(as_text=True)
    for placeholder in ("__VERSION__", "__SHELL__", "__SESSION_SECONDS__"):
        assert placeholder not in script
    assert re.fullmatch(r"[0-9a-f]{12}", constant(script, "VERSION"))
    assert sorted(constant(script, "SHELL")) == sorted(shell_for(app.extensions["static_version"]))
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the worker's syntax is checked only by the browser tests")
    (tmp_path / "service-worker.js").write_text(script, encoding="utf-8")
    checked = subprocess.run([node, "--check", str(tmp_path / "service-worker.js")], capture_output=True, text=True)  # noqa: S603
    assert checked.returncode == 0, checked.stderr


def test_the_worker_can_fetch_its_whole_shell(app, client):
    """Installing fails unless every address of the shell answers (``cache.addAll``)."""
    for address in constant(worker_script(client), "SHELL"):
        assert fetch(client, address).status_code == 200, address


# Another server process built from the same files: its own secret key, hash seed and database.
BUILT_ELSEWHERE = """
import sys
from journal import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "another-server", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
sys.stdout.write(app.test_client().get("/service-worker.js").get_data(as_text=True))
"""


def test_the_worker_is_the_same_from_every_server_built_from_the_same_files(app, team):
    first = worker_script(client_of(app))
    # Another app in this process, first asked by a logged-in intern with a message waiting.
    other = make_app(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        intern = client_of(other, team.author)
        with intern.session_transaction() as session:
            session["_flashes"] = [("success", "Entry saved.")]
        assert worker_script(intern) == first
    finally:
        with other.app_context():
            db.engine.dispose()
    built = subprocess.run(  # noqa: S603
        [sys.executable, "-c", BUILT_ELSEWHERE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    assert built.returncode == 0, built.stderr
    assert built.stdout == first


def test_a_release_that_changes_a_static_file_changes_the_worker(app, client):
    first = worker_script(client)
    # What a new release does: another static version, and the worker made again for it.
    app.extensions["static_version"] = "0123456789ab"
    app.extensions.pop("service_worker")
    changed = worker_script(client)
    assert constant(changed, "VERSION") != constant(first, "VERSION")
    assert sorted(constant(changed, "SHELL")) == sorted(shell_for("0123456789ab"))
