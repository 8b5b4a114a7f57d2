"""Deleting entries for good, with everything that hangs from them: comments, reviews, evidence, tags,
revisions, drafts, notifications and their words in the search index. Used when an account is deleted and
when the scheduled upkeep empties the trash; the in-app trash itself only hides entries."""

from sqlalchemy import Select, delete, text

from journal.extensions import db
from journal.models import Comment, Draft, Entry, EntryReview, EntryRevision, EntryTag, Evidence, Notification


def _run(statement) -> int:
    """Execute a bulk DELETE without matching it against loaded objects; the row count."""
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def remove_entries(entry_ids: Select) -> int:
    """Delete the entries whose ids ``entry_ids`` selects, children first; how many entries went.

    The search index goes while the entries still exist: PostgreSQL's table would follow them by its
    foreign key, but SQLite's FTS5 table has none and would keep their words.
    """
    ids = db.session.scalars(entry_ids).all()
    if not ids:
        return 0
    _run(delete(Notification).where(Notification.entry_id.in_(ids)))
    _run(delete(EntryReview).where(EntryReview.entry_id.in_(ids)))
    _run(delete(Comment).where(Comment.entry_id.in_(ids), Comment.parent_id.is_not(None)))
    _run(delete(Comment).where(Comment.entry_id.in_(ids)))
    _run(delete(Evidence).where(Evidence.entry_id.in_(ids)))
    _run(delete(EntryTag).where(EntryTag.entry_id.in_(ids)))
    _run(delete(EntryRevision).where(EntryRevision.entry_id.in_(ids)))
    _run(delete(Draft).where(Draft.entry_id.in_(ids)))
    table, column = (
        ("entry_search_fts", "rowid")
        if db.session.get_bind().dialect.name == "sqlite"
        else ("entry_search", "entry_id")
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        db.session.execute(
            text(f"DELETE FROM {table} WHERE {column} IN ({', '.join(str(int(i)) for i in chunk)})")  # noqa: S608 (ints)
        )
    return _run(delete(Entry).where(Entry.id.in_(ids)))
