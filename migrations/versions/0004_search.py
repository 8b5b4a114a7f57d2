"""full-text search index over entries

Revision ID: 0004_search
Revises: d484e02e309a
Create Date: 2026-11-25

"""
from alembic import op

from journal.search import POSTGRESQL_SCHEMA, SQLITE_SCHEMA

revision = "0004_search"
down_revision = "d484e02e309a"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    for statement in SQLITE_SCHEMA if bind.dialect.name == "sqlite" else POSTGRESQL_SCHEMA:
        op.execute(statement)
    # Index the entries that already exist.
    if bind.dialect.name == "sqlite":
        op.execute(
            "INSERT INTO entry_search_fts (rowid, title, body, tags) "
            "SELECT e.id, e.title, e.body, COALESCE((SELECT group_concat(t.name, ' ') FROM entry_tags t "
            "WHERE t.entry_id = e.id), '') FROM entries e"
        )
    else:
        op.execute(
            "INSERT INTO entry_search (entry_id, document) "
            "SELECT e.id, setweight(to_tsvector('simple', e.title), 'A') || to_tsvector('simple', e.body) "
            "|| setweight(to_tsvector('simple', COALESCE((SELECT string_agg(t.name, ' ') FROM entry_tags t "
            "WHERE t.entry_id = e.id), '')), 'B') FROM entries e"
        )


def downgrade():
    bind = op.get_bind()
    op.execute("DROP TABLE IF EXISTS entry_search_fts" if bind.dialect.name == "sqlite" else "DROP TABLE IF EXISTS entry_search")
