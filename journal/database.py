"""Database engine settings that SQLAlchemy cannot express in a URL: how SQLite is shared by processes.

Several gunicorn workers (separate processes) write to one SQLite file. WAL lets readers work
while one writer writes; writers take turns on a single write lock, waiting up to the busy
timeout for it. A writer can only *wait* for that lock if it asks for it before reading in its
transaction: a transaction that has read and then tries to write while another process holds
the lock, or has committed since, fails at once with "database is locked", whatever the
timeout. So a transaction here begins at its first write, with ``BEGIN IMMEDIATE``:

- reads before the first write each see the latest commit, as with PostgreSQL's READ COMMITTED,
  and never queue behind a writer, so pages that only read are never held up;
- the first INSERT, UPDATE or DELETE of a unit of work (request, job or command) begins the
  transaction and takes the write lock, waiting for its turn; what follows is one atomic unit;
- a SAVEPOINT always nests inside such a transaction: on its own, SQLite would commit the
  savepoint's work when it is released, whatever became of the rest of the request.

(Beginning every transaction at its first read instead, SQLAlchemy's recipe for SQLite, is what
makes two writers fail on lock upgrade; taking the write lock at the first read would queue
every page behind every save.)

PostgreSQL connections turn JIT compilation off (``_postgresql_connection`` says why).
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 10_000


def _sqlite_connection(dbapi_connection, _record) -> None:
    """Set up a new SQLite connection: the busy timeout first (the rest may have to wait), WAL, foreign keys.

    The driver begins a transaction by itself right before a first INSERT, UPDATE or DELETE;
    "IMMEDIATE" makes that BEGIN take the write lock at once, waiting for it if need be.
    """
    dbapi_connection.isolation_level = "IMMEDIATE"
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # NORMAL in WAL mode: a commit survives the application crashing; only a power cut may lose the last ones.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _postgresql_connection(dbapi_connection, _record) -> None:
    """Set up a new PostgreSQL connection: no JIT compilation.

    The planner prices the dashboard's correlated counts high enough to compile them to machine
    code, which takes longer (a second and more) than running them does (tens of milliseconds):
    a cost paid on every request, since nothing is kept between statements. The app's queries
    are short; they run better interpreted.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("SET jit = off")
    cursor.close()
    dbapi_connection.commit()


def _savepoint(connection: Connection, _name: str) -> None:
    """Open the transaction a savepoint belongs to, if no write has opened it yet."""
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def configure_engines(app: Flask) -> None:
    """Attach the SQLite connection settings and the savepoint rule to every SQLite engine of the app,
    and the PostgreSQL connection settings to a PostgreSQL one."""
    from journal.extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connection)
            event.listen(engine, "savepoint", _savepoint)
        elif engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _postgresql_connection)
