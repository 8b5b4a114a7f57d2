"""Offline-first writing: the installable app (manifest, icons, start address), the service worker
that keeps the intern's own recent pages on the device (encrypted), and what the server tells it.

See ``journal/offline/keep.py`` for which pages a device may keep, and
``journal/offline/service-worker.js`` for what the browser does with them.
"""

from flask import Flask

from journal import js_messages

# The route modules register their routes on ``bp`` as they are imported.
from journal.offline import app_views, keep, worker_views  # noqa: F401
from journal.offline.blueprint import bp

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    """Mark every answer for the service worker, and give the pages the words of their scripts (which
    are mostly this feature's: autosave, the outbox, the status line)."""
    keep.init_app(app)
    js_messages.init_app(app)
