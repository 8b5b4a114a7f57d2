"""Four copies of one submit form sent at the same moment to gunicorn make one submission and one PDF job.

The server runs as in production with four worker processes, so the four requests really are
handled at once; its jobs go to an RQ queue of the test's own, where they can be counted before
any worker takes them. Afterwards a worker takes the queue and the one job draws the PDF.
"""

import uuid

import pytest
from rq import Queue
from sqlalchemy import select

from journal.extensions import db
from journal.models import Submission
from tests.factories import PASSWORD
from tests.portfolio.conftest import REDIS_URL, redis_or_skip
from tests.resilience.client import Person, at_once, idempotency_key
from tests.resilience.server import Gunicorn

SENDERS = 4


class QueueingServer(Gunicorn):
    """gunicorn as the resilience tests start it, its background jobs going to an RQ queue."""

    def __init__(self, *args, rq_queue: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.rq_queue = rq_queue

    def _environment(self) -> dict:
        return {**super()._environment(), "JOB_QUEUE": "rq", "REDIS_URL": REDIS_URL, "RQ_QUEUE": self.rq_queue}


@pytest.fixture
def rq_queue() -> Queue:
    """An RQ queue of this test's own, on the Redis CI always has (skipped without one elsewhere)."""
    connection = redis_or_skip()
    found = Queue(f"test-submit-{uuid.uuid4().hex}", connection=connection)
    yield found
    found.delete(delete_jobs=True)


@pytest.fixture
def app_config(rq_queue):
    """The test's app (and the worker run through it) takes jobs from the same queue."""
    return {"REDIS_URL": REDIS_URL, "RQ_QUEUE": rq_queue.name}


def test_four_copies_of_one_submit_form_make_one_submission_and_one_pdf_job(app, portfolio, rq_queue, runner, tmp_path):
    server = QueueingServer(
        app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "gunicorn.log", workers=SENDERS, rq_queue=rq_queue.name
    )
    try:
        server.start()
        person = Person(server.url)
        assert person.log_in(portfolio.intern.email, PASSWORD).status == 302
        person.get(f"/portfolio/{portfolio.cohort.id}/new")
        preview = person.post(f"/portfolio/{portfolio.cohort.id}/new", {"entries": portfolio.selection()})
        assert preview.status == 200, preview.text[-2000:]
        form = {"entries": portfolio.selection(), "confirm": "y", "idempotency_key": idempotency_key(preview.text)}
        path = f"/portfolio/{portfolio.cohort.id}/submit"
        replies = at_once([lambda: person.post(path, form)] * SENDERS, timeout=300)
    finally:
        server.stop()

    assert len(replies) == SENDERS
    with app.app_context():
        ids = db.session.scalars(select(Submission.id)).all()
    assert len(ids) == 1, f"{len(ids)} submissions\n{server.log()[-3000:]}"
    assert [(reply.status, reply.location) for reply in replies] == [(302, f"/submissions/{ids[0]}")] * SENDERS
    assert [job.args for job in rq_queue.get_jobs()] == [("portfolio_pdf", ids[0])]

    result = runner.invoke(args=["worker", "--burst"])  # `flask --app app worker`, until the queue is empty
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Submission.pdf_sha256).where(Submission.id == ids[0])) is not None
