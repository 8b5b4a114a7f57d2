"""Logs never hold what people wrote, nor the keys to their accounts.

A day of use is played over real HTTP, with a browser that sends ``Referer`` as browsers do: a
coordinator invites someone, who accepts the invitation; an intern logs in, writes an entry of each
kind, edits one, shares it; a supervisor comments and the intern replies; the intern filters by a
tag, searches for a word of an entry, changes the password, submits a portfolio, downloads its PDF
and logs out. It is played twice:

- against gunicorn in a subprocess, configured as the README deploys it (``-c gunicorn.conf.py``)
  with ``--log-level debug`` and the access log on, every logger of the app at DEBUG
  (``tests/debug_logging_app.py``): everything the server prints is read;
- against werkzeug's development server (what ``make run`` serves with) in this process, the root
  logger and every logger that sets its own level (SQLAlchemy's included) at DEBUG into a
  capturing handler: werkzeug's access log, ``sqlalchemy.engine``, Flask's app logger, WeasyPrint,
  fontTools and the rest.

No line may hold a title, body, tag or specialty of an entry, a comment, a password (old or new), a
session cookie's value or the invitation's token. Each text is a word of random letters, so a
line holding it can only have come from the day.
"""

import logging
import os
import re
import secrets
import signal
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from tests import factories
from tests.browsing import Browser, serve
from tests.html import attributes

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("clinical", "cultural", "ethics")


def _word(prefix: str) -> str:
    return prefix + "".join(secrets.choice(string.ascii_lowercase) for _ in range(14))


@dataclass
class Secrets:
    """Everything the logs must never hold: written before the day, or learned during it."""

    texts: dict[str, str] = field(default_factory=dict)
    learned: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for kind in KINDS:
            for place in ("title", "body", "tag"):
                self.texts[f"{kind} {place}"] = _word(f"log{place}")
        for name in ("specialty", "edited body", "comment", "reply", "old password", "new password"):
            self.texts[name] = _word("log" + name.replace(" ", ""))
        self.texts["newcomer password"] = _word("lognewcomer")

    def everything(self) -> dict[str, str]:
        return {**self.texts, **self.learned}


@pytest.fixture
def app_config():
    """Real CSRF protection, as in production: the browser sends each form's token."""
    return {"WTF_CSRF_ENABLED": True}


@dataclass(frozen=True)
class World:
    cohort_id: int
    coordinator: str
    supervisor: str
    intern: str


@pytest.fixture
def world(make, query) -> World:
    """A cohort with an intern (whose password is one of the secrets) and a supervisor, and a coordinator."""
    cohort = make.cohort()
    return World(
        cohort.id,
        make.admin().email,
        make.member(cohort, "supervisor").email,
        make.member(cohort, "intern").email,
    )


def _set_password(app, email: str, password: str) -> None:
    from sqlalchemy import select

    from journal.auth.passwords import hash_password
    from journal.extensions import db
    from journal.models import User

    with app.app_context():
        db.session.scalar(select(User).where(User.email == email)).password_hash = hash_password(password)
        db.session.commit()


def _entry_values(kind: str, texts: dict[str, str]) -> dict:
    values = {
        "title": f"Notes {texts[f'{kind} title']}",
        "body": f"## What happened\n\nA long morning, {texts[f'{kind} body']} and more.",
        "tags": texts[f"{kind} tag"],
        "occurred_on": date.today().isoformat(),
    }
    kind_values = {
        "clinical": {"setting": "ward", "specialty": texts["specialty"], "involvement": "observed", "hours": "2"},
        "cultural": {"theme": "language"},
        "ethics": {"principles": ["consent"]},
    }
    return values | kind_values[kind]


def _entry_id(url: str) -> int:
    found = re.search(r"/entries/(\d+)$", url)
    assert found, f"not an entry's page: {url}"
    return int(found.group(1))


