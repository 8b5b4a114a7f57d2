"""The same create sent several times at the same moment, through gunicorn with several worker
processes, makes one entry: every sending is answered with that entry.

Several forms are each sent four times at once, one form after the other, to give the race
several chances to show.
"""

import re
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from journal.extensions import db
from journal.models import Entry, EntryRevision
from tests.factories import PASSWORD
from tests.resilience.client import Person, entry_id_from
from tests.resilience.server import Gunicorn
from tests.resilience.workload import entry_form

SENDINGS = 4
FORMS = 5
WORKERS = 4


@pytest.fixture
def server(app, tmp_path) -> Iterator[Gunicorn]:
    """gunicorn with several workers on the test's database, stopped (killed if need be) at the end."""
    started = Gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "gunicorn.log", workers=WORKERS)
    try:
        started.start()
        yield started
    finally:
        started.stop()


def send_at_once(person: Person, path: str, data: dict, times: int) -> list:
    """POST the same form ``times`` times from threads released together; the replies, in any order."""
    barrier = threading.Barrier(times)
    replies: list = []

    def send() -> None:
        barrier.wait(timeout=60)
        replies.append(person.post(path, data))

    threads = [threading.Thread(target=send) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return replies


def test_one_create_sent_four_times_at_once_makes_one_entry(app, make, server):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    person = Person(server.url)
    assert person.log_in(intern.email, PASSWORD).status == 302
    path = f"/journal/{cohort.id}/new?kind=cultural"

    for n in range(FORMS):
        key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', person.get(path).text)
        assert key, "the new-entry form carries no idempotency key"
        form = entry_form(f"Sent four times ({n})", "One entry, whatever the network did.", idempotency_key=key[1])
        replies = send_at_once(person, path, form, SENDINGS)
        assert [reply.status for reply in replies] == [302] * SENDINGS, server.log()[-3000:]
        assert len({entry_id_from(reply.location) for reply in replies}) == 1

    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == FORMS
        assert db.session.scalar(select(func.count(EntryRevision.id))) == FORMS
