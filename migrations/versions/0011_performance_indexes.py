"""performance: covering indexes for the cohort's figures; the owner of each search document (SQLite)

The dashboard's rows and the credit figures count a cohort's entries from
``ix_entries_cohort_figures``, and its weekly chart from ``ix_entries_cohort_days``, instead of
reading every entry's text. On SQLite the full-text index gains an ``owner`` column (one token
for author and cohort) so a search reads only the author's own documents; it is rebuilt from
the entries. The statements are written out here rather than imported, so this migration
keeps doing what it did.

Revision ID: 0011_performance_indexes
Revises: a0b2c4d6e8f1
Create Date: 2026-12-02

"""

from alembic import op

revision = "0011_performance_indexes"
down_revision = "a0b2c4d6e8f1"
branch_labels = None
depends_on = None

FIGURES_COLUMNS = ["cohort_id", "author_id", "deleted_at", "kind", "occurred_on", "visibility", "hours", "created_at"]
FIGURES_COLUMNS += ["id"]
DAYS_COLUMNS = ["cohort_id", "deleted_at", "occurred_on", "kind", "author_id"]
TAGS = "COALESCE((SELECT group_concat(t.name, ' ') FROM entry_tags t WHERE t.entry_id = e.id), '')"
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"


def _rebuild_sqlite_search(with_owner: bool) -> None:
    """Drop the FTS5 index and build it again from the entries, with or without the owner column."""
    op.execute("DROP TABLE IF EXISTS entry_search_fts")
    if with_owner:
        op.execute(f"CREATE VIRTUAL TABLE entry_search_fts USING fts5(title, body, tags, owner, {TOKENIZE})")
        op.execute(
            "INSERT INTO entry_search_fts (rowid, title, body, tags, owner) "  # noqa: S608 (fixed fragments only)
            f"SELECT e.id, e.title, e.body, {TAGS}, 'o' || e.author_id || 'x' || e.cohort_id FROM entries e"
        )
    else:
        op.execute(f"CREATE VIRTUAL TABLE entry_search_fts USING fts5(title, body, tags, {TOKENIZE})")
        op.execute(
            "INSERT INTO entry_search_fts (rowid, title, body, tags) "  # noqa: S608 (fixed fragments only)
            f"SELECT e.id, e.title, e.body, {TAGS} FROM entries e"
        )


def upgrade():
    op.create_index("ix_entries_cohort_figures", "entries", FIGURES_COLUMNS, unique=False)
    op.create_index("ix_entries_cohort_days", "entries", DAYS_COLUMNS, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_search(with_owner=True)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_search(with_owner=False)
    op.drop_index("ix_entries_cohort_days", table_name="entries")
    op.drop_index("ix_entries_cohort_figures", table_name="entries")
