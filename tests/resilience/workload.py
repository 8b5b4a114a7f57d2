"""What an intern does over HTTP in the resilience tests, and a ledger of what the server acknowledged.

A save counts as acknowledged only when the server answered it with the redirect to the entry
(or 200 for an autosave): that is the moment the person is told it is kept.
"""

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from journal.extensions import db
from journal.models import Entry, EntryRevision
from tests.html import texts
from tests.resilience.client import Person, Reply, base_version, entry_id_from, idempotency_key


@dataclass
class Ledger:
    """What one person was told: entries created, saves per entry, and everything that went wrong.

    ``unexpected`` holds answers with the wrong status; ``unanswered`` requests that got no answer
    at all (connection refused or reset). ``in_flight`` names the write sent and not yet answered:
    ``(title, None, body)`` for a new entry, ``(title, entry_id, body)`` for a save; and
    ``in_flight_request`` is that write's ``(path, form)``, to send it again as a browser would.
    """

    created: dict[str, int] = field(default_factory=dict)  # title -> entry id
    saves: dict[int, list[str]] = field(default_factory=dict)  # entry id -> acknowledged bodies, in order
    unexpected: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)  # (kind of request, seconds)
    in_flight: tuple[str, int | None, str] | None = None
    in_flight_request: tuple[str, dict] | None = None

    def send(self, kind: str, expected: int, request: Callable[[], Reply], what: str) -> Reply | None:
        """Send one request and time it; return the reply when it has the ``expected`` status."""
        started = time.perf_counter()
        try:
            reply = request()
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out, cut off: never acknowledged
            self.unanswered.append(f"{what}: {type(error).__name__}: {error}")
            return None
        finally:
            self.timings.append((kind, time.perf_counter() - started))
        if reply.status != expected:
            why = reply.location or summary(reply.text)
            self.unexpected.append(f"{what}: HTTP {reply.status} (expected {expected}) {why}")
            return None
        return reply

    @property
    def acknowledged_saves(self) -> int:
        """Saves acknowledged so far, new entries included."""
        return sum(len(bodies) for bodies in list(self.saves.values()))


def summary(html: str) -> str:
    """A page's title and the errors it shows, to say in one line why a request was refused."""
    title = texts(html, "head > title")
    return " | ".join([title[0] if title else html[:120].strip(), *texts(html, "p.error")])


def entry_form(title: str, body: str, **extra) -> dict:
    """The form of a cultural reflection, dated yesterday (never in the future, whatever the time zone)."""
    return {
        "title": title,
        "occurred_on": (date.today() - timedelta(days=1)).isoformat(),
        "body": body,
        "tags": "resilience",
        "theme": "language",
        **extra,
    }


def create_entry(person: Person, ledger: Ledger, cohort_id: int, title: str, body: str) -> int | None:
    """Open the new-entry form and write the entry; return its id when the server acknowledged it."""
    path = f"/journal/{cohort_id}/new?kind=cultural"
    page = ledger.send("new form", 200, lambda: person.get(path), "open the new-entry form")
    if page is None:
        return None
    form = entry_form(title, body, idempotency_key=idempotency_key(page.text))
    ledger.in_flight, ledger.in_flight_request = (title, None, body), (path, form)
    reply = ledger.send("create", 302, lambda: person.post(path, form), f"create {title!r}")
    if reply is None:
        return None
    entry_id = entry_id_from(reply.location)
    ledger.created[title] = entry_id
    ledger.saves[entry_id] = [body]
    ledger.in_flight = ledger.in_flight_request = None
    return entry_id


def autosave(person: Person, ledger: Ledger, cohort_id: int, entry_id: int, title: str, body: str) -> None:
    """Autosave what is being typed in the entry's edit form, as the page's script does."""
    payload = {"kind": "cultural", "entry_id": entry_id, "fields": {"title": title, "body": body}}
    ledger.send(
        "autosave", 200, lambda: person.post_json(f"/journal/{cohort_id}/drafts", payload), f"autosave {entry_id}"
    )