def play_day(address: str, world: World, day: Secrets) -> None:
    """The day of use described above; asserts each step did what it should, and records in ``day``
    what it learned (the invitation token, every cookie value)."""
    texts = day.texts
    coordinator = Browser(address)
    coordinator.log_in(world.coordinator, factories.PASSWORD)
    page = coordinator.get(f"/cohorts/{world.cohort_id}")
    page = coordinator.submit(
        page.form(f"/cohorts/{world.cohort_id}/invite"), {"email": f"new-{uuid.uuid4().hex[:8]}@example.org"}
    )
    shown = attributes(page.text, "ul.invite-links input.copy-source", "value")
    assert len(shown) == 1, "the invitation link was not shown"
    token = shown[0].split("/invitations/")[1]
    day.learned["invitation token"] = token
    newcomer = Browser(address)
    page = newcomer.get(f"/invitations/{token}")
    password = texts["newcomer password"]
    page = newcomer.submit(
        page.form("/invitations/"), {"display_name": "New", "password": password, "confirm": password}
    )
    assert "/invitations/" not in page.url, f"the invitation was not accepted: {page.status}"

    intern = Browser(address)
    intern.log_in(world.intern, texts["old password"])
    ids = {}
    for kind in KINDS:
        page = intern.get(f"/journal/{world.cohort_id}/new?kind={kind}")
        page = intern.submit(page.form(f"/journal/{world.cohort_id}/new"), _entry_values(kind, texts))
        ids[kind] = _entry_id(page.url)
    clinical = ids["clinical"]
    page = intern.submit(intern.get(f"/entries/{clinical}/edit").form("/edit"), {"body": texts["edited body"]})
    assert texts["edited body"] in page.text, "the edit was not saved"
    page = intern.submit(intern.get(f"/entries/{clinical}").form("/visibility"), {"visibility": "supervisors"})
    assert _entry_id(page.url) == clinical

    supervisor = Browser(address)
    supervisor.log_in(world.supervisor, factories.PASSWORD)
    page = supervisor.submit(supervisor.get(f"/entries/{clinical}").form("/comments"), {"body": texts["comment"]})
    assert texts["comment"] in page.text, "the comment was not saved"
    page = intern.get(f"/entries/{clinical}")
    reply = next(
        form for form in page.forms() if form.action.endswith("/comments") and dict(form.fields).get("parent_id")
    )
    page = intern.submit(reply, {"body": texts["reply"]})
    assert texts["reply"] in page.text, "the reply was not saved"

    page = intern.get(f"/journal/{world.cohort_id}/?tag={texts['ethics tag']}")
    assert texts["ethics title"] in page.text, "the tag filter found nothing"
    page = intern.get(f"/journal/{world.cohort_id}/search?q={texts['cultural body']}")
    assert texts["cultural title"] in page.text, "the search found nothing"
    page = intern.submit(
        intern.get("/account/password").form("/account/password"),
        {
            "current_password": texts["old password"],
            "password": texts["new password"],
            "confirm": texts["new password"],
        },
    )
    assert "/account/password" not in page.url, f"the password was not changed: {page.status}"

    page = intern.get(f"/portfolio/{world.cohort_id}/new")
    choose = page.form(f"/portfolio/{world.cohort_id}/new")
    page = intern.submit(choose, {"entries": choose.options["entries"]})
    page = intern.submit(
        page.form(f"/portfolio/{world.cohort_id}/submit"), {"confirm": "y", "password": texts["new password"]}
    )
    assert re.search(r"/submissions/\d+$", page.url), f"the portfolio was not submitted: {page.status}"
    pdf = intern.get(page.url + "/portfolio.pdf")
    assert pdf.body.startswith(b"%PDF"), f"the PDF did not download: {pdf.status}"
    page = intern.submit(intern.get("/").form("/logout"))
    assert page.url.endswith("/login"), "the intern was not logged out"

    browsers = (coordinator, newcomer, intern, supervisor)
    cookies = {value for browser in browsers for value in browser.cookie_values if len(value) >= 16}
    assert cookies, "no session cookie was ever set"
    day.learned.update({f"cookie {n}": value for n, value in enumerate(sorted(cookies))})


def leaks(log: str, day: Secrets) -> dict[str, list[str]]:
    """For each secret found in ``log``, the first lines holding it."""
    lines = log.splitlines()
    found = {}
    for name, secret in day.everything().items():
        holding = [line[:300] for line in lines if secret.lower() in line.lower()]
        if holding:
            found[name] = holding[:3]
    return found


# -- gunicorn in a subprocess --


