"""Synthetic databases at scale for the benchmarks, built once with ``seed_synthetic`` and kept.

A dataset is a list of cohorts to seed (interns, days, seed, entries a day). It is built into a
database of its own and reused while nothing it depends on changes: its key hashes the plan,
the schema (every table and index, and the search index, as DDL) and the seeder's source.
SQLite datasets are files under ``test-output/bench-data/`` (git-ignored); PostgreSQL ones
are databases beside
``BENCH_DATABASE_URL`` (``<name>_<dataset>_<key>``). Each benchmark works on a copy (a file copy,
or ``CREATE DATABASE ... TEMPLATE``), so what it writes (logins, saved entries) never reaches
the kept data.
"""

import contextlib
import hashlib
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, make_url, text

from journal import search
from journal.extensions import db
from journal.seed.synthetic import EMAIL_DOMAIN, seed_synthetic
from tests import factories
from tests.bench import harness
from tests.conftest import make_app, reset_schema

PASSWORD = factories.PASSWORD  # every synthetic account of a dataset has this one
ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "test-output" / "bench-data"
# What a kept dataset depends on besides its plan and the schema: change one and it is built again.
SEEDER = ("journal/seed/synthetic.py", "journal/seed/synthetic_supervision.py", "journal/seed/synthetic_text.py")
BUILD_VERSION = 1  # raise it when ``_seed`` itself changes what it builds


@dataclass(frozen=True)
class Cohort:
    """One cohort to seed: ``interns`` writing for ``days`` days, ``per_day`` entries a day each."""

    interns: int
    days: int
    seed: int
    per_day: tuple[int, int] = (1, 3)


# The datasets the benchmarks share. Supervision: 200 and 20 interns for 180 days (the dashboards,
# the gunicorn throughput), and one intern writing two entries a day for 500 days (1,000 entries).
SUPERVISION = (Cohort(200, 180, seed=1), Cohort(20, 180, seed=2), Cohort(1, 500, seed=3, per_day=(2, 2)))
# Search: about 36,000 and 360,000 entries, two a day on average for 180 days. The same seed makes
# the first 100 interns of the larger one the same people, with the same entries, as the smaller.
SEARCH_SMALL = (Cohort(100, 180, seed=4),)
SEARCH_LARGE = (Cohort(1000, 180, seed=4),)


def email(role: str, n: int, cohort: int) -> str:
    """The address ``seed_synthetic`` gives the ``n``-th person of a role in the ``cohort``-th cohort."""
    return f"{role}{n}.c{cohort}@{EMAIL_DOMAIN}"


def _schema(dialect_name: str) -> str:
    """The schema as DDL for the dialect: every table and index, and the search index."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = create_engine(f"{dialect_name}://").dialect
    parts = []
    for table in db.metadata.sorted_tables:
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        parts += sorted(str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes)
    if dialect_name == "sqlite":
        parts += [*search.SQLITE_SCHEMA, search.SQLITE_INDEX_ENTRIES]
    else:
        parts += [*search.POSTGRESQL_SCHEMA, search.POSTGRESQL_INDEX_ENTRIES]
    return "\n".join(parts)


def _key(plan: tuple[Cohort, ...], dialect_name: str) -> str:
    """A short hash of the plan, the schema and the seeder's source."""
    digest = hashlib.sha256(f"{BUILD_VERSION} {plan!r}".encode())
    digest.update(_schema(dialect_name).encode())
    for source in SEEDER:
        digest.update((ROOT / source).read_bytes())
    return digest.hexdigest()[:12]


def _seed(url: str, plan: tuple[Cohort, ...]) -> None:
    """Create the schema at ``url`` and seed every cohort of the plan into it, committed."""
    reset_schema(url)
    app = make_app(url)
    with app.app_context():
        for cohort in plan:
            seed_synthetic(
                cohort.interns,
                cohort.days,
                seed=cohort.seed,
                per_day=cohort.per_day,
                force=True,
                password_hash=factories.PASSWORD_HASH,
            )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    if url.startswith("sqlite"):  # one self-contained file, ready to copy
        with contextlib.closing(sqlite3.connect(make_url(url).database)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if url.startswith("postgresql"):  # statistics and the visibility map, as autovacuum would leave them
        engine = _admin(url)
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
        engine.dispose()


def _built_sqlite(name: str, plan: tuple[Cohort, ...]) -> Path:
    """The kept SQLite file of the dataset, built first if missing (older builds of it are removed)."""
    path = FOLDER / f"{name}-{_key(plan, 'sqlite')}.db"
    if path.exists():
        return path
    FOLDER.mkdir(parents=True, exist_ok=True)
    for stale in FOLDER.glob(f"{name}-*.db*"):
        stale.unlink()
    building = path.with_suffix(".building")
    for leftover in FOLDER.glob(f"{building.name}*"):
        leftover.unlink()
    _seed(f"sqlite:///{building}", plan)
    building.rename(path)
    return path


def _admin(url: str):
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _database_exists(admin, database: str) -> bool:
    with admin.connect() as connection:
        return bool(connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database}))


def _built_postgresql(name: str, plan: tuple[Cohort, ...]) -> str:
    """The name of the kept PostgreSQL database of the dataset, built first if missing."""
    given = make_url(harness.postgresql_url())
    database = f"{given.database}_{name}_{_key(plan, 'postgresql')}"
    admin = _admin(given)
    try:
        if _database_exists(admin, database):
            return database
        with admin.connect() as connection:
            stale = connection.scalars(
                text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
                {"pattern": f"{given.database}_{name}_%"},
            ).all()
            for old in stale:
                connection.execute(text(f'DROP DATABASE "{old}"'))
            connection.execute(text(f'CREATE DATABASE "{database}_building"'))
        _seed(given.set(database=f"{database}_building").render_as_string(hide_password=False), plan)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{database}_building" RENAME TO "{database}"'))
    finally:
        admin.dispose()
    return database


@contextlib.contextmanager
def dataset_app(name: str, plan: tuple[Cohort, ...], **overrides) -> Iterator[Flask]:
    """An application on a fresh copy of the dataset (built, or taken from the cache)."""
    started = time.perf_counter()
    if harness.database_kind() == "SQLite":
        kept = _built_sqlite(name, plan)
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            copy = Path(folder) / "bench.db"
            shutil.copyfile(kept, copy)
            _report(name, started)
            with _app(f"sqlite:///{copy}", **overrides) as app:
                yield app
        return
    kept = _built_postgresql(name, plan)
    given = make_url(harness.postgresql_url())
    work = f"{given.database}_{name}_work"
    admin = _admin(given)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{work}"'))
        connection.execute(text(f'CREATE DATABASE "{work}" TEMPLATE "{kept}"'))
    _report(name, started)
    try:
        with _app(given.set(database=work).render_as_string(hide_password=False), **overrides) as app:
            yield app
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{work}"'))
        admin.dispose()


def database_url(app: Flask) -> str:
    """The URL the app's database is at, password included (for a server started on it)."""
    with app.app_context():
        return db.engine.url.render_as_string(hide_password=False)


def _report(name: str, started: float) -> None:
    print(f"  dataset {name!r} ready in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _app(url: str, **overrides) -> Iterator[Flask]:
    app = make_app(url, **overrides)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
