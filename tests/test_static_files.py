"""Static files: versioned addresses cached for a year, everything else revalidated (journal/assets.py)."""

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from flask import Flask, url_for

from journal import assets
from tests.html import attributes

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
CACHED_FOR_A_YEAR = {"public", "max-age=31536000", "immutable"}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def fetch(client, address: str, **headers):
    """The answer to a GET, read whole and closed (a file left open is a ResourceWarning)."""
    response = client.get(address, headers=headers)
    response.get_data()
    response.close()
    return response


def static_addresses(html: str) -> list[str]:
    """Every stylesheet, icon, script and image address of the page under /static/."""
    found = attributes(html, "link[href]", "href") + attributes(html, "script[src], img[src]", "src")
    return [address for address in found if address.startswith("/static/")]


def on_disk(address: str) -> bytes:
    """The file a versioned address names: ``/static/<version>/css/app.css`` is static/css/app.css."""
    _, _, version, path = address.split("/", 3)
    assert re.fullmatch(r"[0-9a-f]{12}", version), address
    return (STATIC / path).read_bytes()


def small_app(static_folder: Path, *, debug: bool = False) -> Flask:
    """An app with nothing but a static folder, served as the journal's is."""
    app = Flask(__name__, static_folder=str(static_folder), static_url_path="/static")
    app.debug = debug
    assets.init_app(app)
    return app


def address_in(app: Flask, filename: str) -> str:
    with app.test_request_context():
        return url_for("static", filename=filename)


def test_a_pages_static_files_are_versioned_and_cached_for_a_year(client):
    addresses = static_addresses(client.get("/login").get_data(as_text=True))
    assert {"css/app.css", "favicon.svg", "js/app.js"} <= {address.split("/", 3)[3] for address in addresses}
    for address in addresses:
        response = fetch(client, address)
        assert response.status_code == 200, address
        assert cache_control(response) == CACHED_FOR_A_YEAR, address
        assert response.data == on_disk(address), address


def test_modules_imported_by_relative_address_stay_versioned(app, client):
    """``autosave.js`` imports ``./device-store.js`` and ``./offline.js`` (which imports the store
    too), and each of them the page's messages (``./messages.js``): resolved against a versioned address,
    each import is versioned too, and cached as long."""
    for module, imports in {
        "autosave.js": ["./messages.js", "./device-store.js", "./offline.js"],
        "offline.js": ["./messages.js", "./device-store.js"],
        "device-store.js": ["./messages.js"],
    }.items():
        address = address_in(app, f"js/{module}")
        imported = re.findall(r'^import (?:.* from )?"(\.[^"]+)";', (STATIC / "js" / module).read_text(), re.M)
        assert imported == imports, module
        for name in imported:
            response = fetch(client, urljoin(address, name))
            assert response.status_code == 200
            assert cache_control(response) == CACHED_FOR_A_YEAR
            assert response.data == (STATIC / "js" / name.removeprefix("./")).read_bytes()


def test_changing_a_files_contents_changes_every_address(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black; }")
    (tmp_path / "app.js").write_text("// unchanged")
    before = small_app(tmp_path)
    assert address_in(small_app(tmp_path), "css/site.css") == address_in(before, "css/site.css")

    (tmp_path / "css" / "site.css").write_text("body { color: navy; }")
    after = small_app(tmp_path)
    assert address_in(after, "css/site.css") != address_in(before, "css/site.css")
    assert address_in(after, "app.js") != address_in(before, "app.js")

    # A page of the earlier release asks the new process for its address: the file as it is now,
    # which that address must not keep for a year.
    response = fetch(after.test_client(), address_in(before, "css/site.css"))
    assert (response.status_code, response.data) == (200, b"body { color: navy; }")
    assert "no-cache" in cache_control(response)
    response = fetch(after.test_client(), address_in(after, "css/site.css"))
    assert (cache_control(response), response.data) == (CACHED_FOR_A_YEAR, b"body { color: navy; }")


@pytest.mark.parametrize("address", ["/static/css/app.css", "/static/0123456789ab/css/app.css"])
def test_unversioned_and_unknown_versions_are_revalidated(client, address):
    response = fetch(client, address)
    assert response.status_code == 200
    assert response.data == (STATIC / "css" / "app.css").read_bytes()
    assert "no-cache" in cache_control(response)
    assert not {"immutable", "max-age=31536000"} & cache_control(response)


def test_missing_files_are_not_found_under_any_address(app, client):
    assert fetch(client, address_in(app, "css/nowhere.css")).status_code == 404
    assert fetch(client, "/static/css/nowhere.css").status_code == 404
    assert fetch(client, address_in(app, "../journal/__init__.py")).status_code == 404


@pytest.mark.parametrize("versioned", [True, False])
def test_a_file_not_changed_since_is_answered_304(app, client, versioned):
    address = address_in(app, "css/app.css") if versioned else "/static/css/app.css"
    first = fetch(client, address)
    again = fetch(client, address, **{"If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.data) == (304, b"")
    assert cache_control(again) == cache_control(first)
    since = fetch(client, address, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_debug_mode_leaves_addresses_unversioned(tmp_path):
    """Files are edited while a debug server runs: a year-long cache would keep the old ones."""
    (tmp_path / "site.css").write_text("body {}")
    assert address_in(small_app(tmp_path, debug=True), "site.css") == "/static/site.css"


@pytest.mark.parametrize("folder", ["templates", "static"])
def test_no_static_address_is_written_by_hand(folder):
    """Every address of a static file is built by ``url_for('static', ...)``, so it carries the version."""
    written = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".html", ".js", ".css"}
        for line in path.read_text().splitlines()
        if "/static/" in line
    ]
    assert written == []