@contextmanager
def gunicorn(database_url: str, log_path: Path) -> Iterator[str]:
    """gunicorn with the project's gunicorn.conf.py, DEBUG logs and the access log, on a free port."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DATABASE_", "REDIS_"))}
    env.update(
        APP_ENV="production",
        SECRET_KEY=uuid.uuid4().hex,
        PUBLIC_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL="",  # empty rather than absent, so that a .env file cannot fill them in
        MAIL_SERVER="",
        JOB_QUEUE="thread",
        RATELIMIT_NAMESPACE=f"logs-{uuid.uuid4().hex}",
    )
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--log-level", "debug"]
    command += ["--access-logfile", "-", "--error-logfile", "-", "--workers", "1", "--bind", "127.0.0.1:0"]
    command += ["--timeout", "120", "--no-control-socket", "tests.debug_logging_app:app"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield _wait_for_server(process, log_path)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def _wait_for_server(process: subprocess.Popen, log_path: Path, timeout: float = 60) -> str:
    """The address gunicorn listens at, once it answers; AssertionError if it exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log_path.read_text(errors="replace"))
        if found:
            try:
                with urllib.request.urlopen(found.group(1) + "/login", timeout=10) as response:  # noqa: S310
                    if response.status == 200:
                        return found.group(1)
            except (urllib.error.URLError, ConnectionError):
                pass
        assert process.poll() is None, f"gunicorn exited:\n{log_path.read_text(errors='replace')[-3000:]}"
        time.sleep(0.1)
    raise AssertionError(f"gunicorn did not answer:\n{log_path.read_text(errors='replace')[-3000:]}")


def test_gunicorn_logs_hold_no_text_and_no_keys(app, world, tmp_path, capsys):
    day = Secrets()
    _set_password(app, world.intern, day.texts["old password"])
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], log_path) as address:
        play_day(address, world, day)
    log = log_path.read_text(errors="replace")
    with capsys.disabled():
        print(f"\ngunicorn logs: {len(log.splitlines())} lines, {len(log):,} characters")
    # The logs were on: the access log, gunicorn's debug lines, SQL from the app's DEBUG loggers.
    assert re.search(r'"POST /login HTTP/1\.1" 302', log), "no access log"
    assert re.search(rf'"GET /journal/{world.cohort_id}/search\S* HTTP/1\.1" 200', log), "the search is not logged"
    assert "[DEBUG] GET /entries/" in log, "gunicorn's debug log is off"
    assert "sqlalchemy.engine.Engine" in log and "SELECT" in log, "SQLAlchemy's log is off"
    found = leaks(log, day)
    assert not found, f"the logs hold {sorted(found)}: {found}"


# -- werkzeug's server in this process, every logger at DEBUG --


class Capture(logging.Handler):
    """Keeps every record, formatted as a log file would hold it (with any traceback)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []
        self.loggers: set[str] = set()

    def emit(self, record):
        self.lines.append(self.format(record))
        self.loggers.add(record.name)


@contextmanager
def everything_at_debug() -> Iterator[Capture]:
    """The root logger and every logger with a level of its own at DEBUG, all into one Capture."""
    capture = Capture()
    loggers = [logging.getLogger()] + [
        found
        for found in logging.root.manager.loggerDict.values()
        if isinstance(found, logging.Logger) and found.level != logging.NOTSET
    ]
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    logging.getLogger("sqlalchemy").setLevel(logging.DEBUG)  # in case it was never imported before
    logging.getLogger().addHandler(capture)
    try:
        yield capture
    finally:
        logging.getLogger().removeHandler(capture)
        for logger, level in levels.items():
            logger.setLevel(level)


def test_in_process_logs_hold_no_text_and_no_keys(app, world, capsys):
    day = Secrets()
    _set_password(app, world.intern, day.texts["old password"])
    with everything_at_debug() as capture, serve(app) as address:
        play_day(address, world, day)
    # werkzeug colours its access lines; the colours are not part of what is checked.
    log = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(capture.lines))
    with capsys.disabled():
        loggers = sorted(capture.loggers)
        print(f"\nin-process logs: {len(capture.lines)} records, {len(log):,} characters, from {loggers}")
    assert re.search(r'"POST /login HTTP/1\.1" 302', log), "no access log from werkzeug"
    assert "sqlalchemy.engine.Engine" in capture.loggers, "SQLAlchemy's log is off"
    found = leaks(log, day)
    assert not found, f"the logs hold {sorted(found)}: {found}"
