"""``flask backup`` and ``flask restore``: a backup taken while someone writes restores to exactly
what had been committed when it was taken; restore refuses anything but a backup of this app.

The database is the test's own (SQLite file, or this worker's PostgreSQL database), stamped at
the newest migration as ``flask db upgrade`` leaves it. Restores go into a fresh database.
"""

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import threading
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask_migrate import stamp
from sqlalchemy import create_engine, inspect, make_url, select, text, update

from journal import backup as backups
from journal.entries.services import create_entry
from journal.extensions import db
from journal.models import Cohort, Entry, Submission, User
from journal.seed import demo
from tests.conftest import make_app
from tests.factories import PASSWORD_HASH

PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\x00\xff binary to the last byte"


@pytest.fixture
def stamped(app, database_url):
    """The test's database as a migrated one: alembic_version at the newest revision."""
    with app.app_context():
        stamp()
    yield app
    if database_url is not None:  # the worker's PostgreSQL database outlives the test
        with app.app_context():
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()


@pytest.fixture
def populated(stamped, make):
    """The demo cohort, plus entries with comments and threads, and a submission with PDF bytes and JSON."""
    app = stamped
    with app.app_context():
        demo.seed_demo(password_hash=PASSWORD_HASH)
        db.session.commit()
    cohort = make.cohort(name="Backups")
    intern = make.member(cohort, "intern", name="Zoë Ångström")
    supervisor = make.member(cohort, "supervisor")
    entries = [
        make.entry(
            intern, cohort, visibility="supervisors", title=f"Ward round {n}", body=f"Körper 体 🩺 {n}", hours=1.5
        )
        for n in range(5)
    ]
    question = make.comment(entries[0], supervisor, body="What did you learn?")
    make.comment(entries[0], intern, body="Ask before — «always».", parent=question)
    submission = make.submission(intern, cohort, entries[:3])
    with app.app_context():
        db.session.execute(
            update(Submission)
            .where(Submission.id == submission.id)
            .values(pdf=PDF_BYTES, pdf_sha256=hashlib.sha256(PDF_BYTES).hexdigest())
        )
        db.session.commit()
    return app, cohort, intern


class Writer(threading.Thread):
    """Keeps writing entries (each with its revision, tags and search document) until stopped."""

    def __init__(self, app, author_id: int, cohort_id: int):
        super().__init__(name="backup-writer")
        self.app, self.author_id, self.cohort_id = app, author_id, cohort_id
        self.stop = threading.Event()
        self.progress = threading.Condition()
        self.written = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                author, cohort = db.session.get(User, self.author_id), db.session.get(Cohort, self.cohort_id)
                while not self.stop.is_set():
                    fields = {
                        "title": f"Written {self.written}",
                        "occurred_on": date.today(),
                        "body": "While backing up",
                    }
                    create_entry(author, cohort, "cultural", fields | {"theme": "roles"}, ["live"])
                    db.session.commit()
                    with self.progress:
                        self.written += 1
                        self.progress.notify_all()
        except BaseException as error:  # reported by the test
            self.error = error

    def wait_for(self, count: int) -> None:
        """Block until the writer has committed ``count`` entries in all."""
        with self.progress:
            assert self.progress.wait_for(lambda: self.written >= count or self.error, timeout=60), self.written
        assert self.error is None, self.error


@contextmanager
def uncommitted_rename(url: str, cohort_id: int):
    """A write transaction held open from another connection: the cohort renamed, not committed."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=10000")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE cohorts SET name = 'uncommitted' WHERE id = ?", (cohort_id,))
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text("UPDATE cohorts SET name = 'uncommitted' WHERE id = :id"), {"id": cohort_id})
        try:
            yield
        finally:
            connection.rollback()
    engine.dispose()


def _value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return bytes(value) if isinstance(value, memoryview) else value


def table_rows(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's column names and rows (all columns, binary included), rows in a fixed order.

    SQLite's full-text index is read through its virtual table (rowid and columns): the pages of
    its shadow tables depend on the order of writes, not only on what was written.
    """
    engine = create_engine(url)
    found = {}
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            names = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'entry_search_fts_%'"
            ).scalars()
        else:
            names = inspect(connection).get_table_names()
        for name in sorted(names):
            columns = "rowid, *" if name == "entry_search_fts" else "*"
            result = connection.exec_driver_sql(f'SELECT {columns} FROM "{name}"')  # noqa: S608 - names from the catalogue
            rows = [tuple(_value(value) for value in row) for row in result]
            found[name] = (list(result.keys()), sorted(rows, key=repr))
    engine.dispose()
    return found


def entry_of(name: str, columns: list[str], row: tuple) -> int | None:
    """The entry a row belongs to, if any."""
    key = {"entries": "id", "entry_search_fts": "rowid"}.get(name, "entry_id")
    return row[columns.index(key)] if key in columns else None


