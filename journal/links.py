"""Addresses: full ones for links that leave the app (invitations, portfolios' verification pages), and
checked local paths to return to.

They start with ``PUBLIC_URL``, the address people open the app at, and never with the ``Host``
of the request, which whoever sends the request chooses: a forged Host would put an address of
the sender's choosing into an invitation email or onto a portfolio. Only where ``PUBLIC_URL`` is
not set (development and tests, see ``journal.config``) does the request's own address stand in.
"""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for


def public_root(public_url: str | None = None) -> str:
    """The address the app is opened at, without a trailing slash: ``public_url`` if given, else
    the ``PUBLIC_URL`` setting, else the address the request came to."""
    base = public_url or current_app.config.get("PUBLIC_URL") or (request.url_root if has_request_context() else "")
    return base.rstrip("/")


def public_url_for(endpoint: str, **values) -> str:
    """The full public address of a page of the app (``url_for``'s arguments)."""
    path = url_for(endpoint, **values)
    if has_request_context():
        path = path.removeprefix(request.script_root)  # the root above already holds it
    return public_root() + path


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (a place to return to), else None: never another site's
    address, whether written in full, as ``//host`` or with backslashes that browsers read as slashes."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