def edit_entry(person: Person, ledger: Ledger, entry_id: int, title: str, body: str) -> bool:
    """Open the edit form and save a new body from the version it shows; True when acknowledged."""
    page = ledger.send("edit form", 200, lambda: person.get(f"/entries/{entry_id}/edit"), f"open edit {entry_id}")
    if page is None:
        return False
    form = entry_form(title, body, base_version=base_version(page.text))
    path = f"/entries/{entry_id}/edit"
    ledger.in_flight, ledger.in_flight_request = (title, entry_id, body), (path, form)
    reply = ledger.send("save", 302, lambda: person.post(path, form), f"save {entry_id}")
    if reply is None:
        return False
    ledger.saves[entry_id].append(body)
    ledger.in_flight = ledger.in_flight_request = None
    return True


def read_journal(person: Person, ledger: Ledger, cohort_id: int) -> None:
    """Open the journal list (a read-only page)."""
    ledger.send("list", 200, lambda: person.get(f"/journal/{cohort_id}/"), "journal list")


class Crowd:
    """People who log in at once, each in a thread with their own session, then start work together."""

    def __init__(self, base_url: str, emails: list[str], password: str):
        self.emails = emails
        self.password = password
        self.people = [Person(base_url) for _ in emails]
        self.ledgers = [Ledger() for _ in emails]
        self.threads: list[threading.Thread] = []
        self.began = 0.0

    def start(self, work: Callable[[Person, Ledger, int], None]) -> None:
        """Log everyone in, then run ``work(person, ledger, index)`` in every thread at the same moment."""
        barrier = threading.Barrier(len(self.emails) + 1)

        def session(index: int) -> None:
            person, ledger, email = self.people[index], self.ledgers[index], self.emails[index]
            logged_in = ledger.send("login", 302, lambda: person.log_in(email, self.password), f"log in {email}")
            try:
                barrier.wait(timeout=120)
            except threading.BrokenBarrierError:
                return
            if logged_in is not None:
                work(person, ledger, index)

        self.threads = [
            threading.Thread(target=session, args=(index,), name=f"person-{index}") for index in range(len(self.emails))
        ]
        for thread in self.threads:
            thread.start()
        barrier.wait(timeout=120)
        self.began = time.perf_counter()

    def join(self, timeout: float = 300) -> float:
        """Wait for everyone to finish; return the seconds since they started together."""
        for thread in self.threads:
            thread.join(timeout=timeout)
        assert not any(thread.is_alive() for thread in self.threads), "a session never finished"
        return time.perf_counter() - self.began

    def problems(self) -> list[str]:
        """Every wrong answer and every request left unanswered, by anyone."""
        return [problem for ledger in self.ledgers for problem in ledger.unexpected + ledger.unanswered]

    def requests(self) -> int:
        return sum(len(ledger.timings) for ledger in self.ledgers)


def stored_journal(app, cohort_id: int) -> tuple[dict[int, Entry], dict[int, list[tuple[int, dict]]]]:
    """Entries of the cohort by id, and each entry's revisions as (version, content) in version order."""
    with app.app_context():
        entries = {entry.id: entry for entry in db.session.scalars(select(Entry).where(Entry.cohort_id == cohort_id))}
        revisions: dict[int, list[tuple[int, dict]]] = {entry_id: [] for entry_id in entries}
        rows = db.session.execute(
            select(EntryRevision.entry_id, EntryRevision.version, EntryRevision.content)
            .join(Entry, Entry.id == EntryRevision.entry_id)
            .where(Entry.cohort_id == cohort_id)
            .order_by(EntryRevision.entry_id, EntryRevision.version, EntryRevision.id)
        )
        for entry_id, version, content in rows:
            revisions[entry_id].append((version, content))
        db.session.expunge_all()
    return entries, revisions
