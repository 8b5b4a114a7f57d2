"""Killing the server in the middle of writes loses no acknowledged save and leaves a sound database.

Interns write entries through gunicorn (two workers); once enough saves are acknowledged, the
master and every worker are killed with SIGKILL at once, requests still in flight. The server
is started again on the same database, and every save the server acknowledged must be there
with its text. A write that was in flight may or may not have been kept, never half of it; sent
again as a browser would (the same form), it is acknowledged and kept exactly once either way.
"""

import sqlite3
import threading
import time
import uuid
from contextlib import closing

from sqlalchemy import make_url

from journal.models import Entry
from tests.factories import PASSWORD
from tests.resilience.client import Person, entry_id_from
from tests.resilience.workload import Crowd, Ledger, create_entry, edit_entry, stored_journal, summary

INTERNS = 4
KILL_AFTER_SAVES = 24  # acknowledged saves (new entries included) before the kill


def keep_writing(person: Person, ledger: Ledger, cohort_id: int, name: str, stop: threading.Event) -> None:
    """Create entries and save each one twice more, until told to stop or the server is gone."""
    run = uuid.uuid4().hex[:8]
    n = 0
    while not stop.is_set():
        title = f"{name} entry {n} {run}"
        entry_id = create_entry(person, ledger, cohort_id, title, f"{title}: version 1")
        if entry_id is None:
            return
        for version in (2, 3):
            if not edit_entry(person, ledger, entry_id, title, f"{title}: version {version}"):
                return
        n += 1


def kill_mid_writes(server, crowd: Crowd, stop: threading.Event) -> int:
    """Once enough saves are acknowledged, SIGKILL the server's process group while a write is in flight.

    Returns how many writes (new entries or saves) were sent and not yet answered at the kill.
    """
    deadline = time.monotonic() + 120
    while True:
        in_flight = sum(ledger.in_flight is not None for ledger in crowd.ledgers)
        if in_flight and sum(ledger.acknowledged_saves for ledger in crowd.ledgers) >= KILL_AFTER_SAVES:
            break
        assert time.monotonic() < deadline, "the interns never got that far:\n" + "\n".join(crowd.problems())
        assert not crowd.problems(), "\n".join(crowd.problems()) + "\n" + server.log()[-3000:]
        time.sleep(0.002)
    server.kill()
    stop.set()
    return in_flight


def integrity(database_url: str) -> tuple[list, list]:
    """SQLite's integrity_check and foreign_key_check of the file, as the crash left it."""
    with closing(sqlite3.connect(make_url(database_url).database)) as connection:
        checked = connection.execute("PRAGMA integrity_check").fetchall()
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
    return checked, dangling


def check_entry(ledger: Ledger, entry: Entry, revisions: list[tuple[int, dict]]) -> None:
    """The entry holds every save acknowledged to ``ledger``, as revisions 1..n in order, and the
    last one's text; or one more, whole, if a save of it was in flight when the server died."""
    acknowledged = ledger.saves[entry.id]
    bodies = [content["body"] for _, content in revisions]
    assert [version for version, _ in revisions] == list(range(1, entry.version + 1)), entry.title
    assert bodies[: len(acknowledged)] == acknowledged, entry.title
    if entry.version == len(acknowledged):
        assert entry.body == acknowledged[-1], entry.title
    else:
        in_flight = ledger.in_flight
        assert in_flight is not None and in_flight[1] == entry.id, f"{entry.title}: a save nobody sent"
        assert entry.version == len(acknowledged) + 1 and entry.body == bodies[-1] == in_flight[2], entry.title


def send_again(person: Person, ledger: Ledger) -> int:
    """Send the write left unanswered by the kill again, the same form as before (the new entry's
    idempotency key, the save's base version); return the entry the answer leads to."""
    path, form = ledger.in_flight_request
    reply = person.post(path, form)
    assert reply.status == 302, f"{ledger.in_flight[0]} sent again: HTTP {reply.status} {summary(reply.text)}"
    return entry_id_from(reply.location)


