"""Fixtures: a fresh database for every test, on SQLite or on the PostgreSQL given by --database-url."""

import os
import re
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event, make_url, select, text
from sqlalchemy.orm import selectinload, undefer
from sqlalchemy.pool import NullPool

from journal import create_app, jobs, search
from journal.auth import sessions
from journal.extensions import db
from journal.models import Framework, Submission
from tests import factories, route_builders
from tests.resilience.server import Gunicorn
from tests.saved_database import SavedDatabase, SavedDatabases
from tests.template_cache import COMPILED_TEMPLATES

# The access table's ``world`` fixture, for every test that asks for it (tests/access_table.py).
pytest_plugins = ["tests.access_table"]

route_builders.install()  # Werkzeug's URL builders compiled once per run, not once per test's app


# Tests that run for tens of seconds each (real servers, browsers, the privacy crawl) go first, so
# that pytest-xdist shares them out while the short ones fill the gaps, instead of one worker
# finishing a long test alone at the end. Within each group the order is the collection order.
LONG_FIRST = ("tests/test_privacy_crawl.py", "tests/e2e/", "tests/resilience/", "tests/test_logs.py")


def pytest_collection_modifyitems(config, items):
    """Put the long tests first, longest group first (the sort is stable: the rest keep their order).

    With ``--database-url`` (the suite run again on PostgreSQL), only the tests that use a database run: a test
    that asks for no ``database_url``, directly or through its fixtures, never sees the option and would only
    repeat what the SQLite run showed (the identifier detector, the catalogs, the scripts). They are deselected
    and counted as such in pytest's summary.
    """

    def rank(item) -> int:
        return next((i for i, prefix in enumerate(LONG_FIRST) if item.nodeid.startswith(prefix)), len(LONG_FIRST))

    if config.getoption("--database-url"):
        uses = {item: "database_url" in getattr(item, "fixturenames", ()) for item in items}
        config.hook.pytest_deselected(items=[item for item in items if not uses[item]])
        items[:] = [item for item in items if uses[item]]
    items.sort(key=rank)


def pytest_addoption(parser):
    parser.addoption(
        "--database-url",
        default=None,
        help="Run the database-backed tests on this database (PostgreSQL) instead of a fresh SQLite file.",
    )


def reset_schema(url: str) -> None:
    """Drop everything in the database at ``url`` and create the app's schema afresh."""
    engine = create_engine(url, poolclass=NullPool)  # its connections closed as soon as they are let go
    with engine.begin() as connection:
        search.drop_schema(connection)
        db.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.metadata.create_all(connection)
        search.create_schema(connection)
    engine.dispose()


