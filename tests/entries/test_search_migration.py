"""Migration 0011: entries written before it are found by search afterwards (SQLite's index is rebuilt
with each document's owner), the figures index exists, and the downgrade takes both back."""

import uuid
from contextlib import contextmanager
from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from journal import search
from journal.extensions import db
from journal.models import Entry
from tests import factories
from tests.conftest import make_app

BEFORE = "a0b2c4d6e8f1"  # 0010, the revision before 0011


@pytest.fixture
def empty_url(database_url, tmp_path):
    """An empty database: a new SQLite file, or a new schema in the PostgreSQL test database."""
    if database_url is None:
        yield f"sqlite:///{tmp_path / 'upgrade.db'}"
        return
    schema = f"search_upgrade_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _index_the_old_way(entry: Entry) -> None:
    """Index the entry as the search index was before 0011: on SQLite, without an owner column."""
    if db.session.get_bind().dialect.name != "sqlite":
        search.index_entry(entry)  # PostgreSQL's index did not change
        return
    db.session.execute(text("DROP TABLE entry_search_fts"))
    db.session.execute(
        text(
            "CREATE VIRTUAL TABLE entry_search_fts USING fts5("
            "title, body, tags, tokenize = 'unicode61 remove_diacritics 0')"
        )
    )
    db.session.execute(
        text("INSERT INTO entry_search_fts (rowid, title, body, tags) VALUES (:id, :title, :body, '')"),
        {"id": entry.id, "title": entry.title, "body": entry.body},
    )


@contextmanager
def later_columns_for_the_models(connection):
    """Let today's models write rows into an older schema: the columns added by later migrations are
    added (nullable, no constraint) for as long as the block runs, then dropped again."""
    found = inspect(connection)
    added = []
    for table in db.metadata.sorted_tables:
        if not found.has_table(table.name):
            continue
        present = {column["name"] for column in found.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=connection.dialect)
                connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}"))
                added.append((table.name, column.name))
    yield
    for table_name, column_name in added:
        connection.execute(text(f"ALTER TABLE {table_name} DROP COLUMN {column_name}"))


FIGURES_INDEXES = {"ix_entries_cohort_figures", "ix_entries_cohort_days"}


def _figures_indexes(connection) -> set[str]:
    """Which of 0011's indexes on entries exist."""
    return FIGURES_INDEXES & {index["name"] for index in inspect(connection).get_indexes("entries")}


def test_entries_indexed_before_0011_are_found_after_it(empty_url):
    app = make_app(empty_url)
    with app.app_context():
        upgrade(revision=BEFORE)
        with later_columns_for_the_models(db.session.connection()):
            cohort = factories.cohort(db.session)
            author = factories.member(db.session, cohort, "intern", locale="en")  # required before 0016
            other = factories.member(db.session, cohort, "intern", locale="en")
            entry = factories.entry(db.session, author, cohort, title="Leptospirosis", body="After the floods.")
            others = factories.entry(db.session, other, cohort, title="Leptospirosis too", body="After the floods.")
            _index_the_old_way(entry)  # the other's entry is missing from the old index: rebuilding adds it
            author_id, other_id, cohort_id = author.id, other.id, cohort.id
            entry_id, others_id = entry.id, others.id
        db.session.commit()
        assert _figures_indexes(db.session.connection()) == set()
        db.session.rollback()

        upgrade()
        assert _figures_indexes(db.session.connection()) == FIGURES_INDEXES
        hits = search.search_entries(author_id, cohort_id, "floods")
        assert [hit.entry_id for hit in hits] == [entry_id]  # and not the other intern's
        if db.session.get_bind().dialect.name == "sqlite":
            indexed = db.session.execute(text("SELECT rowid, owner FROM entry_search_fts ORDER BY rowid")).all()
            assert indexed == [
                (entry_id, f"o{author_id}x{cohort_id}"),
                (others_id, search.owner_token(other_id, cohort_id)),
            ]
        db.session.rollback()

        downgrade(revision=BEFORE)
        assert _figures_indexes(db.session.connection()) == set()
        if db.session.get_bind().dialect.name == "sqlite":
            columns = [row[1] for row in db.session.execute(text("PRAGMA table_info(entry_search_fts)"))]
            assert columns == ["title", "body", "tags"]
            found = db.session.execute(text("SELECT rowid FROM entry_search_fts WHERE entry_search_fts MATCH 'floods'"))
            assert sorted(row[0] for row in found) == [entry_id, others_id]
        db.session.rollback()
        db.engine.dispose()


def test_the_search_schema_of_new_databases_has_the_owner(app):
    """``create_schema`` (tests, and 0004 on a new database) makes the same index as 0011 leaves."""
    with app.app_context():
        if db.session.get_bind().dialect.name == "sqlite":
            columns = [row[1] for row in db.session.execute(text("PRAGMA table_info(entry_search_fts)"))]
            assert columns == ["title", "body", "tags", "owner"]
        cohort = factories.cohort(db.session)
        author = factories.member(db.session, cohort, "intern")
        from journal.entries import services

        fields = {"title": "Night shift", "body": "Busy.", "theme": "other", "occurred_on": date(2026, 1, 5)}
        entry = services.create_entry(author, cohort, "cultural", fields, [])
        db.session.commit()
        assert [hit.entry_id for hit in search.search_entries(author.id, cohort.id, "busy")] == [entry.id]
