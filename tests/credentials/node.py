"""The independent Node.js verifier (tests/verifier/verify.mjs), called from the test suite.

The app signs with Python (pyld + cryptography); a test that also verified with that code would
only show the code agrees with itself. ``verify_with_node`` hands credentials to Digital Bazaar's
``@digitalbazaar/vc`` instead, a second implementation pinned in tests/verifier/package-lock.json.
One call starts one node process for a whole batch: call it once per test module, not per credential.
"""

import base64
import gzip
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from journal.extensions import db
from journal.models import IssuedCredential

VERIFIER = Path(__file__).resolve().parent.parent / "verifier"
SCRIPT = VERIFIER / "verify.mjs"
INSTALLED = VERIFIER / "node_modules" / ".package-lock.json"
TIMEOUT_SECONDS = 120
HOW_TO_INSTALL = "run `make verifier` (npm ci --prefix tests/verifier) to install it"


def node_command() -> list[str]:
    """The command line that runs the verifier; fails the test, saying how to fix it, when it cannot run."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"Node.js (`node`, version 20 or later) is not on PATH: install it, then {HOW_TO_INSTALL}.")
    if not INSTALLED.exists():
        pytest.fail(f"The Node.js verifier's packages are not installed: {HOW_TO_INSTALL}.")
    return [node, str(SCRIPT)]


def verify_with_node(
    credentials: list[Any],
    documents: dict[str, dict],
    now: str | None = None,
    *,
    check_issuer: bool = True,
) -> list[dict]:
    """Verify ``credentials`` with the Node.js verifier; one ``{"verified", "errors"}`` per credential, in order.

    ``documents`` maps URL to document (the issuer profile, the status list): the verifier loads
    nothing else but its own context files and did:key keys, and never the network. ``now`` (ISO
    8601) is the time to verify at, for validity periods and the status list's ``validUntil``.
    ``check_issuer=False`` checks the proof alone, not that the credential's issuer controls the key
    (the W3C test vector names an issuer that does not). Each result also has the credential's ``id``;
    a ClrCredential's has ``"embedded"`` (one result per credential it holds) and ``"allVerified"``.
    Fails the test if the verifier cannot run (tests/verifier/README.md)."""
    request: dict[str, Any] = {"documents": documents, "credentials": credentials, "checkIssuer": check_issuer}
    if now is not None:
        request["now"] = now
    try:
        finished = subprocess.run(  # noqa: S603 - a fixed command line; the input goes on stdin
            node_command(),
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"The Node.js verifier did not finish within {TIMEOUT_SECONDS} seconds.")
    if finished.returncode != 0:
        pytest.fail(f"The Node.js verifier stopped (exit {finished.returncode}):\n{finished.stderr}")
    results = [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]
    assert len(results) == len(credentials), f"{len(credentials)} credentials, {len(results)} answers"
    return results


def served_documents(app) -> dict[str, dict]:
    """The issuer profile and the status list exactly as the app serves them to anyone, by their ids."""
    client = app.test_client()
    documents = {}
    for path in ("/issuer", "/credentials/status/1"):
        response = client.get(path)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        document = json.loads(response.get_data(as_text=True))
        documents[document["id"]] = document
    return documents


def _revoked(status_list: dict, credential: dict) -> bool:
    """Whether the credential's bit is set in the status list (decoded here, not by the app's code)."""
    status = credential.get("credentialStatus")
    if status is None:
        return False
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u"), "the list is multibase base64url (u…)"
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(status["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _expect(credential: dict, result: dict, status_list: dict) -> None:
    """A credential verifies, unless its status bit is set: then it fails on its status alone."""
    if _revoked(status_list, credential):
        assert not result["verified"], f"{credential.get('id')} is revoked yet verified"
        assert all("Credential status" in error for error in result["errors"]), result["errors"]
    else:
        assert result["verified"], f"{credential.get('id')}: {result['errors']}"
    inner = credential.get("credentialSubject", {}).get("verifiableCredential", [])
    assert len(result.get("embedded", [])) == len(inner)
    for embedded, embedded_result in zip(inner, result.get("embedded", []), strict=True):
        _expect(embedded, embedded_result, status_list)


def assert_everything_issued_verifies(app) -> int:
    """Verify with Node every credential stored in the app's database (as issued, byte for byte), against
    the issuer profile and status list the app serves now; each must verify, except a revoked badge,
    which must fail on its status alone (also inside a CLR). Returns how many were checked.

    One node process for all; call it at the end of a test (or a fixture's teardown) that issued some."""
    with app.app_context():
        stored = db.session.scalars(select(IssuedCredential.document).order_by(IssuedCredential.id)).all()
    credentials = [json.loads(text) for text in stored]
    if not credentials:
        return 0
    documents = served_documents(app)
    [status_list] = [document for document in documents.values() if "BitstringStatusListCredential" in document["type"]]
    for credential, result in zip(credentials, verify_with_node(credentials, documents), strict=True):
        _expect(credential, result, status_list)
    return len(credentials)
