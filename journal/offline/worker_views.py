"""The service worker's script, and what a page's offline sender asks before sending.

The script is ``journal/offline/service-worker.js`` with its values filled in: its **version**, the
**precache** list (the app shell: every static file under its versioned address, the offline
page and the manifest), the session's length, and the words it says itself when it has no offline page
to show (in every language that has them, as the offline page: it is the same for everyone). It is
served from ``/service-worker.js``, not from ``/static/<version>/``, so its address never changes and
its scope is the whole site; browsers fetch it again on every navigation check (``no-cache``) and
install it anew whenever a byte differs. The version is a hash of the static files' version, the
script itself, its words, and the offline page and manifest as served: a deploy that changes any of
them (a catalog too) changes the version, and the new worker deletes the old shell.
"""

import hashlib
from pathlib import Path

from flask import Response, current_app, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from journal import assets, device_keys
from journal.offline.app_views import offline_headings
from journal.offline.blueprint import bp

SCRIPT = Path(__file__).with_name("service-worker.js")


def _shell() -> list[str]:
    """The addresses the worker keeps from install on: every static file, the offline page, the manifest."""
    return [url_for("static", filename=name) for name in assets.files_under(current_app.static_folder)] + [
        url_for("offline.page"),
        url_for("offline.manifest"),
    ]


def _served(endpoint: str) -> bytes:
    """What ``endpoint`` (a public page that is the same for everyone) serves, as bytes."""
    answer = current_app.make_response(current_app.view_functions[endpoint]())
    return answer.get_data()


def worker_script() -> str:
    """The worker's source with its version and precache list filled in; made once per process."""
    made = current_app.extensions.get("service_worker")
    if made is None:
        source = SCRIPT.read_text(encoding="utf-8")
        shell = _shell()
        offline_text = "\n".join(offline_headings().values())
        digest = hashlib.sha256(source.encode())
        for part in (current_app.extensions.get("static_version", ""), *shell, offline_text):
            digest.update(part.encode() + b"\0")
        for endpoint in ("offline.page", "offline.manifest"):
            digest.update(_served(endpoint) + b"\0")
        version = digest.hexdigest()[:12]
        session_seconds = int(current_app.permanent_session_lifetime.total_seconds())
        made = (
            source.replace('"__VERSION__"', f'"{version}"')
            .replace("__SHELL__", current_app.json.dumps(shell))
            .replace("__SESSION_SECONDS__", str(session_seconds))
            .replace("__OFFLINE_TEXT__", current_app.json.dumps(offline_text))
        )
        current_app.extensions["service_worker"] = made
    return made


@bp.get("/service-worker.js")
def service_worker():
    """The service worker: scope the whole site, checked for a new version on every use."""
    response = Response(worker_script(), mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/offline/session")
def session_state():
    """For a page about to send what it kept offline: whose session this browser has now (the owner
    marker, to compare with the page's own) and a fresh form token for it. 401 when nobody is logged in."""
    if not current_user.is_authenticated:
        return jsonify(error=_("Log in again to send what was kept on this device.")), 401
    return jsonify(owner=device_keys.owner_marker(current_user), csrf_token=generate_csrf())
