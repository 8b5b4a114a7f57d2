"""Scheduled work: emails to write and send, reminders, digests and upkeep, each run once per time slot.

A job is named here with its period and the function that does it (by dotted path, as in
``journal.jobs``, so this module depends on no feature). ``run_due_jobs`` runs every job whose slot has
come: a slot is the period the present falls in (minute 29,940,480 or day 20,792 at the start of 5 December
2026, counted from 1970). Before running a job it writes a ``ScheduledRun`` row for (job, slot), and the
pair is unique: of two schedulers (two cron lines, two app servers, an RQ cron scheduler beside a cron line)
that reach the same slot at the same moment, one writes the row and runs the job, the other finds it
written and skips. Each job is also idempotent on its own (emails by their ``dedupe_key``, upkeep by what
it finds), so a run killed halfway is finished by the next slot's. A job that writes much commits in small
steps (one email at a time), so that on SQLite the single write lock is never held long against people saving.

``flask --app app run-due-jobs`` runs them once (for a cron line, every minute); ``flask --app app
scheduler`` keeps running them: on Redis with RQ's cron scheduler, which puts ``run_due_jobs`` on the RQ
queue every minute for the workers, or, without Redis, in its own loop.
"""

import importlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from journal.extensions import db
from journal.models import ScheduledRun
from journal.models.types import utcnow

log = logging.getLogger(__name__)

MINUTE, HOUR, DAY = 60, 3600, 86400
TICK = MINUTE  # how often the scheduler calls run_due_jobs


@dataclass(frozen=True)
class Task:
    """A scheduled job: its name, what does it ("module:function", called with the run's time and
    returning counts of what it did) and how often it runs, in seconds."""

    name: str
    target: str
    period: int


# In order: emails are written before the sender runs, so an email written in a run goes out in it.
SCHEDULE = (
    Task("notification_emails", "journal.emails.notices:queue_notification_emails", MINUTE),
    Task("expired_invitations", "journal.emails.invitations:mark_expired_invitations", HOUR),
    Task("reminders", "journal.emails.reminders:queue_reminders", HOUR),
    Task("digests", "journal.emails.digests:queue_digests", HOUR),
    Task("upkeep", "journal.upkeep:run_upkeep", DAY),
    Task("deliver_emails", "journal.emails.outbox:deliver_due", MINUTE),
)


def slot_of(task: Task, now: datetime) -> str:
    """The time slot ``now`` falls in for ``task``: the number of whole periods since 1970 (UTC)."""
    return str(int(now.astimezone(UTC).timestamp()) // task.period)


def _function(task: Task):
    module, _, attribute = task.target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def _claim(task: Task, now: datetime) -> ScheduledRun | None:
    """Write the run's row for this slot, or None when another scheduler has (the unique pair says so)."""
    slot = slot_of(task, now)
    if db.session.scalar(select(ScheduledRun.id).where(ScheduledRun.job == task.name, ScheduledRun.slot == slot)):
        return None
    run = ScheduledRun(job=task.name, slot=slot, started_at=utcnow(), outcome="running", details="")
    db.session.add(run)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return run


def _describe(counts) -> str:
    """What a run did, as ``name=count`` pairs (counts only: never a person's text)."""
    if not counts:
        return ""
    return ", ".join(f"{key}={value}" for key, value in sorted(counts.items()))[:500]


def run_task(task: Task, now: datetime) -> ScheduledRun | None:
    """Run ``task`` for the slot ``now`` falls in, unless it has run (or is running) for that slot.

    The job's failure is recorded on its run and logged, never raised: the other jobs still run.
    Returns the run, or None when it was another scheduler's.
    """
    try:
        run = _claim(task, now)
    except Exception:  # the database did not answer: the next tick tries again
        db.session.rollback()
        log.exception("scheduled job %s could not be started", task.name)
        return None
    if run is None:
        return None
    run_id = run.id
    try:
        with public_request():
            counts = _function(task)(now)
        db.session.commit()
        outcome, details = "done", _describe(counts)
    except Exception as error:
        db.session.rollback()
        log.exception("scheduled job %s failed", task.name)
        outcome, details = "failed", type(error).__name__
    run = db.session.get(ScheduledRun, run_id)
    run.outcome, run.details, run.finished_at = outcome, details, utcnow()
    db.session.commit()
    log.info("scheduled job %s: %s %s", task.name, outcome, details)
    return run


def run_due_jobs(now: datetime | None = None, only: tuple[str, ...] = ()) -> list[ScheduledRun]:
    """Run every scheduled job whose slot has come and that no scheduler has run for it (``only``: just
    the jobs named). Returns the runs this call made."""
    now = now or utcnow()
    runs = []
    for task in SCHEDULE:
        if only and task.name not in only:
            continue
        run = run_task(task, now)
        if run is not None:
            runs.append(run)
    return runs


def run_forever() -> None:
    """Run the due jobs at every tick until stopped (the scheduler without Redis)."""
    while True:
        started = time.monotonic()
        try:
            run_due_jobs()
        except Exception:  # the database down for a moment: try again at the next tick
            db.session.rollback()
            log.exception("scheduled jobs could not run")
        time.sleep(max(1.0, TICK - (time.monotonic() - started)))


def cron_scheduler(run: Callable):
    """RQ's cron scheduler on ``REDIS_URL``, putting ``run`` (``journal.worker.run_due_jobs``, passed in
    because only the worker side may build an app) on the RQ queue every ``TICK`` seconds. Several may run
    at once (one per machine, for availability): the slots in ``run_due_jobs`` keep each job to one run."""
    from redis import Redis
    from rq.cron import CronScheduler

    config = current_app.config
    scheduler = CronScheduler(connection=Redis.from_url(config["REDIS_URL"]))
    scheduler.register(run, queue_name=config["RQ_QUEUE"], interval=TICK, job_timeout=50 * MINUTE)
    return scheduler


def public_request():
    """A request context at ``PUBLIC_URL`` (else the development address), so that jobs can build full
    links (``url_for``) and render templates as a page would, outside any request."""
    base = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    return current_app.test_request_context("/", base_url=base)
