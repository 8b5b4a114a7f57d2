"""A database built once, saved, and put back into each test's own empty database.

Some tests need a rich database that takes a second or more to build (the access table's world:
a cohort with one person in each role, entries, sign-offs, a submitted portfolio...). Building it
once per run (per pytest-xdist worker) and copying it into each test's database gives every test
exactly that state, in a real database of its own, at a small part of the cost.

- SQLite: the whole file, copied page by page with SQLite's backup API (the same as
  ``journal.backup`` uses), so the copy holds the schema, the rows, the search index and the
  AUTOINCREMENT counters as saved.
- PostgreSQL: every table's rows in the server's own COPY format, and every sequence's position.
  The rows go back, with COPY, into the test's empty tables (the ``app`` fixture empties them
  after every test), parents before children; the sequences are set where they were, so the next
  row made gets the id it would have got in the saved database.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import make_url

from journal import jobs
from journal.extensions import db


@dataclass(frozen=True)
class SavedDatabase:
    """The saved state: a SQLite file (``path``), or PostgreSQL tables and sequences."""

    path: str | None = None
    tables: tuple[tuple[str, bytes], ...] = ()  # (table, its rows in COPY text format), parents first
    sequences: tuple[tuple[str, int, bool], ...] = ()  # (sequence, value, is_called) as for setval

    @classmethod
    def save(cls, app, path: str) -> "SavedDatabase":
        """Save the database of ``app``: into the file ``path`` for SQLite (a file of the caller's),
        or in memory for PostgreSQL."""
        with app.app_context():
            if db.engine.dialect.name == "sqlite":
                with _sqlite(app) as source, _connect(path) as target:
                    source.backup(target)
                return cls(path=path)
            with db.engine.connect() as connection:
                cursor = connection.connection.dbapi_connection.cursor()
                tables = tuple((name, _copy_out(cursor, name)) for name in _tables_in_order(cursor))
                cursor.execute(
                    "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename),"
                    " coalesce(last_value, start_value), last_value IS NOT NULL"
                    " FROM pg_sequences WHERE schemaname = current_schema()"
                )
                sequences = tuple(cursor.fetchall())
                connection.rollback()
        return cls(tables=tables, sequences=sequences)

    def restore(self, app) -> None:
        """Put the saved state into the (empty) database of ``app``."""
        with app.app_context():
            if self.path is not None:
                with _connect(self.path) as source, _sqlite(app) as target:
                    source.backup(target)
                return
            with db.engine.begin() as connection:
                cursor = connection.connection.dbapi_connection.cursor()
                for name, rows in self.tables:
                    with cursor.copy(f'COPY "{name}" FROM STDIN') as copy:
                        copy.write(rows)
                for name, value, is_called in self.sequences:
                    cursor.execute("SELECT setval(%s, %s, %s)", (name, value, is_called))


def _sqlite(app):
    """A plain sqlite3 connection to the app's database file, closed when the block ends."""
    return _connect(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)


def _connect(path: str):
    """A sqlite3 connection that does not wait for the disk (a test's copy need not survive a power
    cut; the app's own connections keep their settings), closed when the block ends."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    return closing(connection)


def _tables_in_order(cursor) -> list[str]:
    """Every table of the schema, those the models describe in the order they may be filled (parents
    first), then the others (the search index, which refers to the entries)."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    present = {name for (name,) in cursor.fetchall()}
    ordered = [table.name for table in db.metadata.sorted_tables if table.name in present]
    return ordered + sorted(present - set(ordered))


def _copy_out(cursor, name: str) -> bytes:
    """The rows of table ``name`` in COPY text format."""
    with cursor.copy(f'COPY "{name}" TO STDOUT') as copy:
        return b"".join(bytes(chunk) for chunk in copy)


class SavedDatabases:
    """The databases saved during one run (one pytest-xdist worker), by name, with what their builder
    returned (ids and values the tests need, never ORM objects, which belong to one session)."""

    def __init__(self, folder):
        self.folder = folder
        self.saved: dict[str, tuple[SavedDatabase, object]] = {}

    def load(self, app, name: str, build):
        """Give the empty database of ``app`` the state that ``build(app)`` makes, and return what
        ``build`` returned: the first time by building it (then saving it), afterwards by copying it."""
        if name in self.saved:
            saved, built = self.saved[name]
            saved.restore(app)
            return built
        built = build(app)
        assert jobs.wait_for_jobs(timeout=120), f"a background job started while building {name} did not finish"
        self.saved[name] = (SavedDatabase.save(app, str(self.folder / f"{name}.db")), built)
        return built
