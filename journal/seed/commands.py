"""The seeding commands: ``seed-demo`` (the demo cohort ``make run`` shows) and ``seed-synthetic``
(a cohort at scale, for benchmarks). Both create accounts whose password is public, so both
refuse to run outside development unless told ``--force``."""

import click
from flask import current_app
from flask.cli import with_appcontext

from journal.extensions import db
from journal.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo


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


@click.command("seed-synthetic")
@click.option("--interns", type=click.IntRange(min=1), default=200, show_default=True, help="Interns in the cohort.")
@click.option("--days", type=click.IntRange(min=1), default=365, show_default=True, help="Days they have written for.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed writes the same cohort.")
@click.option("--force", is_flag=True, help="Seed even though the database holds accounts, or outside development.")
@with_appcontext
def seed_synthetic_command(interns: int, days: int, seed: int, force: bool) -> None:
    """Fill the database with a synthetic cohort at scale (for benchmarks): one to three entries a day each."""
    import time

    from journal.seed.synthetic import SYNTHETIC_PASSWORD, NotEmpty, seed_synthetic

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
