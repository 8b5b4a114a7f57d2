"""Back up the whole database to one file, and restore a backup: ``flask backup`` and ``flask restore``.

SQLite is copied with its online backup API: one consistent snapshot, taken while the app keeps
reading and writing. PostgreSQL is dumped by ``pg_dump`` (custom format, itself one snapshot)
and restored by ``pg_restore``. Either way a backup is checked as restore would check it before
the command says it is made, and restore checks the file (a database of this app, at a migration
this version knows) before it touches anything.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class BackupError(Exception):
    """A backup or restore that was not done; the message says why, and nothing was changed."""


@dataclass(frozen=True)
class Backup:
    """A checked backup file and the migration revision its database is at."""

    path: Path
    revision: str
    latest: bool  # whether the revision is this version's newest (else run `flask db upgrade` after restoring)


def describe(url: str) -> str:
    """The database named for people: a SQLite file's path, or a PostgreSQL URL without its password."""
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "sqlite" else parsed.render_as_string(hide_password=True)


def known_revisions() -> tuple[set[str], str]:
    """Every migration revision this version of the app knows, and the newest."""
    scripts = ScriptDirectory(str(MIGRATIONS))
    return {script.revision for script in scripts.walk_revisions()}, scripts.get_current_head()


def _checked_revision(path: Path, revision: str | None) -> Backup:
    known, head = known_revisions()
    if revision is None:
        raise BackupError(f"{path} is not a backup of Intern Journal: it has no migration revision (alembic_version).")
    if revision not in known:
        raise BackupError(
            f"{path} is at migration {revision!r}, which this version of Intern Journal does not know "
            "(a backup of another application, or of a newer version)."
        )
    return Backup(path, revision, revision == head)


def backup(url: str, path: Path) -> Backup:
    """Write a backup of the database at ``url`` to ``path``, replacing that file only once the new one
    is complete and checked. Raises BackupError."""
    path = Path(path).resolve()
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    if is_sqlite:
        _refuse_the_database_itself(url, path)
    # Created 0600 by mkstemp: a backup holds private entries and password hashes.
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    try:
        if is_sqlite:
            _sqlite_backup(_sqlite_file(url), Path(partial))
        else:
            _run(["pg_dump", "--format=custom", f"--file={partial}", f"--dbname={_libpq_url(url)}"], url)
        try:
            made = check(url, Path(partial))
        except BackupError as error:
            raise BackupError(f"The backup of {describe(url)} failed its check, so it was not kept: {error}") from None
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return Backup(path, made.revision, made.latest)


def check(url: str, path: Path) -> Backup:
    """Check that ``path`` is a backup that restore can load into the database at ``url``. Raises BackupError."""
    path = Path(path).resolve()
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    with path.open("rb") as file:
        start = file.read(len(SQLITE_HEADER))
    if make_url(url).get_backend_name() == "sqlite":
        _refuse_the_database_itself(url, path)
        if not start.startswith(SQLITE_HEADER):
            raise BackupError(f"{path} is not a SQLite database, so not a backup of this SQLite database.")
        return _checked_revision(path, _sqlite_revision(path))
    if not start.startswith(PG_CUSTOM_HEADER):
        raise BackupError(f"{path} is not a pg_dump archive in custom format, so not a backup of this database.")
    contents = _run(["pg_restore", "--list", str(path)], url)
    found = _checked_revision(path, _pg_revision(path, url))
    _refuse_tables_the_backup_lacks(url, contents)
    return found


def restore(url: str, path: Path) -> Backup:
    """Replace everything in the database at ``url`` with the backup at ``path``; check it first.

    Raises BackupError, with the database untouched, when the file is not a backup of this app
    that this version can restore (or when the restore itself fails: it is one transaction).
    """
    path = Path(path).resolve()
    found = check(url, path)
    if make_url(url).get_backend_name() == "sqlite":
        _sqlite_restore(path, _sqlite_file(url))
    else:
        _run(
            # Owners and grants belong to the server the backup came from; one transaction, all or nothing.
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
            + [f"--dbname={_libpq_url(url)}", str(path)],
            url,
        )
    return found


