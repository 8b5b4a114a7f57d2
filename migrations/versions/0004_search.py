"""full-text search index over entries

Revision ID: 0004_search
Revises: d484e02e309a
Create Date: 2026-11-25

The index's tables are written out here as they were when this migration was made (migration
0011 later gave SQLite's an owner column): a migration never imports the application's code.
"""
from alembic import op

revision = "0004_search"
down_revision = "d484e02e309a"
branch_labels = None
depends_on = None

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS entry_search_fts USING fts5("
    "title, body, tags, tokenize = 'unicode61 remove_diacritics 0')",
]
POSTGRESQL_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS entry_search ("
    " entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,"
    " document TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_entry_search_document ON entry_search USING GIN (document)",
]


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
