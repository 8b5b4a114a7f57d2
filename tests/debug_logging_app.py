"""``app:app`` with every Python logger at DEBUG on stderr, for gunicorn in tests/test_logs.py.

SQLAlchemy sets its own loggers to WARNING when first imported, so they are raised explicitly.
"""

import logging

import sqlalchemy  # noqa: F401 - imported first, so that the levels below are the last word

logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(name)s %(levelname)s %(message)s")
for name in ("sqlalchemy", "werkzeug", "journal"):
    logging.getLogger(name).setLevel(logging.DEBUG)

from app import app  # noqa: E402 - after the logging is set up

__all__ = ["app"]
