"""Flask commands: ``seed-demo``, ``create-admin``, ``worker``, ``seed-synthetic``, ``backup`` and ``restore``."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from journal.auth.services import AccountError, create_user, user_by_email
from journal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo
from journal.extensions import db


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Seed even outside development (creates accounts with a public password).")
@with_appcontext
def seed_demo_command(force: bool) -> None:
    """Create (once) the demo cohort and its accounts, and print how to log in."""
    if current_app.config["APP_ENV"] not in ("development", "testing") and not force:
        raise click.ClickException(
            "seed-demo creates accounts whose password is public, so it runs only with APP_ENV=development "
            "(as `make run` sets). Add --force to seed this database anyway."
        )
    created = seed_demo()
    db.session.commit()
    click.echo("Demo cohort ready." + (f" Created {created} new records." if created else " Nothing new to add."))
    click.echo(f"Every demo account uses the password: {DEMO_PASSWORD}")
    for email, name, role in DEMO_ACCOUNTS:
        click.echo(f"  {email:<26} {role:<12} {name}")


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


@click.command("seed-synthetic")
@click.option("--interns", type=click.IntRange(min=1), default=200, show_default=True, help="Interns in the cohort.")
@click.option("--days", type=click.IntRange(min=1), default=365, show_default=True, help="Days they have written for.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed writes the same cohort.")
@click.option("--force", is_flag=True, help="Seed even though the database holds accounts, or outside development.")
@with_appcontext
def seed_synthetic_command(interns: int, days: int, seed: int, force: bool) -> None:
    """Fill the database with a synthetic cohort at scale (for benchmarks): one to three entries a day each."""
    import time

    from journal.synthetic import SYNTHETIC_PASSWORD, NotEmpty, seed_synthetic

    if current_app.config["APP_ENV"] not in ("development", "testing") and not force:
        raise click.ClickException(
            "seed-synthetic creates accounts whose password is public, so it runs only with APP_ENV=development. "
            "Add --force to seed this database anyway."
        )
    started = time.perf_counter()
    try:
        seeded = seed_synthetic(interns, days, seed=seed, force=force)
    except NotEmpty as error:
        raise click.ClickException(
            f"{error} Synthetic accounts share a published password, so they are not mixed with real ones: "
            "use an empty database, or add --force to add another synthetic cohort beside what is there."
        ) from error
    db.session.commit()
    counts = ", ".join(f"{count} {table}" for table, count in seeded.counts.items())
    click.echo(f"{seeded.cohort_name} ready in {time.perf_counter() - started:.1f} s: {counts}.")
    click.echo(f"Every synthetic account uses the password: {SYNTHETIC_PASSWORD}")
    click.echo(
        f"  {seeded.coordinator} (coordinator), {seeded.supervisors[0]} (supervisor), {seeded.interns[0]} (intern)"
    )


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
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(seed_synthetic_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
