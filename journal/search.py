"""Full-text search over an author's own entries, one interface on two databases.

SQLite keeps an FTS5 table (``entry_search_fts``) and PostgreSQL a table of stored
``tsvector`` documents with a GIN index (``entry_search``). Both index title,
body and tags of every live entry, tokenise without stemming or accent folding
(FTS5 ``unicode61 remove_diacritics 0``, PostgreSQL's ``simple`` configuration),
and match entries that contain every word of the query, so the same data gives
the same results on both. The services call ``index_entry`` after every save.

A search looks only at the author's own entries in the cohort, however many entries
everyone else has written. On SQLite, each document also carries its owner as one token
(``owner_token``: author and cohort) in a column of its own, and the query asks for it
AND the words, so FTS5 steps through the author's few documents instead of every
document holding a common word. On PostgreSQL the author's entries are found by their
index and only their documents checked. Either way the work grows with the author's own
entries, not with everyone's. Titles and excerpts are marked only for the results shown,
after ranking.
"""

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import text
from sqlalchemy.engine import Connection

from journal.extensions import db
from journal.models import Entry

MAX_RESULTS = 50
_START, _STOP = "\x02", "\x03"  # highlight markers that no typed text contains

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS entry_search_fts USING fts5("
    "title, body, tags, owner, tokenize = 'unicode61 remove_diacritics 0')",
]
POSTGRESQL_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS entry_search ("
    " entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,"
    " document TSVECTOR NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_entry_search_document ON entry_search USING GIN (document)",
]
SEARCH_TABLE_PREFIX = "entry_search"  # FTS5 adds shadow tables named entry_search_fts_*


@dataclass(frozen=True)
class Hit:
    """One matching entry with its title and an excerpt, the matching words marked."""

    entry_id: int
    title: Markup
    excerpt: Markup


def create_schema(connection: Connection) -> None:
    """Create the search index for this database (used by the migration and the tests)."""
    for statement in SQLITE_SCHEMA if connection.dialect.name == "sqlite" else POSTGRESQL_SCHEMA:
        connection.execute(text(statement))


def drop_schema(connection: Connection) -> None:
    """Remove the search index (tests that rebuild the schema)."""
    name = "entry_search_fts" if connection.dialect.name == "sqlite" else "entry_search"
    connection.execute(text(f"DROP TABLE IF EXISTS {name}"))


def is_search_table(name: str | None) -> bool:
    """Whether a table belongs to the search index, which the models do not describe."""
    return bool(name) and name.startswith(SEARCH_TABLE_PREFIX)


def words(query: str) -> list[str]:
    """The words of a query, lower case, at most ten."""
    return re.findall(r"[^\W_]+", query.lower())[:10]


def owner_token(author_id: int, cohort_id: int) -> str:
    """The one word (letters and digits) that marks a document as the author's in the cohort."""
    return f"o{author_id}x{cohort_id}"


# The same token in SQL, for indexing many entries at once.
_OWNER_SQL = "'o' || e.author_id || 'x' || e.cohort_id"


def _document(entry: Entry) -> dict:
    return {
        "id": entry.id,
        "title": entry.title,
        "body": entry.body,
        "tags": " ".join(entry.tag_names),
        "owner": owner_token(entry.author_id, entry.cohort_id),
    }


def index_entry(entry: Entry) -> None:
    """(Re)index an entry's title, body and tags."""
    values = _document(entry)
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("DELETE FROM entry_search_fts WHERE rowid = :id"), values)
        db.session.execute(
            text(
                "INSERT INTO entry_search_fts (rowid, title, body, tags, owner)"
                " VALUES (:id, :title, :body, :tags, :owner)"
            ),
            values,
        )
    else:
        db.session.execute(
            text(
                "INSERT INTO entry_search (entry_id, document) VALUES (:id,"
                " setweight(to_tsvector('simple', :title), 'A') || to_tsvector('simple', :body)"
                " || setweight(to_tsvector('simple', :tags), 'B'))"
                " ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document"
            ),
            values,
        )