def _worker_database(url: str, worker: str) -> str:
    """A database of its own for one pytest-xdist worker, beside the one given (created if missing)."""
    given = make_url(url)
    name = f"{given.database}_{worker}"
    admin = create_engine(given, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return given.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(request):
    """The PostgreSQL URL for this run, or None for SQLite; the schema is created once per run.

    Under pytest-xdist (``-n``), each worker gets its own database next to the given one.
    """
    url = request.config.getoption("--database-url")
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if url and worker:
        url = _worker_database(url, worker)
    if url:
        reset_schema(url)
    return url


def _empty_tables(app) -> None:
    """Leave the shared PostgreSQL database as empty as a new one: no rows, every id counting from 1.

    DELETE, children first (the search index goes with its entries), in one statement: on tables of
    a few rows it takes milliseconds where TRUNCATE, which gives every table new files, takes
    hundreds."""
    tables = reversed(db.metadata.sorted_tables)
    deletes = "; ".join(f'DELETE FROM "{table.name}"' for table in tables)  # noqa: S608 (the app's own tables)
    with app.app_context():
        db.session.execute(text(deletes))
        db.session.execute(
            text(
                "SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false)"
                " FROM pg_sequences WHERE schemaname = current_schema()"
            )
        )
        db.session.commit()


def without_csrf_tokens(html: str) -> str:
    """A page with its CSRF tokens removed (they carry a timestamp), for comparing two pages."""
    return re.sub(r'(name="csrf-token" content|name="csrf_token" value)="[^"]*"', r"\1", html)


def make_app(url: str, **overrides):
    """An application configured for tests on the given database."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_NAMESPACE": f"test-{uuid.uuid4().hex}",
        "MAIL_SERVER": None,
        "SERVER_NAME": None,
        # Jobs run in a thread unless a test starts its own RQ worker (tests/portfolio/test_export.py).
        "JOB_QUEUE": "thread",
        "PUBLIC_URL": None,
    }
    config.update(overrides)
    application = create_app(config)
    application.jinja_env.bytecode_cache = COMPILED_TEMPLATES  # each template compiled once per run
    return application


@pytest.fixture
def app_config():
    """Settings a test module may override (for example to turn CSRF protection on)."""
    return {}


def create_schema(application) -> None:
    """Create the app's tables and search index in its (SQLite) database."""
    with application.app_context():
        db.create_all()
        search.create_schema(db.session.connection())
        db.session.commit()


@pytest.fixture(scope="session")
def sqlite_schema(database_url, tmp_path_factory) -> SavedDatabase | None:
    """On SQLite, the app's schema in an empty database, made once per run (per xdist worker): each
    test's database is a copy of it, which takes a small part of the time ``create_all`` takes."""
    if database_url is not None:
        return None
    folder = tmp_path_factory.mktemp("schema")
    application = make_app(f"sqlite:///{folder / 'built.db'}")
    create_schema(application)
    saved = SavedDatabase.save(application, str(folder / "schema.db"))
    with application.app_context():
        db.engine.dispose()
    return saved


@pytest.fixture(scope="session")
def saved_databases(tmp_path_factory) -> SavedDatabases:
    """Databases built once per run (per xdist worker) and copied into each test's own (``load``)."""
    return SavedDatabases(tmp_path_factory.mktemp("saved"))


@pytest.fixture
def app(database_url, sqlite_schema, tmp_path, app_config):
    """A fresh application and an empty database (on SQLite, a new file holding only the schema)."""
    url = database_url or f"sqlite:///{tmp_path / 'test.db'}"
    application = make_app(url, **app_config)
    if database_url is None:
        sqlite_schema.restore(application)
    yield application
    # Background jobs started by the test run in threads: let them finish before the tables go.
    assert jobs.wait_for_jobs(timeout=120), "a background job thread did not finish"
    if database_url is not None:
        _empty_tables(application)
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _push_request_context():
    """Replace pytest-flask's shared request context.

    Each test request then gets its own application context, session and ``g``, as in
    production, instead of silently sharing the test's.
    """
    yield


@pytest.fixture
def client(app):
    """A test browser. Unlike pytest-flask's, it keeps no request's context pushed afterwards,
    so a second browser in the same test never shares the first one's ``g`` or database session."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Invokes the app's flask commands."""
    return app.test_cli_runner()


def stored_submission(app, submission_id: int) -> Submission:
    """A submission as stored, its document and PDF loaded, detached."""
    with app.app_context():
        found = db.session.scalar(
            select(Submission)
            .options(undefer(Submission.document), undefer(Submission.pdf))
            .filter_by(id=submission_id)
        )
        db.session.expunge(found)
        return found


class Maker:
    """Builds committed test data; returns detached objects with their columns loaded."""

    def __init__(self, app):
        self.app = app

    def _save(self, build, *args, **kwargs):
        with self.app.app_context():
            result = build(db.session, *args, **kwargs)
            db.session.commit()
            objects = result if isinstance(result, tuple) else (result,)
            for obj in objects:
                if hasattr(obj, "__mapper__"):
                    db.session.refresh(obj)
                    db.session.expunge(obj)
            return result

    def user(self, **kwargs):
        return self._save(factories.user, **kwargs)

    def admin(self, **kwargs):
        return self._save(factories.user, is_admin=True, **kwargs)

    def cohort(self, **kwargs):
        return self._save(factories.cohort, **kwargs)

    def member(self, cohort, role, **kwargs):
        return self._save(factories.member, cohort, role, **kwargs)

    def membership(self, user, cohort, role):
        return self._save(factories.membership, user, cohort, role)

    def entry(self, author, cohort, **kwargs):
        return self._save(factories.entry, author, cohort, **kwargs)

    def invitation(self, cohort, **kwargs):
        return self._save(factories.invitation, cohort, **kwargs)

    def framework(self, cohort=None, **kwargs):
        """A framework (assigned to ``cohort`` when given); its competencies are loaded."""
        with self.app.app_context():
            found = factories.framework(db.session, cohort_=cohort, **kwargs)
            db.session.commit()
            found = db.session.scalar(
                select(Framework).options(selectinload(Framework.competencies)).where(Framework.id == found.id)
            )
            db.session.expunge_all()
            return found

    def evidence(self, entry, competency_id):
        return self._save(factories.evidence, entry, competency_id)

    def signoff(self, intern, cohort, competency_id, **kwargs):
        return self._save(factories.signoff, intern, cohort, competency_id, **kwargs)

    def comment(self, entry, author, **kwargs):
        return self._save(factories.comment, entry, author, **kwargs)

    def submission(self, intern, cohort, entries, **kwargs):
        """A submitted portfolio, with its document loaded."""
        found = self._save(factories.submission, intern, cohort, entries, **kwargs)
        return stored_submission(self.app, found.id)

    def export_job(self, cohort, user, **kwargs):
        return self._save(factories.export_job, cohort, user, **kwargs)

    def password_reset_link(self, user, **kwargs):
        """An open password-reset link of ``user`` and its token."""
        return self._save(factories.password_reset_link, user, **kwargs)


@pytest.fixture
def make(app):
    return Maker(app)


def log_in_as(client, user) -> None:
    """Act as ``user`` on ``client`` without the login form: open a session row, set its cookie."""
    with client.application.test_request_context():
        token = sessions.open_session(user)
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        session[sessions.SESSION_KEY] = token


class Auth:
    """Logs in and out through the real form."""

    def __init__(self, client):
        self.client = client

    def login(self, email, password=factories.PASSWORD, **kwargs):
        return self.client.post("/login", data={"email": email, "password": password}, **kwargs)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def query(app):
    """Run a function inside an application context (to read what the requests wrote)."""

    def run(fn):
        with app.app_context():
            return fn(db.session)

    return run


@pytest.fixture
def count_queries(app):
    """Count the SQL statements that a function (usually one request) sends to the database."""
    with app.app_context():
        engine = db.engine

    def count(fn) -> int:
        statements = []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = fn()
            assert response.status_code == 200, response.status_code
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(statements)

    return count


def pytest_report_header(config):
    url = config.getoption("--database-url")
    database = f"PostgreSQL {url}" if url else "SQLite (a fresh file per test)"
    redis = os.environ.get("REDIS_URL") or "unset (rate limits in memory)"
    return f"database: {database}; REDIS_URL: {redis}"


@pytest.fixture
def servers(app, tmp_path) -> Iterator:
    """Start gunicorn servers on the test's database: ``servers()`` returns a new, not yet started one.

    All of them share one secret key (a restart keeps sessions) and one log file in ``tmp_path``.
    """
    started: list[Gunicorn] = []
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    secret_key = None

    def new_server(workers: int = 2) -> Gunicorn:
        nonlocal secret_key
        server = Gunicorn(url, tmp_path / "gunicorn.log", workers=workers, secret_key=secret_key)
        secret_key = server.secret_key
        started.append(server)
        return server

    try:
        yield new_server
    finally:
        for server in started:
            server.stop()
