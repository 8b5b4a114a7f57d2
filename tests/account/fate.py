"""What deleting an account must do to every row, written from the rows themselves.

``must_go`` says which rows of a snapshot belong to the person (and go with them);
``check_the_rest`` compares every other row before and after, allowing only the person's id
becoming NULL where the schema says SET NULL, their comments' text emptied, the stored export
zips of their cohorts dropped and, when they chose it, their portfolios left with the cohort.
"""

from journal.extensions import db
from tests.account.traces import Snapshot


def _ids(rows: dict, **where) -> set:
    return {row["id"] for row in rows.values() if all(row[key] == value for key, value in where.items())}


def must_go(before: Snapshot, user_id: int, email: str, *, keep_submissions: bool) -> set[tuple[str, tuple]]:
    """(table, primary key) of every row that must be gone after the deletion."""
    entries = _ids(before["entries"], author_id=user_id)
    requests = _ids(before["signoff_requests"], intern_id=user_id)
    decisions = {row["id"] for row in before["signoff_decisions"].values() if row["request_id"] in requests}
    submissions = set() if keep_submissions else _ids(before["submissions"], intern_id=user_id)
    rules = {
        "users": lambda r: r["id"] == user_id,
        "entries": lambda r: r["id"] in entries,
        "entry_revisions": lambda r: r["entry_id"] in entries,
        "entry_tags": lambda r: r["entry_id"] in entries,
        "evidence": lambda r: r["entry_id"] in entries,
        "entry_reviews": lambda r: r["entry_id"] in entries or r["reviewer_id"] == user_id,
        "comments": lambda r: r["entry_id"] in entries,
        "drafts": lambda r: r["user_id"] == user_id or r["entry_id"] in entries,
        "signoff_requests": lambda r: r["id"] in requests,
        "signoff_decisions": lambda r: r["id"] in decisions,
        "notifications": lambda r: (
            r["user_id"] == user_id
            or r["entry_id"] in entries
            or r["request_id"] in requests
            or r["decision_id"] in decisions
            or r["submission_id"] in submissions  # a reviewer's notice of a portfolio deleted with its intern
        ),
        "memberships": lambda r: r["user_id"] == user_id,
        "user_sessions": lambda r: r["user_id"] == user_id,
        "recovery_codes": lambda r: r["user_id"] == user_id,
        "submissions": lambda r: r["intern_id"] == user_id and not keep_submissions,
        "invitations": lambda r: r["email"] == email,
        "audit_events": lambda r: r["object_type"] == "user" and r["object_id"] == user_id,
    }
    return {
        (table, key)
        for table, rows in before.items()
        if table in rules
        for key, row in rows.items()
        if rules[table](row)
    }


def _references_users(table: str, column: str) -> bool:
    found = db.metadata.tables[table].columns[column]
    return any(fk.column.table.name == "users" for fk in found.foreign_keys)


def _allowed(table, column, old_row, new_value, user_id, *, keep_submissions, intern_cohorts) -> bool:
    old_value = old_row[column]
    if _references_users(table, column) and old_value == user_id and new_value is None:
        return True  # the person's id let go (SET NULL): kept acts, decisions, comments, portfolios
    if (table, column) == ("comments", "body"):
        return old_row["author_id"] == user_id and new_value == ""
    if table == "export_jobs" and column in ("content", "size"):
        return new_value is None and old_row["cohort_id"] in intern_cohorts
    if (table, column) == ("submissions", "former_intern_key"):
        return keep_submissions and old_row["intern_id"] == user_id and isinstance(new_value, str)
    return False


def check_the_rest(
    before: Snapshot, after: Snapshot, gone: set, user_id: int, *, keep_submissions: bool, intern_cohorts: set
) -> dict[str, int]:
    """Assert that the rows in ``gone`` are gone, that every other row is still there changed only as
    allowed, and that the only new rows are ``account.deleted`` events. Returns, by table, how many
    rows of other people's were checked and found as they should be."""
    untouched: dict[str, int] = {}
    for table, rows in before.items():
        for key, old_row in rows.items():
            new_row = after[table].get(key)
            if (table, key) in gone:
                # SQLite may give a deleted row's id to a new row: only the deletion's record may take it.
                assert new_row is None or _is_the_record(table, new_row), f"{table} {key} should have been deleted"
                continue
            assert new_row is not None, f"{table} {key} was deleted, but it is not the person's"
            for column, old_value in old_row.items():
                if new_row[column] != old_value:
                    assert _allowed(
                        table,
                        column,
                        old_row,
                        new_row[column],
                        user_id,
                        keep_submissions=keep_submissions,
                        intern_cohorts=intern_cohorts,
                    ), f"{table} {key}: {column} changed from {old_value!r} to {new_row[column]!r}"
            untouched[table] = untouched.get(table, 0) + 1
        for key, new_row in after[table].items():
            if key not in rows:
                assert _is_the_record(table, new_row), f"new row {table} {key}"
    return untouched


def _is_the_record(table: str, row: dict) -> bool:
    return table == "audit_events" and row["action"] == "account.deleted"
