"""Fixtures for the resilience tests: gunicorn servers on the test's database, and a cohort of interns.

The database is the one the ``app`` fixture prepares: a fresh SQLite file in the test's
``tmp_path``, or this pytest-xdist worker's own PostgreSQL database under ``--database-url``.
Every server a test starts is stopped (its whole process group killed if need be) before that
database is emptied.
"""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.resilience.server import ROOT, Gunicorn

OUTPUT_DIR = ROOT / "test-output" / "resilience"


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


@pytest.fixture
def dialect(app) -> str:
    """``sqlite`` or ``postgresql``: the database the test runs on."""
    return "postgresql" if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql") else "sqlite"


@pytest.fixture
def record_figures(request, dialect):
    """Write a test's measured figures to ``test-output/resilience/<test>-<database>.json``."""

    def record(figures: dict) -> Path:
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUTPUT_DIR / f"{request.node.name}-{dialect}.json"
        path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
        return path

    return record
