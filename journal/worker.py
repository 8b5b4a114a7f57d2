"""The worker side of background jobs: what RQ runs, by the dotted path ``journal.worker.run_job``.

``journal.jobs`` queues a job by name and never builds an application; a worker does. Under
``flask --app app worker`` the job runs in the command's own app context; under a plain
``rq worker`` there is none, so one application is built from the environment for the process
and reused for every job it runs.
"""

from functools import cache

from flask import Flask, has_app_context

from journal import create_app, jobs, schedule
from journal.extensions import db


@cache
def worker_app() -> Flask:
    """The application this worker process runs jobs in, built once from the environment."""
    return create_app()


def run_job(name: str, *args) -> None:
    """Run the job ``name`` with ``args``: in the current app if there is one, else in the worker's."""
    if has_app_context():
        jobs.job_function(name)(*args)
        return
    jobs.run_in_app(worker_app(), name, *args)


def run_due_jobs() -> None:
    """Run the scheduled jobs that are due (what RQ's cron scheduler queues every minute).

    A worker's app context outlives the job (``flask worker`` runs every job in one), so the session is
    removed afterwards whatever happened: a database error here must not leave the next job, an export or
    a PDF, a session that needs a rollback.
    """
    if has_app_context():
        try:
            schedule.run_due_jobs()
        finally:
            db.session.remove()
        return
    with worker_app().app_context():
        schedule.run_due_jobs()
