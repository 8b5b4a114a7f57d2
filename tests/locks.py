"""Seeing, from a test, that another connection is waiting for a lock on PostgreSQL."""

import time

from sqlalchemy import text
from sqlalchemy.engine import Engine

_WAITING = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()"
)


def another_connection_waits_for_a_lock(engine: Engine, deadline_seconds: float) -> bool:
    """Poll until another connection to this database waits for a lock (True), or the deadline
    passes (False).

    PostgreSQL takes one snapshot of pg_stat_activity per transaction, so each look is a
    transaction of its own: polling inside one transaction would see the first look forever.
    """
    deadline = time.monotonic() + deadline_seconds
    with engine.connect() as connection:
        while True:
            waiting = connection.scalar(_WAITING)
            connection.rollback()
            if waiting:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
