"""When the database is down or the disk is full, people are told what happened to their work.

- The database cannot be reached (PostgreSQL stopped, an SQLite file that cannot be opened): every
  page, logged-in ones included, answers 503 with Retry-After and says the journal is briefly
  unavailable and nothing saved before is lost, without needing the database to say so; the log
  gets one short line, not tracebacks.
- The disk is full (SQLite "database or disk is full", PostgreSQL "could not extend file", an
  OSError ENOSPC): the save did not go through, and the page says so and gives the typed text
  back in a form to send again; a script gets JSON 507.
- Any other failure: the 500 page promises nothing it cannot know.
"""

import logging

import psycopg
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from journal import search
from journal.extensions import db
from journal.models import Draft, Entry
from tests.conftest import Maker, log_in_as, make_app

FETCH_JSON = {"Accept": "application/json"}
DEAD = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/none",  # nothing listens on port 1
    "sqlite": "sqlite:////nonexistent-directory/journal.db",  # a file that cannot be opened
}
TYPED_TITLE = "Ward round with the interpreter"
TYPED_BODY = "## What happened\n\n" + "The family asked about the night before. " * 400


@pytest.fixture
def intern(make):
    cohort = make.cohort()
    return make.member(cohort, "intern"), cohort


def _logged_in_on(app, user):
    client = app.test_client()
    log_in_as(client, user)
    return client


def _with_cookies_of(client, app):
    """A client of ``app`` holding ``client``'s cookies (the same SECRET_KEY signs them)."""
    other = app.test_client()
    cookie = client.get_cookie("session")
    other.set_cookie("session", cookie.value)
    return other


def _problems_logged(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.WARNING]


@pytest.fixture(params=sorted(DEAD))
def dead_app(request):
    """The app pointed at a database that does not answer."""
    application = make_app(DEAD[request.param])
    yield application
    with application.app_context():
        db.engine.dispose()


def test_a_logged_in_page_says_briefly_unavailable_with_503_when_the_database_is_down(app, intern, dead_app, caplog):
    person, cohort = intern
    client = _with_cookies_of(_logged_in_on(app, person), dead_app)
    caplog.set_level(logging.INFO)
    response = client.get(f"/journal/{cohort.id}/")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "briefly unavailable" in page
    assert "Nothing you saved before is lost" in page
    (logged,) = _problems_logged(caplog)
    assert logged.exc_info is None and "Traceback" not in caplog.text
    assert len(logged.getMessage()) < 400 and "\n" not in logged.getMessage()
    assert f"/journal/{cohort.id}/" in logged.getMessage()


def test_a_script_gets_json_503_and_a_form_post_gets_its_text_back_when_the_database_is_down(app, intern, dead_app):
    person, cohort = intern
    client = _with_cookies_of(_logged_in_on(app, person), dead_app)
    autosave = client.post(f"/journal/{cohort.id}/drafts", json={"kind": "cultural", "fields": {"title": "t"}})
    assert autosave.status_code == 503 and autosave.is_json
    assert set(autosave.get_json()) == {"error", "message"}
    assert int(autosave.headers["Retry-After"]) > 0

    data = {"title": TYPED_TITLE, "occurred_on": "2026-01-10", "theme": "family", "body": TYPED_BODY}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "may not have been saved" in page
    assert TYPED_TITLE in page and "The family asked about the night before." in page


def test_the_login_form_says_briefly_unavailable_when_the_database_is_down(dead_app):
    response = dead_app.test_client().post("/login", data={"email": "a@example.org", "password": "secret words"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "briefly unavailable" in page and "you cannot log in" in page
    assert "may not have been saved" not in page and "home page" not in page
    assert 'href="/login">Back to the page' in page
    assert "secret words" not in page


def test_the_unavailable_page_keeps_its_style_for_a_logged_in_person(app, intern, dead_app):
    """The stylesheet and icon of the 503 page need no database, even with a session cookie."""
    person, _ = intern
    client = _with_cookies_of(_logged_in_on(app, person), dead_app)
    for path in ("/static/css/app.css", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


# -- disk full --


@pytest.fixture
def small_disk(tmp_path):
    """An app on its own SQLite file (whatever database the run uses), and a function that stops
    the file from growing: real writes then fail as on a full disk (SQLITE_FULL)."""
    application = make_app(f"sqlite:///{tmp_path / 'full.db'}")
    with application.app_context():
        db.create_all()
        search.create_schema(db.session.connection())
        db.session.commit()
        engine = db.engine

    def no_more_pages(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    def fill():
        event.listen(engine, "connect", no_more_pages)
        engine.dispose()

    yield application, fill
    with application.app_context():
        db.engine.dispose()


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def test_a_save_on_a_full_disk_says_it_did_not_go_through_and_gives_the_text_back(small_disk):
    app, fill = small_disk
    make = Maker(app)
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    client = _logged_in_on(app, person)
    fill()
    data = {"title": TYPED_TITLE, "occurred_on": "2026-01-10", "theme": "family", "body": TYPED_BODY}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 507
    assert "did not go through" in page
    assert "Nothing you saved was lost" not in page
    assert TYPED_TITLE in page and "The family asked about the night before." in page
    assert f'action="/journal/{cohort.id}/new?kind=cultural"' in page  # a form to send it again
    assert _count(app, Entry) == 0


def test_an_autosave_on_a_full_disk_gets_json_507(small_disk):
    app, fill = small_disk
    make = Maker(app)
    cohort = make.cohort()
    client = _logged_in_on(app, make.member(cohort, "intern"))
    fill()
    fields = {"title": TYPED_TITLE, "body": TYPED_BODY}
    response = client.post(f"/journal/{cohort.id}/drafts", json={"kind": "cultural", "fields": fields})
    assert response.status_code == 507 and response.is_json
    body = response.get_json()
    assert set(body) == {"error", "message"}
    assert "not saved" in body["message"] or "did not go through" in body["error"]
    assert _count(app, Draft) == 0


def test_a_write_to_a_full_device_and_a_full_postgresql_disk_say_the_save_did_not_go_through(app):
    """ENOSPC from a real write (to /dev/full), and PostgreSQL's DiskFull as SQLAlchemy raises it."""

    def write_a_file():
        with open("/dev/full", "w") as full:
            full.write("x" * 100_000)
        return "not reached"

    def postgresql_full():
        orig = psycopg.errors.DiskFull('could not extend file "base/16384/16385": No space left on device')
        raise OperationalError("INSERT INTO entries ...", {}, orig)

    app.add_url_rule("/errors-test/enospc", "errors_test_enospc", write_a_file, methods=["POST"])
    app.add_url_rule("/errors-test/pg-full", "errors_test_pg_full", postgresql_full, methods=["POST"])
    client = app.test_client()
    for path in ("/errors-test/enospc", "/errors-test/pg-full"):
        page = client.post(path, data={"note": "typed words"})
        assert page.status_code == 507
        assert "did not go through" in page.get_data(as_text=True)
        assert "typed words" in page.get_data(as_text=True)
        answer = client.post(path, headers=FETCH_JSON)
        assert answer.status_code == 507 and answer.is_json


def test_the_500_page_promises_nothing_it_cannot_know(app):
    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/errors-test/broken", "errors_test_broken", broken, methods=["GET", "POST"])
    client = app.test_client()
    sent = client.post("/errors-test/broken", data={"note": "my own words"})
    for response in (client.get("/errors-test/broken"), sent):
        page = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Something went wrong on our side" in page
        assert "Nothing you saved was lost" not in page
    assert "may not have been saved" in page and "my own words" in page
