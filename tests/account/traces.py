"""Looking for what is left of a person in the database, from the schema itself.

The checks read ``db.metadata``, so a table or column added later is searched too: every column
that refers to ``users.id`` (or is named as if it did), every text and JSON column, and the
full-text index, which the models do not describe.
"""

import json
import re
from collections.abc import Callable

from sqlalchemy import JSON, Column, LargeBinary, String, select, text

from journal.extensions import db

# Columns that hold a person's id by their name, even without a foreign key.
NAMED_LIKE_A_USER = re.compile(r"(^|_)(user|author|intern|actor|reviewer)_id$|_by_id$")

Snapshot = dict[str, dict[tuple, dict]]


def user_columns() -> list[Column]:
    """Every column with a foreign key to ``users.id``, or named like ``*_user_id``, ``*_by_id``,
    ``author_id``, ``intern_id``, ``actor_id``, ``reviewer_id``; plus ``users.id`` itself."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            refers = any(fk.column.table.name == "users" for fk in column.foreign_keys)
            if refers or NAMED_LIKE_A_USER.search(column.name) or (table.name == "users" and column.name == "id"):
                found.append(column)
    return found


def rows_keyed_to(session, user_id: int) -> dict[str, list[dict]]:
    """Every row, in any table, that names ``user_id`` in one of ``user_columns`` or is an audit
    event about that user; by ``table.column``."""
    found: dict[str, list[dict]] = {}
    for column in user_columns():
        rows = session.execute(select(column.table).where(column == user_id)).mappings().all()
        if rows:
            found[f"{column.table.name}.{column.name}"] = [dict(row) for row in rows]
    events = db.metadata.tables["audit_events"]
    about = session.execute(
        select(events).where(events.c.object_type == "user", events.c.object_id == user_id)
    ).mappings()
    rows = [dict(row) for row in about]
    if rows:
        found["audit_events.object_id"] = rows
    return found


def _text_of(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def text_columns() -> list[Column]:
    """Every column that can hold words: strings, text and JSON (binary files are not read)."""
    return [
        column
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | JSON) and not isinstance(column.type, LargeBinary)
    ]


def traces_in_text(session, needles: list[str], exempt: Callable[[str, str, dict], bool]) -> list[tuple]:
    """(table, column, primary key, needle) for each text value containing a needle (any case),
    unless ``exempt(table, column, row)`` says it may."""
    lowered = [needle.lower() for needle in needles]
    found = []
    for column in text_columns():
        table = column.table
        keys = [key.name for key in table.primary_key.columns]
        for row in session.execute(select(table).where(column.is_not(None))).mappings():
            value = _text_of(row[column.name]).lower()
            for needle in lowered:
                if needle in value and not exempt(table.name, column.name, row):
                    found.append((table.name, column.name, tuple(row[key] for key in keys), needle))
    return found


def words_in_search_index(session, word: str) -> int:
    """How many rows of the full-text index (SQLite FTS5 or PostgreSQL tsvector) hold ``word``."""
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(text("SELECT title || ' ' || body || ' ' || tags FROM entry_search_fts"))
    else:
        rows = session.execute(text("SELECT document::text FROM entry_search"))
    return sum(1 for (value,) in rows if word.lower() in value.lower())


def snapshot(session) -> Snapshot:
    """Every row of every table, keyed by table name and primary key."""
    found: Snapshot = {}
    for table in db.metadata.sorted_tables:
        keys = [column.name for column in table.primary_key.columns]
        rows = session.execute(select(table)).mappings().all()
        found[table.name] = {tuple(row[key] for key in keys): dict(row) for row in rows}
    return found
