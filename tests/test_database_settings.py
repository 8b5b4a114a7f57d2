"""Every connection the app opens is set up for its database (``journal/database.py``)."""

from journal.database import BUSY_TIMEOUT_MS
from journal.extensions import db


def test_connections_are_set_up_for_their_database(app):
    """PostgreSQL: no JIT compilation (it made the dashboard's counts take a second longer);
    SQLite: the busy timeout that lets gunicorn workers take turns writing."""
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "postgresql":
            assert connection.exec_driver_sql("SHOW jit").scalar() == "off"
        else:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
