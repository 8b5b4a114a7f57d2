"""Offline writing: the size of what the service worker keeps, and how soon entries written offline
are sent once the network is back.

In Debian's Chromium, headless, against the app served over HTTP on the demo data: the intern opens
the journal (the worker keeps it, the entry forms and the recent entries), the network goes (the
browser set offline, the server stops listening), ten entries are written and saved, and the network
comes back. The figure is the time from "back online" (the server listening and the browser told)
to the journal's status saying "Sent", with all ten in the database, each once.
"""

import logging
import time

from playwright.sync_api import sync_playwright
from sqlalchemy import func, select

from journal.extensions import db
from journal.models import Entry
from journal.seed import demo
from scripts.chromium import launch
from tests.bench import harness
from tests.bench.harness import Figure
from tests.e2e.conftest import LiveServer

TITLE = "offline writing"
QUEUED = 10
REPEAT = 3
INTERN = "intern1@demo.test"

SHELL_SIZE = """async () => {
    const names = await caches.keys();
    const shell = await caches.open(names.find((name) => name.startsWith("shell-")));
    let bytes = 0, files = 0;
    for (const request of await shell.keys()) {
        bytes += (await (await shell.match(request)).arrayBuffer()).byteLength;
        files += 1;
    }
    const pages = await caches.open("pages");
    let kept = 0, keptBytes = 0;
    for (const request of await pages.keys()) {
        keptBytes += (await (await pages.match(request)).arrayBuffer()).byteLength;
        kept += 1;
    }
    return {bytes, files, kept, keptBytes};
}"""


def _entries(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Entry.id)))


def _wait(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        time.sleep(0.005)


def _open_journal_kept(page, server) -> None:
    page.goto(f"{server.url}/journal/{server.cohort_id}/")
    listed = page.evaluate("JSON.parse(document.getElementById('offline-pages').textContent).map((p) => p.url)")
    wanted = {server.url + url for url in listed}
    kept = "caches.open('pages').then((c) => c.keys()).then((ks) => ks.map((r) => r.url))"
    _wait(lambda: wanted <= set(page.evaluate(kept)))


def _queue(page, server, round_number: int) -> None:
    for number in range(QUEUED):
        page.goto(f"{server.url}/journal/{server.cohort_id}/new?kind=cultural")
        page.get_by_label("Title", exact=True).fill(f"Offline {round_number}.{number}")
        page.get_by_label("Theme").select_option(index=1)
        page.get_by_label("Your entry").fill("Written with no network. " * 20)
        page.get_by_role("button", name="Save entry").click()
        page.wait_for_url(f"{server.url}/journal/{server.cohort_id}/")


def run(app, options: harness.Options) -> list[Figure]:
    """Measure the shell and the kept pages, then time ten queued entries being sent, REPEAT times."""
    with app.app_context():
        demo.seed_demo()
        db.session.commit()
        cohort_id = db.session.scalar(select(Entry.cohort_id).limit(1))
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = LiveServer(app, cohort_id)
    timings = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright.chromium)
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{server.url}/login")
            page.get_by_label("Email").fill(INTERN)
            page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{server.url}/home/{cohort_id}")
            _open_journal_kept(page, server)
            sizes = page.evaluate(SHELL_SIZE)
            status = page.locator("#offline-status")
            for round_number in range(options.repeat or REPEAT):
                before = _entries(app)
                context.set_offline(True)
                server.network_off()
                _queue(page, server, round_number)
                began = time.perf_counter()
                server.network_on()
                context.set_offline(False)
                _wait(lambda: "Sent" in (status.text_content() or ""))
                timings.append(time.perf_counter() - began)
                if _entries(app) != before + QUEUED:
                    raise RuntimeError(f"expected {QUEUED} new entries, found {_entries(app) - before}")
            browser.close()
    finally:
        server.network_off()
    median = sorted(timings)[len(timings) // 2]
    return [
        Figure(TITLE, "precache (app shell)", sizes["bytes"], "bytes", note=f"{sizes['files']} files"),
        Figure(
            TITLE, "pages kept for the demo intern", sizes["keptBytes"], "bytes", note=f"{sizes['kept']} pages, sealed"
        ),
        Figure(
            TITLE,
            f"back online → {QUEUED} queued entries sent",
            round(median * 1000, 1),
            "ms",
            note=f"median of {len(timings)}",
            detail={"runs_ms": [round(t * 1000, 1) for t in timings]},
        ),
    ]
