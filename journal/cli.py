"""Flask commands: ``seed-demo``, ``create-admin`` and ``worker``."""

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


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(worker_command)