SQLITE_INDEX_ENTRIES = f"""
    INSERT INTO entry_search_fts (rowid, title, body, tags, owner)
    SELECT e.id, e.title, e.body,
           COALESCE((SELECT group_concat(t.name, ' ') FROM entry_tags AS t WHERE t.entry_id = e.id), ''),
           {_OWNER_SQL}
    FROM entries AS e WHERE e.id BETWEEN :first AND :last
"""  # noqa: S608 (only the fixed owner expression is formatted in)
POSTGRESQL_INDEX_ENTRIES = """
    INSERT INTO entry_search (entry_id, document)
    SELECT e.id, setweight(to_tsvector('simple', e.title), 'A') || to_tsvector('simple', e.body)
           || setweight(to_tsvector('simple', COALESCE(
                (SELECT string_agg(t.name, ' ') FROM entry_tags AS t WHERE t.entry_id = e.id), '')), 'B')
    FROM entries AS e WHERE e.id BETWEEN :first AND :last
"""


def index_entries(first_id: int, last_id: int) -> None:
    """Index every entry whose id is between ``first_id`` and ``last_id``, none of them indexed yet,
    in one statement (bulk loading: ``seed-synthetic``); the same documents as ``index_entry``."""
    dialect = db.session.get_bind().dialect.name
    statement = SQLITE_INDEX_ENTRIES if dialect == "sqlite" else POSTGRESQL_INDEX_ENTRIES
    db.session.execute(text(statement), {"first": first_id, "last": last_id})


# The author's own live entries in the cohort (``access.live_entries_of``), said in SQL text for the
# two hand-tuned queries below; ``e`` is the entries table.
_OWN_LIVE_ENTRIES = "e.author_id = :author AND e.cohort_id = :cohort AND e.deleted_at IS NULL"

# The author's best matches (their token AND the words, so only their documents are read), then
# the marked title and excerpt of those alone. The owner column weighs nothing in the ranking.
_SQLITE_SEARCH = f"""
    WITH ranked AS (
        SELECT e.id, e.occurred_on, bm25(entry_search_fts, 10.0, 1.0, 5.0, 0.0) AS score
        FROM entry_search_fts JOIN entries AS e ON e.id = entry_search_fts.rowid
        WHERE entry_search_fts MATCH :match AND {_OWN_LIVE_ENTRIES}
        ORDER BY score, e.occurred_on DESC, e.id DESC
        LIMIT :limit
    )
    SELECT r.id, highlight(entry_search_fts, 0, '{_START}', '{_STOP}') AS title,
           snippet(entry_search_fts, 1, '{_START}', '{_STOP}', '…', 24) AS excerpt
    FROM ranked AS r JOIN entry_search_fts ON entry_search_fts.rowid = r.id
    WHERE entry_search_fts MATCH :match
    ORDER BY r.score, r.occurred_on DESC, r.id DESC
"""  # noqa: S608 (only fixed constants are formatted in)

# The author's live entries in the cohort first (their index), then each one's document checked:
# the LATERAL subquery with OFFSET 0 is not merged into the join, so PostgreSQL cannot choose to
# read every document matching a common word instead. Headlines are made after the LIMIT.
_POSTGRESQL_SEARCH = f"""
    SELECT e.id,
           ts_headline('simple', e.title, q, 'StartSel={_START}, StopSel={_STOP}, HighlightAll=true') AS title,
           ts_headline('simple', e.body, q, 'StartSel={_START}, StopSel={_STOP}, MaxWords=24, MinWords=10') AS excerpt
    FROM entries AS e
    CROSS JOIN plainto_tsquery('simple', :match) AS q
    CROSS JOIN LATERAL (
        SELECT s.document FROM entry_search AS s WHERE s.entry_id = e.id AND s.document @@ q OFFSET 0
    ) AS s
    WHERE {_OWN_LIVE_ENTRIES}
    ORDER BY ts_rank(s.document, q) DESC, e.occurred_on DESC, e.id DESC
    LIMIT :limit
"""  # noqa: S608 (only fixed constants are formatted in)


def _marked(value: str) -> Markup:
    """Escape the text, then turn the highlight markers into <mark> elements."""
    return Markup(str(escape(value)).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S704


def search_entries(author_id: int, cohort_id: int, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """The author's live entries in the cohort containing every word of ``query``, best first."""
    terms = words(query)
    if not terms:
        return []
    if db.session.get_bind().dialect.name == "sqlite":
        quoted = " ".join(f'"{term}"' for term in terms)
        owner = owner_token(author_id, cohort_id)
        statement, match = _SQLITE_SEARCH, f'owner : "{owner}" AND {{title body tags}} : ({quoted})'
    else:
        statement, match = _POSTGRESQL_SEARCH, " ".join(terms)
    rows = db.session.execute(
        text(statement), {"match": match, "author": author_id, "cohort": cohort_id, "limit": limit}
    )
    return [Hit(row.id, _marked(row.title), _marked(row.excerpt)) for row in rows]
