"""The scheduler runs each job once per slot, whoever else runs it at the same moment, and records it."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from journal import schedule
from journal.extensions import db
from journal.models import ScheduledRun
from tests.threads import at_the_same_moment

NOON = datetime(2026, 12, 5, 12, 0, 30, tzinfo=UTC)


@pytest.fixture
def calls(monkeypatch):
    """Two scheduled jobs of the test's own (a minute's and a day's) that count their calls and can fail."""
    seen: list[str] = []
    state = {"fail": False}

    def every_minute(now):
        seen.append(f"minute {now:%H:%M}")
        return {"done": 1}

    def every_day(now):
        if state["fail"]:
            raise RuntimeError("the database went away")
        seen.append(f"day {now:%d}")
        return {}

    monkeypatch.setattr(schedule, "_function", lambda task: {"m": every_minute, "d": every_day}[task.name])
    monkeypatch.setattr(
        schedule, "SCHEDULE", (schedule.Task("m", "x:y", schedule.MINUTE), schedule.Task("d", "x:y", schedule.DAY))
    )
    return seen, state


def runs(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [
            (run.job, run.outcome, run.details)
            for run in db.session.scalars(select(ScheduledRun).order_by(ScheduledRun.id))
        ]


def test_each_job_runs_once_per_slot_and_again_in_the_next(app, calls):
    seen, _ = calls
    with app.app_context():
        assert [run.job for run in schedule.run_due_jobs(NOON)] == ["m", "d"]
        assert schedule.run_due_jobs(NOON + timedelta(seconds=20)) == []  # same minute, same day
        assert [run.job for run in schedule.run_due_jobs(NOON + timedelta(minutes=1))] == ["m"]
        assert [run.job for run in schedule.run_due_jobs(NOON + timedelta(days=1))] == ["m", "d"]
    assert seen == ["minute 12:00", "day 05", "minute 12:01", "minute 12:00", "day 06"]
    assert runs(app)[0] == ("m", "done", "done=1")


def test_a_failing_job_is_recorded_and_the_others_still_run(app, calls):
    seen, state = calls
    state["fail"] = True
    with app.app_context():
        schedule.run_due_jobs(NOON)
    assert runs(app) == [("m", "done", "done=1"), ("d", "failed", "RuntimeError")]
    assert seen == ["minute 12:00"]


def test_two_schedulers_at_the_same_moment_run_each_job_once(app, calls):
    seen, _ = calls
    at_the_same_moment(app, [lambda: schedule.run_due_jobs(NOON)] * 4)
    assert sorted(seen) == ["day 05", "minute 12:00"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ScheduledRun)) == 2


def test_the_slot_is_the_period_the_moment_falls_in():
    minute, day = schedule.Task("m", "x:y", schedule.MINUTE), schedule.Task("d", "x:y", schedule.DAY)
    assert schedule.slot_of(minute, NOON) == schedule.slot_of(minute, NOON.replace(second=59))
    assert schedule.slot_of(minute, NOON) != schedule.slot_of(minute, NOON + timedelta(minutes=1))
    assert schedule.slot_of(day, NOON.replace(hour=0, minute=0, second=0)) == schedule.slot_of(day, NOON)
    assert schedule.slot_of(day, NOON) == str(20792)  # 5 December 2026 is day 20,792 since 1970


def test_every_scheduled_job_names_a_function_that_exists():
    for task in schedule.SCHEDULE:
        assert callable(schedule._function(task)), task.name


def test_run_due_jobs_command_runs_the_named_job(app, runner):
    result = runner.invoke(args=["run-due-jobs", "--job", "upkeep"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("upkeep: done")
    again = runner.invoke(args=["run-due-jobs", "--job", "upkeep"])
    assert "Nothing due" in again.output
    assert runner.invoke(args=["run-due-jobs", "--job", "nonsense"]).exit_code != 0


def test_every_job_runs_from_the_command(app, runner):
    result = runner.invoke(args=["run-due-jobs"])
    assert result.exit_code == 0, result.output
    assert "failed" not in result.output
    assert sorted(line.split(":")[0] for line in result.output.splitlines()) == sorted(
        task.name for task in schedule.SCHEDULE
    )


def test_rqs_cron_scheduler_queues_the_jobs_for_a_worker(app, runner):
    """`flask scheduler` on Redis: RQ's cron scheduler puts run_due_jobs on the queue; a worker runs it."""
    from tests.portfolio.conftest import REDIS_URL, redis_or_skip

    redis_or_skip()
    from rq import Queue

    from journal.worker import run_due_jobs

    app.config.update(REDIS_URL=REDIS_URL, RQ_QUEUE=f"test-cron-{uuid.uuid4().hex}")
    with app.app_context():
        scheduler = schedule.cron_scheduler(run_due_jobs)
        queued = scheduler.enqueue_jobs()
        queue = Queue(app.config["RQ_QUEUE"], connection=scheduler.connection)
    try:
        assert len(queued) == 1
        assert [job.func_name for job in queue.get_jobs()] == ["journal.worker.run_due_jobs"]
        result = runner.invoke(args=["worker", "--burst"])
        assert result.exit_code == 0, result.output
        assert {job for job, outcome, _ in runs(app) if outcome == "done"} == {task.name for task in schedule.SCHEDULE}
    finally:
        queue.delete(delete_jobs=True)