# SQLite


def _sqlite_file(url: str) -> Path:
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("Backup and restore work on a SQLite database in a file named by a plain sqlite:/// URL.")
    return Path(name).resolve()


def _refuse_the_database_itself(url: str, path: Path) -> None:
    database = _sqlite_file(url)
    if path in {database, Path(f"{database}-wal"), Path(f"{database}-shm")}:
        raise BackupError(f"{path} is the database itself: choose another file.")


def _read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return connection


def _sqlite_backup(database: Path, copy: Path) -> None:
    """Copy the live database in one step (a single read transaction: one consistent snapshot)."""
    if not database.is_file():
        raise BackupError(f"The database {database} does not exist.")
    with closing(_read_only(database)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
        # One self-contained file: no write-ahead log beside it.
        target.execute("PRAGMA journal_mode=DELETE")


def _sqlite_revision(path: Path) -> str | None:
    try:
        with closing(_read_only(path)) as connection:
            problems = connection.execute("PRAGMA quick_check").fetchall()
            if problems != [("ok",)]:
                raise BackupError(f"{path} is damaged: {problems[0][0]}")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                return None
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a SQLite database: {error}") from error
    return rows[0][0] if len(rows) == 1 else None


def _sqlite_restore(backup_file: Path, database: Path) -> None:
    """Copy the backup over the database's contents in one write transaction (the app may keep running)."""
    with closing(_read_only(backup_file)) as source, closing(sqlite3.connect(database)) as target:
        target.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            source.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"Restoring into {database} failed, nothing was changed: {error}") from error


# PostgreSQL


def _libpq_url(url: str) -> str:
    """The URL pg_dump and pg_restore connect with: libpq's scheme, and no password (see ``_run``)."""
    return make_url(url).set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _run(command: list[str], url: str) -> str:
    """Run a PostgreSQL client program; return what it printed. Raises BackupError.

    The password of ``url`` travels in PGPASSWORD, never on a command line that others can list.
    """
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"{command[0]} was not found. Install the PostgreSQL client programs, of the server's version "
            "or newer (Debian and Ubuntu: apt-get install postgresql-client)."
        )
    env = dict(os.environ)
    password = make_url(url).password
    if password:
        env["PGPASSWORD"] = str(password)
    # An argument list, never a shell; the program is the one found on PATH.
    finished = subprocess.run([program, *command[1:]], capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit status {finished.returncode}):\n{finished.stderr.strip()}")
    return finished.stdout


def _pg_revision(path: Path, url: str) -> str | None:
    """The revision stored in the archive's alembic_version table, read without restoring anything."""
    data = _run(["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)], url)
    found = re.search(r"^COPY \S*alembic_version \(version_num\) FROM stdin;\n(.*?)^\\\.$", data, re.M | re.S)
    rows = found.group(1).splitlines() if found else []
    return rows[0].strip() if len(rows) == 1 else None


def _refuse_tables_the_backup_lacks(url: str, contents: str) -> None:
    """Restore drops and recreates what the backup holds: tables it lacks would be left behind, stale."""
    in_backup: dict[str, set[str]] = {}
    for schema, table in re.findall(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", contents, re.M):
        in_backup.setdefault(schema, set()).add(table)
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        extra = sorted(
            f"{schema}.{table}"
            for schema, tables in in_backup.items()
            if schema in inspector.get_schema_names()
            for table in set(inspector.get_table_names(schema=schema)) - tables
        )
    finally:
        engine.dispose()
    if extra:
        raise BackupError(
            "The database holds tables the backup does not (" + ", ".join(extra) + "); they would be left "
            "behind. Restore into an empty database, or into the one the backup was made from."
        )
