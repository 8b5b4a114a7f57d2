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
entries, not with everyone's. Titles and excerpts are made only for the results shown, after
ranking, and in Python, the same on both databases: the excerpt is a passage of the text as a reader
sees it (``journal.markdown.plain_text``: no Markdown syntax), chosen around the words searched for.
"""

import re
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape
from sqlalchemy import Date, Integer, String, Text, text
from sqlalchemy.engine import Connection

from journal.extensions import db
from journal.markdown import plain_text
from journal.models import Entry

MAX_RESULTS = 50
EXCERPT_WORDS = 24  # the words an excerpt shows
EXCERPT_LEAD = 4  # of which this many, where possible, come before the first word searched for
_WORD = re.compile(r"[^\W_]+")  # a word, as the search indexes on both databases cut text into words

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
    """One matching entry: its title and an excerpt of its text (plain text, escaped, the words searched
    for marked), the date it happened and its kind."""

    entry_id: int
    title: Markup
    excerpt: Markup
    occurred_on: date
    kind: str


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
    return _WORD.findall(query.lower())[:10]


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

# The author's best matches (their token AND the words, so only their documents are read); then
# what is shown of those alone. The owner column weighs nothing in the ranking.
_SQLITE_RANKED = f"""
    SELECT e.id, e.occurred_on, bm25(entry_search_fts, 10.0, 1.0, 5.0, 0.0) AS score
    FROM entry_search_fts JOIN entries AS e ON e.id = entry_search_fts.rowid
    WHERE entry_search_fts MATCH :match AND {_OWN_LIVE_ENTRIES}
    ORDER BY score, e.occurred_on DESC, e.id DESC
    LIMIT :limit
"""  # noqa: S608 (only fixed constants are formatted in)

# The author's live entries in the cohort first (their index), then each one's document checked:
# the LATERAL subquery with OFFSET 0 is not merged into the join, so PostgreSQL cannot choose to
# read every document matching a common word instead. A lower score is a better match on both.
_POSTGRESQL_RANKED = f"""
    SELECT e.id, e.occurred_on, -ts_rank(s.document, q) AS score
    FROM entries AS e
    CROSS JOIN plainto_tsquery('simple', :match) AS q
    CROSS JOIN LATERAL (
        SELECT s.document FROM entry_search AS s WHERE s.entry_id = e.id AND s.document @@ q OFFSET 0
    ) AS s
    WHERE {_OWN_LIVE_ENTRIES}
    ORDER BY score, e.occurred_on DESC, e.id DESC
    LIMIT :limit
"""  # noqa: S608 (only fixed constants are formatted in)

# What a result shows, read for the ranked few only.
_SHOWN = """
    WITH ranked AS ({ranked})
    SELECT e.id, e.title, e.body, e.kind, e.occurred_on
    FROM ranked AS r JOIN entries AS e ON e.id = r.id
    ORDER BY r.score, r.occurred_on DESC, r.id DESC
"""
_SHOWN_COLUMNS = {"id": Integer, "title": String, "body": Text, "kind": String, "occurred_on": Date}


def _marked(value: str, terms: set[str], start: int = 0, end: int | None = None) -> Markup:
    """``value[start:end]`` escaped, each word of ``terms`` (lower case) in it wrapped in <mark>."""
    end = len(value) if end is None else end
    parts, position = [], start
    for word in _WORD.finditer(value, start, end):
        if word.group().lower() in terms:
            parts += [escape(value[position : word.start()]), Markup("<mark>{}</mark>").format(word.group())]
            position = word.end()
    parts.append(escape(value[position:end]))
    return Markup("").join(parts)


def excerpt(body: str, terms: set[str]) -> Markup:
    """About ``EXCERPT_WORDS`` words of the body's plain text (its Markdown read, not shown) where the
    most of ``terms`` (lower case) appear, marked and escaped, "…" where text is left out; the text's
    beginning when none of them is in it (a match in the title or the tags)."""
    plain = plain_text(body)
    found = list(_WORD.finditer(plain))
    if not found:
        return Markup("")
    matches = [i for i, word in enumerate(found) if word.group().lower() in terms]

    def window(first: int) -> tuple[int, int]:
        first = max(0, min(first - EXCERPT_LEAD, len(found) - EXCERPT_WORDS))
        return first, min(len(found), first + EXCERPT_WORDS)

    def covered(span: tuple[int, int]) -> int:
        return len({word.group().lower() for word in found[span[0] : span[1]]} & terms)

    first, last = max((window(i) for i in matches), key=covered, default=window(0))  # ties: the earliest
    start = found[first].start() if first else 0
    end = found[last - 1].end() if last < len(found) else len(plain)
    marked = _marked(plain, terms, start, end)
    return Markup("{}{}{}").format("…" if first else "", marked, "…" if last < len(found) else "")


def search_entries(author_id: int, cohort_id: int, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """The author's live entries in the cohort containing every word of ``query``, best first."""
    terms = words(query)
    if not terms:
        return []
    if db.session.get_bind().dialect.name == "sqlite":
        quoted = " ".join(f'"{term}"' for term in terms)
        owner = owner_token(author_id, cohort_id)
        ranked, match = _SQLITE_RANKED, f'owner : "{owner}" AND {{title body tags}} : ({quoted})'
    else:
        ranked, match = _POSTGRESQL_RANKED, " ".join(terms)
    statement = text(_SHOWN.format(ranked=ranked)).columns(**_SHOWN_COLUMNS)
    rows = db.session.execute(statement, {"match": match, "author": author_id, "cohort": cohort_id, "limit": limit})
    wanted = set(terms)
    return [
        Hit(row.id, _marked(row.title, wanted), excerpt(row.body, wanted), row.occurred_on, row.kind) for row in rows
    ]
