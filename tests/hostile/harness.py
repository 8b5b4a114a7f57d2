"""What the hostile tests check after every request: no 500 and nothing logged, a rejection that
says what to fix and changes nothing, an acceptance that saved what was sent.

The database is compared as a whole: every row of every table, before and after the request.
"""

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from journal import jobs
from journal.extensions import db
from tests.conftest import log_in_as

# What a page shows when it refuses input: a field's error, the form's summary, a flashed error or
# warning, a file that does not verify, or the error page with its explanation.
ERROR_MARKERS = re.compile(
    r'class="(?:[^"]*\s)?(error|error-summary|flash-error|flash-warning|verify-bad|error-page)(?:\s[^"]*)?"'
)
NOT_FOUND_PAGE = re.compile(r'<section class="card narrow[^"]*">\s*(<p[^>]*>[^<]*</p>\s*)?<h1>')
FLASH = re.compile(r'<p class="flash flash-[a-z]+">\s*\S')

# Columns no request may change, whatever it sends (mass assignment): who is a coordinator,
# who wrote an entry and in which cohort.
PROTECTED = {"users": ("id", "email", "is_admin"), "entries": ("id", "author_id", "cohort_id")}


Snapshot = dict[str, dict[tuple, dict]]


def snapshot(app: Flask) -> Snapshot:
    """Every row of every table, keyed by table name and primary key (as the driver returns them:
    plain DBAPI reads, several times faster than through SQLAlchemy, for a check made twice a request)."""
    with app.app_context(), db.engine.connect() as connection:
        found: Snapshot = {}
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            for table in db.metadata.sorted_tables:
                cursor.execute(f'SELECT * FROM "{table.name}"')  # noqa: S608 (names from the app's own metadata)
                names = [column[0] for column in cursor.description]
                keys = [names.index(column.name) for column in table.primary_key.columns] or range(len(names))
                rows = cursor.fetchall()
                found[table.name] = {tuple(row[i] for i in keys): dict(zip(names, row, strict=True)) for row in rows}
        finally:
            cursor.close()
            connection.rollback()
        return found


def changed_rows(before: Snapshot, after: Snapshot) -> dict[str, list[dict]]:
    """The rows added or changed, and (as ``{"deleted": key}``) those removed, by table."""
    changes: dict[str, list[dict]] = {}
    for table, rows in after.items():
        old = before.get(table, {})
        added = [row for key, row in rows.items() if old.get(key) != row]
        removed = [{"deleted": key} for key in old if key not in rows]
        if added or removed:
            changes[table] = added + removed
    return changes


def protected_changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Protected columns that changed on rows that existed before."""
    problems = []
    for table, columns in PROTECTED.items():
        for key, row in before.get(table, {}).items():
            now = after[table].get(key)
            if now is None:
                continue
            for column in columns:
                if now[column] != row[column]:
                    problems.append(f"{table} {key}: {column} changed from {row[column]!r} to {now[column]!r}")
    return problems


def _strings(value) -> Iterator[str]:
    """Every string in a stored value (JSON columns are walked; numbers and dates as text)."""
    if isinstance(value, str):
        yield value
        if value[:1] in "{[":
            try:
                yield from _strings(json.loads(value))
            except ValueError:
                pass
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, int | float | Decimal | date | datetime):
        yield str(value)


def stored_strings(changes: dict[str, list[dict]]) -> set[str]:
    """Every string value in the rows that a request added or changed."""
    return {text for rows in changes.values() for row in rows for text in _strings(row)}


class ErrorLog(logging.Handler):
    """Collects every record of level ERROR or above (an unhandled exception is logged so)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        """The records, with their tracebacks, to show in a failure."""
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return "\n".join(formatter.format(record) for record in self.records)


@contextmanager
def error_log() -> Iterator[ErrorLog]:
    """Capture errors logged anywhere (the app's logger propagates to the root) while the block runs."""
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def client_as(app: Flask, user) -> object:
    """A new test client, logged in as ``user`` on a session of its own (None: anonymous)."""
    client = app.test_client()
    if user is not None:
        log_in_as(client, user)
    return client


