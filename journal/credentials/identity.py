"""Who issues the app's credentials: the issuer's URL, its name, and the ids of its keys.

The issuer is the deployment itself, published as an HTTPS issuer profile at ``{PUBLIC_URL}/issuer``
(``issuer.py``). A key's verification method id is that URL with the key's ``publicKeyMultibase`` as
fragment, so the id names the key without a counter that two processes could disagree on.
"""

from flask import current_app

from journal import links

DEFAULT_NAME = "Intern Journal"
# Where neither PUBLIC_URL nor a request says the address (a command, a test outside a request):
# the address Flask's test client and local tools use.
FALLBACK_ROOT = "http://localhost"


def issuer_id() -> str:
    """The issuer profile's URL: ``{PUBLIC_URL}/issuer`` (else the request's address, see ``links``)."""
    return (links.public_root() or FALLBACK_ROOT) + "/issuer"


def issuer_name() -> str:
    """The deployment's name as issuer: ``CREDENTIAL_ISSUER_NAME`` if configured, else "Intern Journal"."""
    return current_app.config.get("CREDENTIAL_ISSUER_NAME") or DEFAULT_NAME


def verification_method_id(public_key_multibase: str) -> str:
    """The verification method id of a key: ``{issuer}#{publicKeyMultibase}``."""
    return f"{issuer_id()}#{public_key_multibase}"


def issuer_reference() -> dict:
    """The ``issuer`` value of every credential the app issues."""
    return {"id": issuer_id(), "type": ["Profile"], "name": issuer_name()}
