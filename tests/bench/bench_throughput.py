"""Requests per second through a real gunicorn with 2 workers, on a copy of the supervision dataset:
the dashboard (200 interns), an intern's journal list (some 360 entries) and saving a new entry,
each as a ratio to the minimal logged-in page's rate measured in the same round.

The server runs as in production (``APP_ENV=production``, CSRF protection on, no Redis). Each
measurement keeps ``CLIENTS`` logged-in clients busy (threads, each its own account and
session, one request at a time) for ``SECONDS``; rounds go through the four pages in turn and
the median rate of the rounds is kept. Any answer other than the expected one (200, or the
302 after a save) counts as an error. The goal: saving at least 0.3× the minimal page's rate,
with zero errors.
"""

import contextlib
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from journal.extensions import db
from journal.models import Cohort
from tests.bench import datasets, harness
from tests.bench.harness import Figure
from tests.html import attributes

TITLE = "throughput"
WORKERS = 2
CLIENTS = 4  # two per worker: one request waiting while the other is served
SECONDS = 3.0
REPEAT = 3
SAVE_GOAL = 0.3
MINIMAL_PAGE = "/account/password"
ROOT = Path(__file__).resolve().parents[2]
BODY = "## What happened\n\nA busy clinic: twelve patients, two admitted.\n\n## What I learned\n\nTriage early."


class Client:
    """One browser: its cookies, and requests over a new connection each (gunicorn's sync workers
    close every connection after its response)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        """Send the request; the status and the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        payload = None
        if form is not None:
            payload = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value
            return response.status, body
        finally:
            connection.close()

    def csrf_token(self, path: str) -> str:
        """The CSRF token of the form at ``path``."""
        status, body = self.request("GET", path)
        found = attributes(body, 'form input[name="csrf_token"]', "value")
        if status != 200 or not found:
            raise RuntimeError(f"no form at {path} ({status})")
        return found[0]

    def log_in(self, email: str) -> None:
        """Log in through the form, as a browser does."""
        token = self.csrf_token("/login")
        status, _ = self.request("POST", "/login", {"csrf_token": token, "email": email, "password": datasets.PASSWORD})
        if status != 302:
            raise RuntimeError(f"could not log in as {email} ({status})")


@dataclass
class Load:
    """What one measurement sends: each client's request, and the status that means success."""

    name: str
    clients: list[Client]
    send: Callable[[Client], int]
    expected: int = 200
    done: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _hammer(load: Load, seconds: float) -> tuple[float, int, int]:
    """Keep every client of the load busy for ``seconds``; requests per second, successes, errors."""
    stop = time.perf_counter() + seconds
    counts = [0] * len(load.clients)
    errors: list[str] = []

    def work(n: int, client: Client) -> None:
        while time.perf_counter() < stop:
            try:
                status = load.send(client)
            except (OSError, http.client.HTTPException) as error:
                errors.append(repr(error))
                continue
            if status == load.expected:
                counts[n] += 1
            else:
                errors.append(f"status {status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(load.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    load.errors += errors
    return sum(counts) / elapsed, sum(counts), len(errors)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url: str):
    """A gunicorn with WORKERS sync workers serving the app on ``database_url``; yields its port."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "JOB_QUEUE")}
    env |= {
        "APP_ENV": "production",
        "SECRET_KEY": "benchmark-secret-key-" + "x" * 32,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning", "app:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (our own command line)
    try:
        _wait_until_serving(server, port)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_serving(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit code {server.returncode})")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if Client(port).request("GET", "/login")[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def _clients(port: int, role: str, count: int) -> list[Client]:
    clients = []
    for n in range(1, count + 1):
        client = Client(port)
        client.log_in(datasets.email(role, n, 1))
        clients.append(client)
    return clients


def _saver(cohort_id: int):
    """Each call saves a new clinical entry for the client's intern (the form's token fetched once)."""
    tokens: dict[int, str] = {}
    path = f"/journal/{cohort_id}/new?kind=clinical"
    day = (date.today() - timedelta(days=1)).isoformat()

    def save(client: Client) -> int:
        if id(client) not in tokens:
            tokens[id(client)] = client.csrf_token(path)
        form = {
            "csrf_token": tokens[id(client)],
            "title": "Evening clinic",
            "occurred_on": day,
            "body": BODY,
            "tags": "clinic, triage",
            "setting": "outpatient",
            "specialty": "internal medicine",
            "involvement": "assisted",
            "hours": "3",
        }
        return client.request("POST", path, form)[0]

    return save


def _loads(port: int, cohort_id: int) -> list[Load]:
    """The four measurements, each with clients of its own."""

    def get(url: str):
        return lambda client: client.request("GET", url)[0]

    interns = _clients(port, "intern", CLIENTS)
    return [
        Load("minimal", _clients(port, "intern", CLIENTS), get(MINIMAL_PAGE)),
        Load("dashboard", _clients(port, "supervisor", CLIENTS), get(f"/review/{cohort_id}/")),
        Load("journal list", interns, get(f"/journal/{cohort_id}/")),
        Load("save entry", interns, _saver(cohort_id), expected=302),
    ]


def run(_app, options: harness.Options) -> list[Figure]:
    """Start gunicorn on a copy of the dataset, warm every page up, then measure round after round."""
    with datasets.dataset_app("supervision", datasets.SUPERVISION) as app:
        with app.app_context():
            cohort_id = db.session.scalar(select(Cohort.id).where(Cohort.name == "Synthetic cohort 1"))
        with gunicorn(datasets.database_url(app)) as port:
            loads = _loads(port, cohort_id)
            for load in loads:
                _hammer(load, 1.0)  # warm-up: imports, templates, caches in both workers
                load.errors.clear()
            rates: dict[str, list[float]] = {load.name: [] for load in loads}
            for _ in range(options.repeat or REPEAT):
                for load in loads:
                    rate, done, _ = _hammer(load, SECONDS)
                    rates[load.name].append(rate)
                    load.done.append(done)
    minimal = statistics.median(rates["minimal"])
    figures = []
    for load in loads:
        rate = statistics.median(rates[load.name])
        goal = f"; goal ≥ {SAVE_GOAL:g}" if load.name == "save entry" else ""
        errors = f"{len(load.errors)} error{'s' if len(load.errors) != 1 else ''}"
        if load.name == "minimal":
            ratio, note = None, f"baseline ({MINIMAL_PAGE}); {errors}"
        else:
            ratio, note = harness.ratio(rate, minimal), f"× minimal{goal}; {errors}"
        detail = {"rates": rates[load.name], "requests": load.done, "errors": load.errors[:20]}
        name = f"{TITLE}, {WORKERS} gunicorn workers: {load.name}"
        figures.append(Figure(TITLE, name, rate, "req/s", ratio, note, detail))
    return figures
