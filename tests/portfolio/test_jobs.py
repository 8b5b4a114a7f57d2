"""Background jobs in the app process run on a fixed pool of threads, however many are asked for:
never a thread per request, the same job never twice at once, and a bounded backlog."""

import threading
from dataclasses import dataclass, field

import pytest

from journal import jobs


@dataclass
class Held:
    """Jobs that wait for ``release``: which ran, on which threads, and how many at once at most."""

    release: threading.Event = field(default_factory=threading.Event)
    changed: threading.Condition = field(default_factory=threading.Condition)
    ran: list = field(default_factory=list)
    threads: set = field(default_factory=set)
    running: int = 0
    most_at_once: int = 0


_held = Held()


def held_job(number: int) -> None:
    """A job (registered by the fixture) that runs until the test releases it."""
    with _held.changed:
        _held.running += 1
        _held.most_at_once = max(_held.most_at_once, _held.running)
        _held.threads.add(threading.get_ident())
        _held.changed.notify_all()
    _held.release.wait(60)
    with _held.changed:
        _held.running -= 1
        _held.ran.append(number)
        _held.changed.notify_all()


@pytest.fixture
def held(app, monkeypatch):
    """A fresh record of held jobs, the job registered, and every held job released at the end."""
    global _held
    _held = Held()
    monkeypatch.setitem(jobs.JOBS, "held", f"{__name__}:held_job")
    try:
        yield _held
    finally:
        _held.release.set()
        assert jobs.wait_for_jobs(timeout=60)


def _job_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("job")]


def test_twenty_jobs_at_once_run_on_no_more_threads_than_the_pool_has(app, held):
    with app.app_context():
        for number in range(20):
            jobs.dispatch("held", number)
    with held.changed:
        assert held.changed.wait_for(lambda: held.running >= jobs.JOB_THREADS, timeout=60)
    assert len(_job_threads()) <= jobs.JOB_THREADS
    held.release.set()
    assert jobs.wait_for_jobs(timeout=60)
    assert sorted(held.ran) == list(range(20))
    assert held.most_at_once <= jobs.JOB_THREADS and len(held.threads) <= jobs.JOB_THREADS


def test_the_same_job_asked_for_again_while_it_waits_or_runs_is_done_once(app, held):
    with app.app_context():
        for _ in range(3):
            jobs.dispatch("held", 7)
        with held.changed:
            assert held.changed.wait_for(lambda: held.running == 1, timeout=60)
        jobs.dispatch("held", 7)  # still running
        held.release.set()
        assert jobs.wait_for_jobs(timeout=60)
        assert held.ran == [7]
        jobs.dispatch("held", 7)  # done: asked again, it runs again
        assert jobs.wait_for_jobs(timeout=60)
    assert held.ran == [7, 7]


def test_a_full_backlog_refuses_more_jobs(app, held):
    app.config["JOB_BACKLOG"] = 3
    with app.app_context():
        for number in range(3):
            jobs.dispatch("held", number)
        with pytest.raises(jobs.JobError):
            jobs.dispatch("held", 3)
    held.release.set()
    assert jobs.wait_for_jobs(timeout=60)
    assert sorted(held.ran) == [0, 1, 2]
