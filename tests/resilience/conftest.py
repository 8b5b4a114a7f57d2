"""Fixtures for the resilience tests: gunicorn servers on the test's database, and a cohort of interns.

The database is the one the ``app`` fixture prepares: a fresh SQLite file in the test's
``tmp_path``, or this pytest-xdist worker's own PostgreSQL database under ``--database-url``.
Every server a test starts is stopped (its whole process group killed if need be) before that
database is emptied.
"""

import json
from pathlib import Path

import pytest

from tests.resilience.server import ROOT

OUTPUT_DIR = ROOT / "test-output" / "resilience"


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
