"""The same create sent several times at the same moment, through gunicorn with several worker
processes, makes one entry: every sending is answered with that entry.

Several forms are each sent four times at once, one form after the other, to give the race
several chances to show.
"""

from sqlalchemy import func, select

from journal.extensions import db
from journal.models import Entry, EntryRevision
from tests.factories import PASSWORD
from tests.resilience.client import Person, at_once, entry_id_from, idempotency_key
from tests.resilience.workload import entry_form

SENDINGS = 4
FORMS = 5
WORKERS = 4


def test_one_create_sent_four_times_at_once_makes_one_entry(app, make, servers):
    server = servers(workers=WORKERS)
    server.start()
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    person = Person(server.url)
    assert person.log_in(intern.email, PASSWORD).status == 302
    path = f"/journal/{cohort.id}/new?kind=cultural"

    for n in range(FORMS):
        key = idempotency_key(person.get(path).text)
        form = entry_form(f"Sent four times ({n})", "One entry, whatever the network did.", idempotency_key=key)
        replies = at_once([lambda form=form: person.post(path, form)] * SENDINGS)
        assert [reply.status for reply in replies] == [302] * SENDINGS, server.log()[-3000:]
        assert len({entry_id_from(reply.location) for reply in replies}) == 1

    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == FORMS
        assert db.session.scalar(select(func.count(EntryRevision.id))) == FORMS
