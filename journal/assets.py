"""Static files under versioned addresses, cached by browsers for a year.

``url_for('static', filename='css/app.css')`` gives ``/static/<version>/css/app.css``, where the
version is a hash of the contents of every file under ``static/``, read once when the app is built
(once per process). A new release with any file changed has a new version, so its pages ask for new
addresses, and an address once served never changes content: it goes out ``public, max-age`` one
year, ``immutable``, and a browser asks again for none of a page's stylesheets and scripts.

The version is one for the whole folder, not one per file, so that addresses written relative to a
file stay versioned too: ``autosave.js`` imports ``./device-store.js``, which resolves to
``/static/<version>/js/device-store.js``. Releases change a few kilobytes of static files at a time.

The unversioned address (``/static/css/app.css``) still works, as does one with a version this
process did not compute (a page from the previous release): both are revalidated on every use
(``no-cache``), since their content may change under the same address.

In debug mode (``flask run --debug``) files change while the process runs, so the addresses are
left unversioned.
"""

import hashlib
import re
from pathlib import Path

from flask import Flask, current_app, send_from_directory

ONE_YEAR = 365 * 24 * 60 * 60
VERSION = re.compile(r"[0-9a-f]{12}")


def files_under(folder: str | Path) -> list[str]:
    """The path of every file under ``folder``, relative to it (with ``/``), sorted."""
    root = Path(folder)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def folder_version(folder: str | Path) -> str:
    """Twelve hex digits of a SHA-256 over every file's path and contents under ``folder``."""
    digest = hashlib.sha256()
    for name in files_under(folder):
        digest.update(name.encode() + b"\0")
        digest.update((Path(folder) / name).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def serve(filename: str):
    """The static file at ``filename``, which may start with a version; cached for a year when that
    version is this process's, revalidated on every use otherwise."""
    version, _, path = filename.partition("/")
    if not (path and VERSION.fullmatch(version)):
        return current_app.send_static_file(filename)
    if version != current_app.extensions["static_version"]:
        return current_app.send_static_file(path)
    response = send_from_directory(current_app.static_folder, path, max_age=ONE_YEAR)
    response.cache_control.immutable = True
    return response


def add_version(endpoint: str, values: dict) -> None:
    """Put the version in front of the file name of every address built for ``static``."""
    if endpoint == "static" and "filename" in values:
        values["filename"] = f"{current_app.extensions['static_version']}/{values['filename']}"


def init_app(app: Flask) -> None:
    """Compute the static folder's version and serve and address static files with it."""
    if not app.has_static_folder:
        return
    app.extensions["static_version"] = folder_version(app.static_folder)
    app.view_functions["static"] = serve
    if not app.debug:
        app.url_defaults(add_version)
