"""``GET /issuer``: the public issuer profile that every credential names and every verifier reads.

Public, read-only, the same for everyone: JSON-LD (``application/ld+json``) with an ETag, readable
from other sites' pages (a browser-based wallet or verifier fetches it). It is one of the public
documents a shared cache may keep briefly (``journal.security.PUBLIC_DOCUMENTS``): a rotated key shows
within minutes, and a client that keeps it longer revalidates with the ETag.
"""

import json

from flask import Blueprint, Response, request

from journal.credentials import issuer

bp = Blueprint("issuer", __name__)


@bp.get("/issuer")
def profile() -> Response:
    """The issuer profile with every public key (active and retired)."""
    body = json.dumps(issuer.profile_document(), indent=2, ensure_ascii=False) + "\n"
    response = Response(body, mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.add_etag()
    return response.make_conditional(request)