def post_form(client, path: str, form: MultiDict, method: str = "POST"):
    """Send ``form`` (a MultiDict; upload values are FileStorage) as a browser would.

    A form holding a file goes as multipart, encoded here in memory: the test client would
    spool a large body to a temporary file that it never closes.
    """
    if any(isinstance(value, FileStorage) for value in form.values()):
        boundary, body = encode_multipart(form)
        return client.open(path, method=method, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    return client.open(path, method=method, data=form)


def says_what_is_wrong(response) -> bool:
    """True if the response explains the refusal: an error element in HTML, or an error in JSON."""
    if response.is_json:
        payload = response.get_json(silent=True)
        return isinstance(payload, dict) and isinstance(payload.get("error"), str) and bool(payload["error"].strip())
    page = response.get_data(as_text=True)
    if response.status_code == 404 and NOT_FOUND_PAGE.search(page):
        return True  # a friendly page saying the link leads nowhere (an unknown code, a used invitation)
    return bool(ERROR_MARKERS.search(page))


def landing_page(client, response):
    """The page a redirect leads to (with its flashed messages), or None if it leads off the site."""
    location = response.headers.get("Location", "")
    if not location.startswith("/"):
        return None
    landing = client.get(location)
    landing.get_data()
    landing.close()
    return landing


@dataclass
class Outcome:
    """One request and what it did."""

    description: str
    response: object
    changes: dict = field(default_factory=dict)
    protected: list = field(default_factory=list)
    errors: str = ""
    landing: object = None

    @property
    def status(self) -> int:
        return self.response.status_code


def send(app: Flask, client, description: str, request, compare: bool = True) -> Outcome:
    """Run ``request()`` (one request through ``client``) and record what it did to the database
    (unless ``compare`` is False: pages that only show things are not compared).

    Background jobs it started (portfolio PDFs, exports) are waited for, so that their writes
    and their failures belong to this request. A redirect is followed, so the page it lands on
    is checked too.
    """
    assert jobs.wait_for_jobs(timeout=120), "a background job from an earlier request did not finish"
    before = snapshot(app) if compare else {}
    with error_log() as log:
        response = request()
        response.get_data()
        response.close()
        assert jobs.wait_for_jobs(timeout=120), f"{description}: a background job did not finish"
        after = snapshot(app) if compare else {}
        landing = landing_page(client, response) if 300 <= response.status_code < 400 else None
    return Outcome(
        description,
        response,
        changed_rows(before, after),
        protected_changes(before, after),
        log.text(),
        landing,
    )


def check_no_failure(outcome: Outcome) -> None:
    """Never a 500, never an error logged, never a protected column changed."""
    where = outcome.description
    assert outcome.status < 500, f"{where}: {outcome.status}\n{outcome.errors}"
    assert not outcome.errors, f"{where}: an error was logged ({outcome.status})\n{outcome.errors}"
    assert not outcome.protected, f"{where}: {outcome.protected}"
    if outcome.landing is not None:
        assert outcome.landing.status_code < 500, f"{where}: the page redirected to gives {outcome.landing.status_code}"


def check_refusal(outcome: Outcome, saves: bool) -> None:
    """A request that changed nothing must say why (unless the route does not save, e.g. a preview)."""
    where = outcome.description
    if outcome.status >= 400:
        assert says_what_is_wrong(outcome.response), f"{where}: {outcome.status} without a message saying what to fix"
    elif outcome.landing is not None and saves:
        text = outcome.landing.get_data(as_text=True)
        assert FLASH.search(text), f"{where}: redirected, nothing saved and no message on the page it leads to"
    elif outcome.status == 200 and saves:
        assert says_what_is_wrong(outcome.response), f"{where}: 200, nothing saved, and no message saying why"


def check_acceptance(outcome: Outcome, expected: dict[str, str]) -> None:
    """A request that changed the database must have succeeded and stored each ``expected`` value whole."""
    where = outcome.description
    assert outcome.status < 400, (
        f"{where}: answered {outcome.status} but changed {sorted(outcome.changes)} (half-saved)"
    )
    stored = stored_strings(outcome.changes)
    for name, value in expected.items():
        assert value in stored, (
            f"{where}: accepted, but {name}={value[:80]!r} (len {len(value)}) is not what was stored "
            f"in {sorted(outcome.changes)}"
        )
