"""Verifiable credentials (issue #19): Open Badges 3.0 and CLR 2.0 signed with Data Integrity proofs.

The core, on which issuing and verifying build:

- ``loader``: the offline JSON-LD document loader (known contexts from files, never the network);
- ``multikey``: Ed25519 keys as Multikey strings;
- ``proofs``: ``sign`` and ``verify`` with ``eddsa-rdfc-2022``;
- ``keys``: the issuer's keys in files outside the database (generate, rotate, retire);
- ``identity`` and ``issuer``: the issuer's URL, name and public profile (``GET /issuer``).

``init_app`` reads the settings (``CREDENTIAL_KEY_DIR``, ``CREDENTIAL_ISSUER_NAME``), registers the issuer
profile route and the ``credentials`` commands.
"""

import os

from flask import Flask


def init_app(app: Flask) -> None:
    """Settings from the environment (unless the app's config already says), the route, the commands."""
    from journal.credentials import cli, issuer_views

    for name in ("CREDENTIAL_KEY_DIR", "CREDENTIAL_ISSUER_NAME"):
        app.config.setdefault(name, os.environ.get(name, "").strip() or None)
    app.register_blueprint(issuer_views.bp)
    app.cli.add_command(cli.group)
