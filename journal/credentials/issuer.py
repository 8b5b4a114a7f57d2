"""The issuer profile: the public document that says who issues the app's credentials and with which keys.

Served at ``{PUBLIC_URL}/issuer`` (``issuer_views.py``), it is both an Open Badges 3.0 ``Profile`` (the
``issuer`` of every credential names it) and the controller document of the issuer's keys: every key,
active and retired, as a ``Multikey`` verification method, and all of them under ``assertionMethod``
(a retired key stops signing, but what it signed stays valid). A verifier dereferences a proof's
``verificationMethod`` (``{issuer}#z6Mk…``) to this document.

The context: VC 2.0 (``name``), OB 3.0.3 (``Profile``, ``url``), Multikey v1 (``Multikey``,
``controller``, ``publicKeyMultibase``) and two terms no held context defines at the top level,
``verificationMethod`` and ``assertionMethod``, with the IRIs the W3C security vocabulary (and the
DID and controlled-identifier contexts) give them, so the whole document expands without a dropped term.
"""

from flask import current_app, has_app_context

from journal import links
from journal.credentials import identity, keys, loader

SECURITY = "https://w3id.org/security#"
CONTEXT = [
    loader.VC_V2,
    loader.OB_V3P0,
    loader.MULTIKEY_V1,
    {
        "verificationMethod": {"@id": SECURITY + "verificationMethod", "@type": "@id"},
        "assertionMethod": {"@id": SECURITY + "assertionMethod", "@type": "@id", "@container": "@set"},
    },
]


def verification_method(key: keys.SigningKey) -> dict:
    """One key as a ``Multikey`` verification method controlled by the issuer."""
    return {
        "id": key.id,
        "type": "Multikey",
        "controller": identity.issuer_id(),
        "publicKeyMultibase": key.public_key_multibase,
    }


def profile_document() -> dict:
    """The issuer profile with every key, active and retired (none where no key directory is set)."""
    methods = [verification_method(key) for key in keys.all_keys()]
    return {
        "@context": CONTEXT,
        "id": identity.issuer_id(),
        "type": ["Profile"],
        "name": identity.issuer_name(),
        "url": (links.public_root() or identity.FALLBACK_ROOT) + "/",
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def resolve(url: str) -> dict | None:
    """The loader's hook (``loader.register_app_documents``): the profile for the issuer's own URL,
    within an app; None for any other URL."""
    if not has_app_context() or current_app is None:
        return None
    return profile_document() if url == identity.issuer_id() else None


loader.register_app_documents(resolve)
