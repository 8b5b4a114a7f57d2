"""Eight interns writing at once through gunicorn with two worker processes lose nothing.

Each intern, in a thread of their own with their own session, creates entries, autosaves,
edits each entry several times and reads their journal, all at the same time as the others.
Afterwards the database must hold every acknowledged entry exactly once, one revision per
acknowledged save, and the last acknowledged text.
"""

import statistics
import uuid
from collections import Counter

from tests.factories import PASSWORD
from tests.resilience.client import Person
from tests.resilience.workload import Crowd, Ledger, autosave, create_entry, edit_entry, read_journal, stored_journal

INTERNS = 8
ENTRIES_EACH = 4
EDITS_EACH = 3  # saves after the first, per entry


def write_journal(person: Person, ledger: Ledger, cohort_id: int, name: str) -> None:
    """One intern's session: for each entry, create, autosave, edit several times, read the list."""
    run = uuid.uuid4().hex[:8]
    for n in range(ENTRIES_EACH):
        title = f"{name} entry {n} {run}"
        entry_id = create_entry(person, ledger, cohort_id, title, f"{title}: version 1")
        if entry_id is None:
            continue
        autosave(person, ledger, cohort_id, entry_id, title, f"{title}: typing")
        for version in range(2, EDITS_EACH + 2):
            edit_entry(person, ledger, entry_id, title, f"{title}: version {version}")
        read_journal(person, ledger, cohort_id)


def figures(ledgers: list[Ledger], seconds: float) -> dict:
    """Requests, throughput and latencies per kind of request, for the report."""
    by_kind: dict[str, list[float]] = {}
    for ledger in ledgers:
        for kind, took in ledger.timings:
            by_kind.setdefault(kind, []).append(took)
    requests = sum(len(times) for times in by_kind.values())
    return {
        "interns": len(ledgers),
        "requests": requests,
        "seconds": round(seconds, 2),
        "requests_per_second": round(requests / seconds, 1),
        "latency_ms": {
            kind: {
                "count": len(times),
                "median": round(statistics.median(times) * 1000, 1),
                "max": round(max(times) * 1000, 1),
            }
            for kind, times in sorted(by_kind.items())
        },
    }


def test_interns_writing_at_once_through_two_workers_lose_nothing(app, make, servers, record_figures):
    cohort = make.cohort()
    emails = [make.member(cohort, "intern", email=f"writer{i}@example.org").email for i in range(INTERNS)]
    server = servers(workers=2)
    server.start()

    crowd = Crowd(server.url, emails, PASSWORD)
    crowd.start(lambda person, ledger, index: write_journal(person, ledger, cohort.id, f"intern{index}"))
    seconds = crowd.join()
    ledgers = crowd.ledgers
    record_figures(figures(ledgers, seconds))

    problems = crowd.problems()
    assert problems == [], "\n".join(problems[:20]) + "\n--- server log ---\n" + server.log()[-5000:]
    assert crowd.requests() >= INTERNS * 40

    entries, revisions = stored_journal(app, cohort.id)
    acknowledged = {title: entry_id for ledger in ledgers for title, entry_id in ledger.created.items()}
    saves = {entry_id: bodies for ledger in ledgers for entry_id, bodies in ledger.saves.items()}
    assert len(acknowledged) == INTERNS * ENTRIES_EACH
    # Every acknowledged entry exactly once, and nothing that was not acknowledged.
    assert Counter(entry.title for entry in entries.values()) == Counter(acknowledged.keys())
    assert {entry.title: entry.id for entry in entries.values()} == acknowledged
    for entry_id, bodies in saves.items():
        entry = entries[entry_id]
        assert len(bodies) == EDITS_EACH + 1
        # One revision per acknowledged save, numbered 1..n, each with the text that save sent.
        assert [version for version, _ in revisions[entry_id]] == list(range(1, len(bodies) + 1)), entry.title
        assert [content["body"] for _, content in revisions[entry_id]] == bodies, entry.title
        assert entry.version == len(bodies)
        assert entry.body == bodies[-1]
    assert sum(len(found) for found in revisions.values()) == sum(len(bodies) for bodies in saves.values())
