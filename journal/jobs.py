"""Background jobs: in a thread of the app process, or on an RQ worker with Redis.

``JOB_QUEUE=thread`` (the default without Redis) runs each job in a thread of the process that
asked; ``JOB_QUEUE=rq`` (the default with ``REDIS_URL``) puts it on a Redis queue for
``flask --app app worker`` or ``rq worker``, on any machine. Jobs are named here, with the
function that does them, so a worker that only knows this module can find them. A job keeps
its progress and outcome in the database, so every app server can show it.
"""

import importlib
import logging
import threading

from flask import current_app, has_app_context

log = logging.getLogger(__name__)

# Job name -> "module:function". Each function takes ids, runs in an application context and
# records its own failure (it never raises to the worker).
JOBS = {
    "cohort_export": "journal.portfolio.exports:build_export",
    "portfolio_pdf": "journal.portfolio.services:store_pdf",
}
_threads: list[threading.Thread] = []
_threads_lock = threading.Lock()


class JobError(Exception):
    """A job could not be handed to its queue (Redis did not answer)."""


def _function(name: str):
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
            queue().enqueue(run_job, name, *args, job_timeout=3600)
        except Exception as error:  # Redis down or refusing: the caller says so to the person
            raise JobError(str(error)) from error
        return
    app = current_app._get_current_object()
    thread = threading.Thread(target=_run_in_app, args=(app, name, *args), name=f"job-{name}", daemon=True)
    with _threads_lock:
        _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def _run_in_app(app, name: str, *args) -> None:
    with app.app_context():
        _function(name)(*args)


def run_job(name: str, *args) -> None:
    """The RQ entry point: run the job in this app if there is one, else in a new one (plain ``rq worker``)."""
    if has_app_context():
        _function(name)(*args)
        return
    from journal import create_app

    _run_in_app(create_app(), name, *args)


def wait_for_jobs(timeout: float = 60) -> bool:
    """Wait for this process's job threads to finish (in tests and on shutdown); True when none is left."""
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in running)
