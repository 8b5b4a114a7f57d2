"""Transactions as the app's database settings promise them (journal/database.py).

A savepoint's work stands or falls with its request, on SQLite as on PostgreSQL; a writer holding
the lock blocks no reader; a save that finds the lock taken waits for it instead of failing.
Requests here go through the app in threads of the test process (no server is needed to hold a
lock from another connection).
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, select, text

from journal.extensions import db
from journal.models import AuditEvent, Entry, EntryReview, User
from journal.review.services import mark_reviewed
from tests.resilience.workload import entry_form


def test_a_savepoint_is_undone_with_the_request_that_made_it(app, make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    entry = make.entry(intern, cohort, visibility="supervisors")
    with app.test_request_context(method="POST"), app.app_context():
        # As in a view: something is read first, then the service writes inside a savepoint.
        found = db.session.get(Entry, entry.id)
        assert mark_reviewed(found, db.session.get(User, supervisor.id)) is True
        db.session.rollback()  # the request fails after the savepoint was released
    with app.app_context():
        assert db.session.scalars(select(EntryReview)).all() == []
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "entry.reviewed")).all() == []


@contextmanager
def lock_held_elsewhere(database_url: str, entry_id: int):
    """Hold, from another connection, what a save of the entry needs: SQLite's write lock, or the
    entry's row lock on PostgreSQL. Released (rolled back) when the block ends."""
    if database_url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(database_url).database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
        return
    engine = create_engine(database_url)
    with engine.connect() as connection:
        connection.execute(text("SELECT id FROM entries WHERE id = :id FOR UPDATE"), {"id": entry_id})
        try:
            yield
        finally:
            connection.rollback()
    engine.dispose()


def test_readers_pass_a_held_write_lock_and_a_save_waits_for_it(app, make, client, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort, kind="cultural", theme="language", title="Held")
    assert auth.login(intern.email).status_code == 302
    saved = []

    def save() -> None:
        form = entry_form("Held", "Saved after the wait", base_version=entry.version)
        saved.append(client.post(f"/entries/{entry.id}/edit", data=form).status_code)

    with lock_held_elsewhere(app.config["SQLALCHEMY_DATABASE_URI"], entry.id):
        # Pages that only read never queue behind a writer.
        assert client.get(f"/journal/{cohort.id}/").status_code == 200
        assert client.get(f"/entries/{entry.id}").status_code == 200
        saving = threading.Thread(target=save)
        saving.start()
        time.sleep(1.5)  # long enough for the save to reach the database on a quiet machine
        # Failing fast ("database is locked") would have ended it: it must still be waiting.
        assert saving.is_alive(), saved
    saving.join(timeout=60)

    assert saved == [302]
    with app.app_context():
        assert db.session.get(Entry, entry.id).body == "Saved after the wait"
