"""Browser tests: Chromium (driven by Playwright) against the app served over real HTTP.

The app runs in a thread of the test process with real CSRF protection, on a fresh SQLite file
(or on the PostgreSQL database given by ``--database-url``), with the demo cohort seeded (once per
run, then copied: ``tests/saved_database.py``).
"""

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from journal.extensions import db
from journal.models import Cohort
from journal.seed import demo
from scripts.chromium import CHROMIUM, launch
from tests import factories

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output" / "e2e"


@pytest.fixture
def app_config():
    """Real CSRF protection: the browser has to send the token the form carries."""
    return {"WTF_CSRF_ENABLED": True}


class LiveServer:
    """The running app: where it listens and the id of the seeded demo cohort.

    ``network_off()`` stops serving (the port refuses connections, as a server with no network
    in between does) and ``network_on()`` serves again on the same port; with the browser context
    set offline too, pages see ``navigator.onLine`` false and the service worker's fetches fail."""

    def __init__(self, app, cohort_id: int):
        self.app = app
        self.cohort_id = cohort_id
        self.port = 0
        self._server = None
        self._thread = None
        self.network_on()
        self.url = f"http://127.0.0.1:{self.port}"

    def home_path(self, role: str) -> str:
        return "/cohorts/" if role == "coordinator" else f"/home/{self.cohort_id}"

    def network_on(self) -> None:
        """Serve the app (again, on the same port)."""
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="e2e-server", daemon=True
        )
        self._thread.start()

    def network_off(self) -> None:
        """Stop serving: connections to the port are refused until ``network_on``."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None


@pytest.fixture(scope="session")
def demo_password_hash() -> str:
    """One real (scrypt) hash of the demo password, at the tests' cost (``factories.password_hash``)."""
    return factories.password_hash(demo.DEMO_PASSWORD)


def _seed_demo(app, password_hash: str) -> int:
    """Seed the demo data; return the demo cohort's id."""
    with app.app_context():
        demo.seed_demo(password_hash=password_hash)
        db.session.commit()
        return db.session.scalar(select(Cohort.id).where(Cohort.name == demo.DEMO_COHORT))


@pytest.fixture
def live_server(app, demo_password_hash, saved_databases) -> Iterator[LiveServer]:
    """Serve the app, with the demo data, on a free local port for the duration of the test.

    The demo is seeded once per run (per xdist worker) and copied into each test's database."""
    cohort_id = saved_databases.load(app, "demo", lambda app: _seed_demo(app, demo_password_hash))
    server = LiveServer(app, cohort_id)
    try:
        yield server
    finally:
        server.network_off()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Debian's, since Playwright's downloads are unavailable)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed: the browser tests need Debian's chromium package"
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 but {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p.chromium)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Problems:
    """What went wrong in the browser while a test ran: error responses, console errors, script errors."""

    responses: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.responses or self.console or self.scripts)

    def __str__(self) -> str:
        lines = [f"HTTP {r}" for r in self.responses]
        lines += [f"console error: {c}" for c in self.console]
        lines += [f"page error: {s}" for s in self.scripts]
        return "\n".join(lines)


class Browsing:
    """Opens pages on the live server and records what went wrong in them."""

    def __init__(self, browser, server: LiveServer):
        self.browser = browser
        self.server = server
        self.contexts = []
        self.problems = Problems()

    def page(self, viewport=DESKTOP, mobile=False):
        """A new page in a fresh context (own cookies), watched for errors."""
        options = {"base_url": self.server.url, "viewport": viewport}
        if mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=1)
        context = self.browser.new_context(**options)
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        return page

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.responses.append(f"{response.status} {response.request.method} {response.url}")

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.problems.console.append(message.text)

    def _on_page_error(self, error) -> None:
        self.problems.scripts.append(str(error))

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, live_server) -> Iterator[Browsing]:
    session = Browsing(browser, live_server)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def page(browsing):
    """A desktop-sized page on the live server."""
    return browsing.page()


@pytest.fixture
def phone_page(browsing):
    """A page the size of a phone (390x844), with touch and the mobile viewport rules."""
    return browsing.page(viewport=PHONE, mobile=True)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR
