"""Cohort exports: a zip of every latest submission's PDF and JSON with the credit summary,
built in the background — in a thread of the app, or on an RQ worker with Redis."""

import io
import time
import uuid
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from journal.jobs import queue
from journal.models import AuditEvent, ExportJob
from journal.models.types import utcnow
from journal.portfolio.exports import KEEP_EXPORTS, build_export
from tests.portfolio.conftest import REDIS_URL, log_in, redis_or_skip


def _wait_until_finished(client, job_id, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/exports/{job_id}/progress").get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"export {job_id} did not finish")


def _start(client, cohort_id) -> int:
    response = client.post(f"/portfolio/{cohort_id}/exports")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _check_zip(data: bytes, submissions) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = set(archive.namelist())
    expected = {"README.txt", "credit-summary.csv"}
    for submission in submissions:
        stem = f"portfolios/{submission.slug}-{submission.code}"
        expected |= {f"{stem}.pdf", f"{stem}.json"}
        assert archive.read(f"{stem}.json") == submission.document.encode("utf-8")
        assert archive.read(f"{stem}.pdf").startswith(b"%PDF")
    assert names == expected
    return archive


@pytest.fixture
def two_submissions(make, portfolio):
    """Amira's first and second (latest) submissions and Bruno's only one."""
    make.submission(portfolio.intern, portfolio.cohort, portfolio.chosen)
    latest = make.submission(portfolio.intern, portfolio.cohort, [portfolio.clinical])
    bruno = make.submission(portfolio.fellow, portfolio.cohort, [make.entry(portfolio.fellow, portfolio.cohort)])
    latest.slug, bruno.slug = "amira-haddad", "bruno-costa"
    return [latest, bruno]


def test_the_zip_holds_every_latest_portfolio_and_the_csv(client, auth, portfolio, two_submissions, query):
    log_in(auth, portfolio.reviewer)
    job_id = _start(client, portfolio.cohort.id)
    page = client.get(f"/exports/{job_id}").get_data(as_text=True)
    assert "<progress" in page
    state = _wait_until_finished(client, job_id)
    assert state["status"] == "done" and state["percent"] == 100 and state["done"] == state["total"] == 3
    response = client.get(state["download"])
    assert response.mimetype == "application/zip"
    archive = _check_zip(response.data, two_submissions)
    csv_text = archive.read("credit-summary.csv").decode("utf-8-sig")
    assert two_submissions[0].code in csv_text and two_submissions[1].code in csv_text
    actions = query(lambda s: s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all())
    assert actions[-2:] == ["export.requested", "export.downloaded"]


def test_an_export_not_finished_yet_sends_back_to_its_progress(client, auth, portfolio, make):
    job = make.export_job(portfolio.cohort, portfolio.reviewer, status="running")
    log_in(auth, portfolio.supervisor)
    response = client.get(f"/exports/{job.id}/download")
    assert response.status_code == 302 and response.headers["Location"] == f"/exports/{job.id}"


def test_an_empty_cohort_exports_just_the_summary(client, auth, portfolio):
    log_in(auth, portfolio.coordinator)
    state = _wait_until_finished(client, _start(client, portfolio.cohort.id))
    archive = _check_zip(client.get(state["download"]).data, [])
    assert "Amira Haddad" in archive.read("credit-summary.csv").decode("utf-8-sig")


@pytest.fixture
def app_config():
    return {"REDIS_URL": REDIS_URL, "RQ_QUEUE": f"test-exports-{uuid.uuid4().hex}"}


def test_with_redis_the_export_runs_on_an_rq_worker(app, client, auth, runner, portfolio, two_submissions):
    redis_or_skip()
    app.config["JOB_QUEUE"] = "rq"
    log_in(auth, portfolio.reviewer)
    job_id = _start(client, portfolio.cohort.id)
    with app.app_context():
        rq_queue = queue()
    try:
        assert rq_queue.count == 1
        assert client.get(f"/exports/{job_id}/progress").get_json()["status"] == "queued"  # no worker yet
        result = runner.invoke(args=["worker", "--burst"])  # `flask --app app worker`, until the queue is empty
        assert result.exit_code == 0, result.output
        state = client.get(f"/exports/{job_id}/progress").get_json()
        assert state["status"] == "done"
        _check_zip(client.get(state["download"]).data, two_submissions)
    finally:
        rq_queue.delete(delete_jobs=True)


def test_the_worker_needs_redis(app, runner):
    app.config["REDIS_URL"] = None
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "Set REDIS_URL" in result.output


def test_a_failed_export_says_so_and_can_be_started_again(client, auth, portfolio, make, query, monkeypatch):
    def broken(rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr("journal.portfolio.exports.credit_csv", broken)
    log_in(auth, portfolio.reviewer)
    state = _wait_until_finished(client, _start(client, portfolio.cohort.id))
    assert state["status"] == "failed" and "Start it again" in state["error"]
    page = client.get(f"/exports/{query(lambda s: s.scalar(select(ExportJob.id)))}").get_data(as_text=True)
    assert "Start again" in page


def test_a_job_delivered_twice_is_built_once(app, client, auth, portfolio, make, query):
    job = make.export_job(portfolio.cohort, portfolio.reviewer, status="queued")
    with app.app_context():
        build_export(job.id)
        built = query(lambda s: s.get(ExportJob, job.id).finished_at)
        build_export(job.id)
    assert query(lambda s: (s.get(ExportJob, job.id).status, s.get(ExportJob, job.id).finished_at)) == ("done", built)


def test_when_the_queue_does_not_answer_the_export_says_so(app, client, auth, portfolio):
    app.config.update(JOB_QUEUE="rq", REDIS_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
    log_in(auth, portfolio.reviewer)
    job_id = _start(client, portfolio.cohort.id)
    state = client.get(f"/exports/{job_id}/progress").get_json()
    assert state["status"] == "failed" and "queue did not answer" in state["error"]
    assert "Start again" in client.get(f"/exports/{job_id}").get_data(as_text=True)


def test_an_export_stuck_for_hours_offers_to_start_again(client, auth, portfolio, make, query):
    job = make.export_job(portfolio.cohort, portfolio.reviewer, status="running")
    query(lambda s: (setattr(s.get(ExportJob, job.id), "created_at", utcnow() - timedelta(hours=2)), s.commit()))
    log_in(auth, portfolio.reviewer)
    page = client.get(f"/exports/{job.id}").get_data(as_text=True)
    assert "has probably stopped" in page and "Start again" in page


def test_only_the_latest_exports_keep_their_zip(app, client, auth, portfolio, make, query):
    older = [make.export_job(portfolio.cohort, portfolio.reviewer) for _ in range(KEEP_EXPORTS)]
    log_in(auth, portfolio.reviewer)
    state = _wait_until_finished(client, _start(client, portfolio.cohort.id))
    assert state["status"] == "done"
    kept = query(lambda s: [s.get(ExportJob, job.id).size is not None for job in older])
    assert kept == [False] + [True] * (KEEP_EXPORTS - 1)
    response = client.get(f"/exports/{older[0].id}/download")
    assert response.status_code == 302
    assert "no longer kept" in client.get(f"/exports/{older[0].id}").get_data(as_text=True)