def check_sent_again(ledger: Ledger, entry_id: int, entries: dict, revisions: dict) -> None:
    """The write sent again is kept once: a new entry once, with one revision; a save as the one
    revision after the acknowledged ones, whether the killed server had kept it or not."""
    title, saved_entry_id, body = ledger.in_flight
    assert [entry.title for entry in entries.values()].count(title) == 1, f"{title!r} kept more than once"
    bodies = [content["body"] for _, content in revisions[entry_id]]
    if saved_entry_id is None:
        assert bodies == [body], title
    else:
        assert entry_id == saved_entry_id
        assert bodies == ledger.saves[entry_id] + [body], title
        assert entries[entry_id].version == len(bodies) and entries[entry_id].body == body, title


def test_a_killed_server_loses_no_acknowledged_save(app, make, servers, dialect, record_figures):
    cohort = make.cohort()
    emails = [make.member(cohort, "intern", email=f"crash{i}@example.org").email for i in range(INTERNS)]
    server = servers(workers=2)
    server.start()
    stop = threading.Event()
    crowd = Crowd(server.url, emails, PASSWORD)
    crowd.start(lambda person, ledger, index: keep_writing(person, ledger, cohort.id, f"intern{index}", stop))
    in_flight = kill_mid_writes(server, crowd, stop)
    crowd.join()

    # Before the killed server's requests, nothing failed; after the kill, requests went unanswered.
    assert [problem for ledger in crowd.ledgers for problem in ledger.unexpected] == []
    unanswered = sum(len(ledger.unanswered) for ledger in crowd.ledgers)
    assert unanswered >= 1
    if dialect == "sqlite":
        assert integrity(app.config["SQLALCHEMY_DATABASE_URI"]) == ([("ok",)], [])

    restarted = servers(workers=2)
    restarted.start()
    entries, revisions = stored_journal(app, cohort.id)
    stored = {entry.title: entry for entry in entries.values()}
    acknowledged = {title: (ledger, entry_id) for ledger in crowd.ledgers for title, entry_id in ledger.created.items()}
    for title, (ledger, entry_id) in acknowledged.items():
        assert title in stored and stored[title].id == entry_id, f"acknowledged entry {title!r} is missing"
        check_entry(ledger, stored[title], revisions[entry_id])
    # Anything else stored is a new entry that was in flight, kept whole with its first revision.
    in_flight_titles = {ledger.in_flight[0] for ledger in crowd.ledgers if ledger.in_flight is not None}
    extra = set(stored) - set(acknowledged)
    assert extra <= in_flight_titles
    assert all(len(revisions[stored[title].id]) == 1 for title in extra)

    # The restarted server shows every acknowledged entry to its author, and takes new writes.
    for person, ledger in zip(crowd.people, crowd.ledgers, strict=True):
        person.use_server(restarted.url)
        for entry_id in ledger.saves:
            page = person.get(f"/entries/{entry_id}")
            assert page.status == 200 and entries[entry_id].body in page.text
    # The writes the kill left unanswered, sent again: no second entry, no conflict with oneself.
    sent_again = {
        index: send_again(person, ledger)
        for index, (person, ledger) in enumerate(zip(crowd.people, crowd.ledgers, strict=True))
        if ledger.in_flight is not None
    }
    entries_after, revisions_after = stored_journal(app, cohort.id)
    for index, entry_id in sent_again.items():
        check_sent_again(crowd.ledgers[index], entry_id, entries_after, revisions_after)
    after = Ledger()
    assert create_entry(crowd.people[0], after, cohort.id, "After the restart", "Written after the crash")
    assert after.unexpected == after.unanswered == []

    record_figures(
        {
            "interns": INTERNS,
            "acknowledged_entries": len(acknowledged),
            "acknowledged_saves": sum(ledger.acknowledged_saves for ledger in crowd.ledgers),
            "acknowledged_entries_found": sum(title in stored for title in acknowledged),
            "writes_in_flight_at_kill": in_flight,
            "in_flight_saves_kept": sum(
                entries[entry_id].version > len(ledger.saves[entry_id])
                for ledger in crowd.ledgers
                for entry_id in ledger.saves
            ),
            "in_flight_new_entries_kept": len(extra),
            "unanswered_requests": unanswered,
            "unanswered_writes_sent_again": len(sent_again),
        }
    )
