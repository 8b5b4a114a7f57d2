"""The migrations build, on an empty database, exactly the schema the models describe."""

import ast
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from journal.extensions import db
from journal.search import is_search_table
from tests.conftest import make_app

VERSIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"


@pytest.fixture
def empty_database(database_url, tmp_path):
    """An empty database: a new SQLite file, or a new schema in the PostgreSQL test database."""
    if database_url is None:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    schema = f"migration_check_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_migrations_match_the_models(empty_database):
    app = make_app(empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            context = MigrationContext.configure(
                connection, opts={"include_object": lambda obj, name, *args: not is_search_table(name)}
            )
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert {
        "users",
        "cohorts",
        "memberships",
        "invitations",
        "entries",
        "entry_revisions",
        "entry_tags",
        "drafts",
    } <= tables
    assert differences == [], f"models and migrations differ: {differences}"


def imported_modules(source: str) -> set[str]:
    """Every module a Python source imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_imported_modules_sees_every_import():
    source = "import alembic\nfrom journal.search import X\ndef f():\n    import journal.models as m\n"
    assert imported_modules(source) == {"alembic", "journal.search", "journal.models"}


def test_migrations_never_import_the_application():
    """A migration does what it did when it was written: it writes its DDL out and imports nothing of
    ``journal``, whose code changes after it (as the search index did between 0004 and 0011)."""
    files = sorted(VERSIONS.glob("*.py"))
    assert len(files) >= 14
    importing = {
        path.name: sorted(name for name in imported_modules(path.read_text()) if name.split(".")[0] == "journal")
        for path in files
    }
    assert {name: modules for name, modules in importing.items() if modules} == {}
