"""Flask commands: ``create-admin``, ``worker``, ``backup`` and ``restore``, and the seeding commands of
``journal.seed.commands`` (``seed-demo``, ``seed-synthetic``)."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from journal.auth.services import AccountError, create_user, user_by_email
from journal.extensions import db
from journal.seed import commands as seed_commands


@click.command("create-admin")
@with_appcontext
@click.option("--email", required=True, help="The coordinator's email address.")
@click.option("--name", default="Coordinator", show_default=True, help="Display name.")
def create_admin_command(email: str, name: str) -> None:
    """Create a coordinator account (asking for its password), or make an existing account one."""
    user = user_by_email(email)
    if user is not None:
        user.is_admin = True
        db.session.commit()
        click.echo(f"{user.email} is now a coordinator.")
        return
    password = click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, name, password, is_admin=True)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Coordinator {user.email} created.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop.")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run background jobs (cohort exports, portfolio PDFs) from Redis, in this app's settings. Needs REDIS_URL."""
    from rq import SimpleWorker

    from journal.jobs import queue

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("Set REDIS_URL: the worker takes its jobs from Redis.")
    jobs = queue()
    click.echo(f"Worker listening on the queue {jobs.name!r} at {current_app.config['REDIS_URL']}.")
    # SimpleWorker runs each job in this process, inside the app context the command set up.
    SimpleWorker([jobs], connection=jobs.connection).work(burst=burst)


@click.command("run-due-jobs")
@click.option("--job", "only", multiple=True, help="Run only this scheduled job (repeatable).")
@with_appcontext
def run_due_jobs_command(only: tuple[str, ...]) -> None:
    """Run the scheduled jobs that are due (emails, reminders, digests, upkeep) once; for a cron line."""
    from journal import schedule

    known = {task.name for task in schedule.SCHEDULE}
    if unknown := set(only) - known:
        raise click.ClickException(
            f"Unknown job {', '.join(sorted(unknown))}; the jobs are {', '.join(sorted(known))}."
        )
    runs = schedule.run_due_jobs(only=only)
    for run in runs:
        click.echo(f"{run.job}: {run.outcome}{' (' + run.details + ')' if run.details else ''}")
    if not runs:
        click.echo("Nothing due: every job has run for its current period.")


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Keep running the scheduled jobs: where background jobs go to RQ (``JOB_QUEUE=rq``, the default with
    REDIS_URL), RQ's cron scheduler puts them on the queue every minute for the workers (``flask --app app
    worker``); otherwise this process runs them itself."""
    from journal import schedule

    config = current_app.config
    if config.get("JOB_QUEUE") == "rq":
        from journal.worker import run_due_jobs

        click.echo(f"Scheduling jobs every {schedule.TICK} s on the queue {config['RQ_QUEUE']!r}.")
        schedule.cron_scheduler(run_due_jobs).start()
        return
    click.echo(f"Background jobs are not on RQ: running the scheduled jobs in this process every {schedule.TICK} s.")
    schedule.run_forever()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a backup of the whole database to PATH, consistent even while the app runs."""
    from journal import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        made = backup.backup(url, path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    size = made.path.stat().st_size / 1024 / 1024
    click.echo(f"Backed up {backup.describe(url)} to {made.path} ({size:.1f} MiB, migration {made.revision}).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking first.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace everything in the database with the backup at PATH, once it is checked to be one of this app."""
    from journal import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        found = backup.check(url, path)
        if not yes:
            click.confirm(
                f"Replace everything in {backup.describe(url)} with the backup {path} (migration {found.revision})? "
                "Whatever was written since that backup is lost.",
                abort=True,
            )
        backup.restore(url, path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {backup.describe(url)} from {path} (migration {found.revision}).")
    if not found.latest:
        click.echo("The backup comes from an earlier version: run `flask --app app db upgrade` before the app starts.")


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    app.cli.add_command(seed_commands.seed_demo_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(run_due_jobs_command)
    app.cli.add_command(scheduler_command)
    app.cli.add_command(seed_commands.seed_synthetic_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