@pytest.fixture
def fresh_database(database_url, tmp_path):
    """The URL of an empty database to restore into: a new SQLite file, or a new PostgreSQL database."""
    if database_url is None:
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"{make_url(database_url).database}_restored"
    admin = create_engine(make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_a_backup_taken_while_writing_restores_what_was_committed(populated, fresh_database, runner, tmp_path):
    app, cohort, intern = populated
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "journal.backup"
    writer = Writer(app, intern.id, cohort.id)
    writer.start()
    try:
        writer.wait_for(3)
        # Also a transaction open while the backup runs: not waited for, not in the backup.
        with uncommitted_rename(url, cohort.id):
            made = runner.invoke(args=["backup", str(path)])
        writer.wait_for(writer.written + 3)  # and the writer went on after it
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    assert writer.error is None, writer.error
    assert made.exit_code == 0, made.output
    assert "Backed up" in made.output and path.stat().st_mode & 0o077 == 0

    restored_app = make_app(fresh_database)
    restoring = restored_app.test_cli_runner().invoke(args=["restore", str(path), "--yes"])
    assert restoring.exit_code == 0, restoring.output

    source, restored = table_rows(url), table_rows(fresh_database)
    assert restored.keys() == source.keys()
    with app.app_context():
        written = set(db.session.scalars(select(Entry.id).where(Entry.body == "While backing up")))
    restored_ids = {entry_of("entries", restored["entries"][0], row) for row in restored["entries"][1]}
    kept = restored_ids & written
    # Entries committed before the backup began are in it, those after it are not: one snapshot,
    # the writer's entries a prefix of what it wrote, each whole (revision, tags, search document).
    assert kept == set(sorted(written)[: len(kept)]) and 3 <= len(kept) <= len(written) - 3
    for name, (columns, rows) in source.items():
        expected = [row for row in rows if entry_of(name, columns, row) not in written - kept]
        assert restored[name] == (columns, expected), f"table {name} differs"
    assert any(row[columns.index("pdf")] == PDF_BYTES for columns, rows in [restored["submissions"]] for row in rows)
    assert "uncommitted" not in {row[restored["cohorts"][0].index("name")] for row in restored["cohorts"][1]}
    with restored_app.app_context():
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).all() == [("ok",)]
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        # The restored database takes new writes (its id sequences came back too).
        author, at = db.session.get(User, intern.id), db.session.get(Cohort, cohort.id)
        new = create_entry(
            author, at, "cultural", {"title": "After", "occurred_on": date.today(), "theme": "roles"}, []
        )
        db.session.commit()
        assert new.id > max(restored_ids)
        db.session.close()
        db.engine.dispose()


def _other_app_backup(url: str, tmp_path: Path) -> Path:
    """A backup file of a database that is not Intern Journal's."""
    path = tmp_path / "other.backup"
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(path)) as other:
            other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
            other.execute("INSERT INTO alembic_version VALUES ('1f2e3d4c5b6a')")
            other.commit()
        return path
    given = make_url(url)
    name = f"{given.database}_other"
    admin = create_engine(given.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    other_url = given.set(database=name)
    other = create_engine(other_url)
    with other.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"))
    other.dispose()
    libpq = other_url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", f"--file={path}", f"--dbname={libpq}"], check=True)  # noqa: S603, S607
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
    return path


def _damaged_backup(url: str, tmp_path: Path) -> Path:
    """A backup whose beginning reads well and whose data does not load.

    SQLite: a backup cut short. PostgreSQL: an uncompressed dump whose first date is made
    impossible, so pg_restore fails while loading data, after it has dropped and recreated tables.
    """
    path = tmp_path / "damaged.backup"
    backups.backup(url, path)
    if url.startswith("sqlite"):
        content = path.read_bytes()
        path.write_bytes(content[: len(content) * 2 // 3])
        return path
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", "-Z0", f"--file={path}", f"--dbname={libpq}"], check=True)  # noqa: S603, S607
    content = path.read_bytes()
    date = re.search(rb"\t\d{4}-\d{2}-\d{2}\t", content)
    path.write_bytes(content[: date.start()] + b"\t9999-99-99\t" + content[date.end() :])
    return path


@pytest.mark.parametrize("backup_file", ["not a database", "another application", "damaged"])
def test_restore_refuses_anything_but_a_backup_of_this_app_and_changes_nothing(
    populated, runner, tmp_path, backup_file
):
    app = populated[0]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if backup_file == "not a database":
        path = tmp_path / "notes.txt"
        path.write_bytes(b"Neither PGDMP nor SQLite format 3: " + os.urandom(4096))
    elif backup_file == "another application":
        path = _other_app_backup(url, tmp_path)
    else:
        path = _damaged_backup(url, tmp_path)
        with app.app_context():  # so that restoring the backup would change something
            db.session.execute(update(Cohort).where(Cohort.name == "Backups").values(name="Renamed after the backup"))
            db.session.commit()
    before = table_rows(url)

    refused = runner.invoke(args=["restore", str(path), "--yes"])

    assert refused.exit_code == 1
    assert "Error:" in refused.output and "Replace everything" not in refused.output, refused.output
    assert table_rows(url) == before


def test_restore_asks_before_replacing_anything(populated, runner, tmp_path):
    app = populated[0]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "journal.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    with app.app_context():
        db.session.execute(update(Cohort).where(Cohort.name == "Backups").values(name="Renamed after the backup"))
        db.session.commit()
    before = table_rows(url)

    declined = runner.invoke(args=["restore", str(path)], input="n\n")

    assert declined.exit_code == 1 and "Replace everything in" in declined.output and "Aborted" in declined.output
    assert table_rows(url) == before
    accepted = runner.invoke(args=["restore", str(path)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert table_rows(url) != before


def test_backup_says_when_pg_dump_is_missing_or_fails(tmp_path, monkeypatch):
    url = "postgresql+psycopg://journal:secret@127.0.0.1:1/journal"  # nothing listens on port 1
    with pytest.raises(backups.BackupError, match="pg_dump failed .*\n.*127.0.0.1") as failed:
        backups.backup(url, tmp_path / "journal.backup")
    assert "secret" not in str(failed.value)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backups.BackupError, match="pg_dump was not found. Install the PostgreSQL client"):
        backups.backup(url, tmp_path / "journal.backup")
    assert list(tmp_path.iterdir()) == []  # no partial file left behind
