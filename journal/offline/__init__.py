"""Offline-first writing: the installable app (manifest, icons, start address), the service worker
that keeps the intern's own recent pages on the device (encrypted), and what the server tells it.

See ``journal/offline/keep.py`` for which pages a device may keep, and
``journal/offline/service-worker.js`` for what the browser does with them.
"""

# The route modules register their routes on ``bp`` as they are imported.
from journal.offline import app_views, worker_views  # noqa: F401
from journal.offline.blueprint import bp
from journal.offline.keep import init_app

__all__ = ["bp", "init_app"]
