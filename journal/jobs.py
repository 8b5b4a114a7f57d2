"""Background jobs: on a small pool of threads in the app process, or on an RQ worker with Redis.

``JOB_QUEUE=thread`` (the default without Redis) runs jobs on a fixed pool of threads in the
process that asked (``JOB_THREADS`` in the app's config, else 2), never a thread per request:
jobs beyond that wait their turn, at most ``JOB_BACKLOG`` of them (else 100), and the same job
(same name, same ids) asked for again while it waits or runs is not queued twice.
``JOB_QUEUE=rq`` (the default with ``REDIS_URL``) puts each job on a Redis queue for
``flask --app app worker`` or ``rq worker``, on any machine, by dotted path
(``journal.worker.run_job``): only the worker side builds an application, so this module
depends on no feature. Jobs are named here, with the function that does them, so a worker
that only knows this module can find them. A job keeps its progress and outcome in the
database, so every app server can show it.
"""

import importlib
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for

from flask import current_app

log = logging.getLogger(__name__)

# Job name -> "module:function". Each function takes ids, runs in an application context and
# records its own failure (it never raises to the worker).
JOBS = {
    "cohort_export": "journal.portfolio.exports:build_export",
    "portfolio_pdf": "journal.portfolio.services:store_pdf",
    "send_email": "journal.emails.outbox:deliver_one",
}
WORKER_ENTRY = "journal.worker.run_job"  # what RQ calls, by dotted path, with the job's name and ids
JOB_THREADS = 2  # PDFs and zips are drawn by CPU: more threads than cores only make each slower
JOB_BACKLOG = 100


class JobError(Exception):
    """A job could not be handed to its queue (Redis did not answer, or the backlog is full)."""


class _Pool:
    """This process's job threads, and the jobs waiting or running on them, by (name, args)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.executor: ThreadPoolExecutor | None = None
        self.pid = 0
        self.pending: dict[tuple, Future] = {}

    def submit(self, app, name: str, args: tuple) -> None:
        """Queue the job unless the same one waits or runs already; JobError when the backlog is full."""
        key = (name, *args)
        with self.lock:
            if key in self.pending:
                return
            if len(self.pending) >= app.config.get("JOB_BACKLOG", JOB_BACKLOG):
                raise JobError(f"{len(self.pending)} background jobs are waiting already")
            if self.executor is None or self.pid != os.getpid():  # none yet, or inherited through a fork
                threads = app.config.get("JOB_THREADS", JOB_THREADS)
                self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="job")
                self.pid = os.getpid()
                self.pending.clear()
            future = self.executor.submit(_run_pooled, app, name, *args)
            self.pending[key] = future
        future.add_done_callback(lambda done: self._forget(key, done))

    def _forget(self, key: tuple, done: Future) -> None:
        with self.lock:
            if self.pending.get(key) is done:
                del self.pending[key]

    def waiting(self) -> list[Future]:
        """The jobs queued or running now."""
        with self.lock:
            return list(self.pending.values())


_pool = _Pool()


def job_function(name: str):
    """The function that does the job ``name``, imported from its dotted path."""
    module, _, attribute = JOBS[name].partition(":")
    return getattr(importlib.import_module(module), attribute)


def queue():
    """The RQ queue the jobs go to."""
    from redis import Redis
    from rq import Queue

    config = current_app.config
    return Queue(config["RQ_QUEUE"], connection=Redis.from_url(config["REDIS_URL"]))


def dispatch(name: str, *args) -> None:
    """Run the job ``name`` with ``args`` in the background, as the settings say.

    Call it after the commit that created what the job works on. Raises JobError when the
    queue cannot take it.
    """
    if name not in JOBS:
        raise ValueError(f"unknown job {name!r}")
    if current_app.config.get("JOB_QUEUE") == "rq":
        try:
            queue().enqueue(WORKER_ENTRY, name, *args, job_timeout=3600)
        except Exception as error:  # Redis down or refusing: the caller says so to the person
            raise JobError(str(error)) from error
        return
    _pool.submit(current_app._get_current_object(), name, args)


def run_in_app(app, name: str, *args) -> None:
    """Run the job ``name`` inside ``app``'s context."""
    with app.app_context():
        job_function(name)(*args)


def _run_pooled(app, name: str, *args) -> None:
    """Run a job on the pool: a job records its own failure, and a bug that escapes it is logged
    rather than kept silently in the job's future."""
    try:
        run_in_app(app, name, *args)
    except Exception:
        log.exception("background job %s failed", name)


def wait_for_jobs(timeout: float = 60) -> bool:
    """Wait for this process's queued and running jobs to finish (in tests and on shutdown); True
    when none is left."""
    waiting = _pool.waiting()
    while waiting:
        _, not_done = wait_for(waiting, timeout)
        if not_done:
            return False
        waiting = _pool.waiting()  # a job may have queued another
    return True
