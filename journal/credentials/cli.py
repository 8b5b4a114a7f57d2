"""``flask --app app credentials …``: generate, rotate and list the issuer's signing keys.

Keys are files in ``CREDENTIAL_KEY_DIR`` (see ``keys.py``); these commands never print a private key.
"""

import click
from flask.cli import AppGroup

from journal.credentials import keys

group = AppGroup("credentials", help="The signing keys of verifiable credentials (Open Badges, CLR).")


def _describe(key: keys.SigningKey) -> str:
    state = "active" if key.retired_at is None else f"retired {key.retired_at:%Y-%m-%d %H:%M} UTC"
    return f"{key.id}  created {key.created:%Y-%m-%d %H:%M} UTC  {state}"


@group.command("generate-key")
def generate_key_command() -> None:
    """Create the first signing key (refused while an active key exists: use rotate-key)."""
    try:
        key = keys.generate_key()
    except (keys.NoSigningKey, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created the signing key {key.id} in {keys.key_directory()}. Back this directory up.")


@group.command("rotate-key")
def rotate_key_command() -> None:
    """Create a new active key and retire the current one (its public key stays published)."""
    try:
        key = keys.rotate_key()
    except keys.NoSigningKey as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"New active signing key {key.id}; earlier keys are retired and still verify what they signed.")


@group.command("list-keys")
def list_keys_command() -> None:
    """List every key (public part only), oldest first."""
    directory = keys.key_directory()
    found = keys.all_keys()
    if not found:
        click.echo(f"No signing keys in {directory or 'CREDENTIAL_KEY_DIR (not set)'}.")
        return
    click.echo(f"Signing keys in {directory}:")
    for key in found:
        click.echo("  " + _describe(key))
