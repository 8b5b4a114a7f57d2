"""The credentials the app issues verify with an independent implementation, and what must fail does.

The verifier is Digital Bazaar's ``@digitalbazaar/vc`` on Node.js (tests/verifier/), not the app's own
Python: it reads the issuer profile and the status list exactly as the app serves them (``GET /issuer``,
``GET /credentials/status/1``) and nothing else. First the W3C eddsa-rdfc-2022 test vector, to show the
verifier itself is right; then the app's badge, CLR and status list; a changed byte, a revoked badge, a
key the issuer does not publish and an expired status list fail; after a key rotation, what the retired
key signed still verifies. Each group of credentials goes to one node process (``node.verify_with_node``).
"""

import copy
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from journal import jobs
from journal.credentials import identity, keys, multikey, proofs, status_list
from journal.extensions import db
from tests.conftest import _empty_tables, make_app
from tests.credentials.issued import issue_badge, issue_examples, scene
from tests.credentials.node import assert_everything_issued_verifies, served_documents, verify_with_node

VECTOR = Path(__file__).resolve().parent.parent / "fixtures" / "credentials" / "w3c" / "signedDataInt.json"
PUBLIC_URL = "https://journal.example.org"
STATUS_URL = f"{PUBLIC_URL}/credentials/status/1"
REMOTE_CONTEXT = "https://contexts.example.net/never-fetched.jsonld"


def changed_byte(credential: dict) -> dict:
    """A copy of ``credential`` whose ``name`` differs from the signed one in a single byte."""
    changed = copy.deepcopy(credential)
    name = changed["name"]
    changed["name"] = name[:-1] + chr(ord(name[-1]) ^ 1)
    return changed


def failed_with(result: dict, words: str) -> bool:
    """Whether ``result`` did not verify and one of its errors says ``words``."""
    return not result["verified"] and any(words in error for error in result["errors"])


# -- the W3C test vector: the verifier agrees with the standard's own example --


@pytest.fixture(scope="module")
def vector_results() -> list[dict]:
    """The W3C signed credential, a copy with one byte changed and one citing a remote context, in one batch."""
    vector = json.loads(VECTOR.read_text(encoding="utf-8"))
    remote = copy.deepcopy(vector)
    remote["@context"].append(REMOTE_CONTEXT)
    # Its issuer (https://vc.example/issuers/5678) does not control its did:key: the proof alone is checked.
    return verify_with_node([vector, changed_byte(vector), remote], {}, check_issuer=False)


def test_the_w3c_test_vector_verifies_with_its_did_key(vector_results):
    assert vector_results[0] == {"id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", "verified": True, "errors": []}


def test_the_w3c_test_vector_with_a_changed_byte_fails(vector_results):
    assert failed_with(vector_results[1], "Invalid signature")


def test_the_verifier_never_fetches_a_context_it_does_not_hold(vector_results):
    assert failed_with(vector_results[2], f'Document "{REMOTE_CONTEXT}" is not available offline.')


# -- the app's own credentials --


@dataclass
class Issued:
    """What the module's app issued and served, before and after rotating its key."""

    examples: dict[str, dict]  # issue_examples: badge, revoked_badge, clr, status_list
    before: dict[str, dict]  # the issuer profile and status list as served before the rotation
    after: dict[str, dict]  # ... and after it
    unlisted: dict  # the badge signed again by a key the issuer never published
    rotated_badge: dict  # a badge issued after the rotation, by the new key
    retired_key: str  # the verification method id of the key retired by the rotation


@pytest.fixture(scope="module")
def module_app(database_url, sqlite_schema, tmp_path_factory):
    """An app for this module's tests: its own database and key directory, an HTTPS ``PUBLIC_URL``.

    Module-scoped so that everything is issued once and verified in a few batches."""
    folder = tmp_path_factory.mktemp("node-verifier")
    url = database_url or f"sqlite:///{folder / 'test.db'}"
    application = make_app(url, PUBLIC_URL=PUBLIC_URL, CREDENTIAL_KEY_DIR=str(folder / "keys"))
    if database_url is None:
        sqlite_schema.restore(application)
    yield application
    assert jobs.wait_for_jobs(timeout=120), "a background job thread did not finish"
    if database_url is not None:
        _empty_tables(application)
    with application.app_context():
        db.engine.dispose()


def signed_by_unlisted_key(badge: dict) -> dict:
    """The badge signed again by a fresh key whose id is under the issuer's, but which it does not publish."""
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key = keys.SigningKey(
        id=identity.verification_method_id(multikey.encode_public(public)),
        public_key=public,
        private_key=private,
        created=datetime.now(UTC),
    )
    unsigned = {name: value for name, value in badge.items() if name != "proof"}
    return proofs.sign(unsigned, key, created=datetime.now(UTC))


@pytest.fixture(scope="module")
def issued(module_app) -> Issued:
    """One of each credential, the served documents, then a key rotation and a badge by the new key."""
    examples = issue_examples(module_app)
    before = served_documents(module_app)
    with module_app.test_request_context():
        unlisted = signed_by_unlisted_key(examples["badge"])
        retired = keys.active_key().id
        keys.rotate_key()
    second = scene(module_app, email="second.intern@example.org")
    with module_app.test_request_context():
        rotated_badge = issue_badge(second.approved)
    after = served_documents(module_app)
    return Issued(examples, before, after, unlisted, rotated_badge, retired)


@pytest.fixture(scope="module")
def results(issued) -> dict[str, dict]:
    """The main batch, verified against the documents served after the rotation, by name."""
    examples = issued.examples
    batch = {
        "badge": examples["badge"],
        "revoked_badge": examples["revoked_badge"],
        "clr": examples["clr"],
        "status_list": examples["status_list"],
        "changed_badge": changed_byte(examples["badge"]),
        "changed_clr": changed_byte(examples["clr"]),
        "unlisted": issued.unlisted,
        "rotated_badge": issued.rotated_badge,
    }
    clr_with_changed_badge = copy.deepcopy(examples["clr"])
    inner = clr_with_changed_badge["credentialSubject"]["verifiableCredential"]
    inner[0] = changed_byte(inner[0])
    batch["clr_with_changed_badge"] = clr_with_changed_badge
    verdicts = verify_with_node(list(batch.values()), issued.after)
    return dict(zip(batch, verdicts, strict=True))


def test_the_served_documents_are_the_ones_the_credentials_name(issued):
    badge = issued.examples["badge"]
    assert badge["issuer"]["id"] == f"{PUBLIC_URL}/issuer"
    assert badge["credentialStatus"]["statusListCredential"] == STATUS_URL
    assert set(issued.before) == set(issued.after) == {f"{PUBLIC_URL}/issuer", STATUS_URL}
    assert badge["proof"][0]["verificationMethod"] == issued.retired_key
    assert issued.rotated_badge["proof"][0]["verificationMethod"] != issued.retired_key


def test_a_badge_verifies_before_the_rotation(issued):
    examples = issued.examples
    badge, clr_result = verify_with_node([examples["badge"], examples["clr"]], issued.before)
    assert badge["verified"], badge["errors"]
    assert clr_result["verified"], clr_result["errors"]


def test_a_badge_verifies(results, issued):
    assert results["badge"] == {"id": issued.examples["badge"]["id"], "verified": True, "errors": []}


def test_the_status_list_itself_verifies(results):
    assert results["status_list"]["verified"], results["status_list"]["errors"]


def test_a_clr_verifies_and_so_do_its_standing_badges(results, issued):
    clr_result = results["clr"]
    assert clr_result["verified"], clr_result["errors"]
    held = issued.examples["clr"]["credentialSubject"]["verifiableCredential"]
    assert [inner["id"] for inner in clr_result["embedded"]] == [badge["id"] for badge in held]
    by_id = {inner["id"]: inner for inner in clr_result["embedded"]}
    assert by_id[issued.examples["badge"]["id"]]["verified"]
    # The portfolio holds the badge revoked after it was submitted: the CLR stays authentic, that badge fails.
    assert failed_with(by_id[issued.examples["revoked_badge"]["id"]], "Credential status")
    assert clr_result["allVerified"] is False


def test_a_changed_byte_fails(results):
    assert failed_with(results["changed_badge"], "Invalid signature")
    assert failed_with(results["changed_clr"], "Invalid signature")


def test_a_changed_byte_in_a_badge_inside_a_clr_fails_both(results):
    result = results["clr_with_changed_badge"]
    assert failed_with(result, "Invalid signature")
    assert failed_with(result["embedded"][0], "Invalid signature")


def test_a_revoked_badge_fails_on_its_status(results, issued):
    result = results["revoked_badge"]
    index = issued.examples["revoked_badge"]["credentialStatus"]["statusListIndex"]
    assert failed_with(result, f'Credential status "revocation" is set (index {index} ')
    assert len(result["errors"]) == 1  # its signature is fine: only the status fails


def test_a_badge_signed_by_a_key_the_issuer_does_not_publish_fails(results, issued):
    method = issued.unlisted["proof"][0]["verificationMethod"]
    assert failed_with(results["unlisted"], f'"{method}" is not a verification method')


def test_after_a_rotation_old_and_new_badges_verify(results):
    assert results["badge"]["verified"], results["badge"]["errors"]
    assert results["rotated_badge"]["verified"], results["rotated_badge"]["errors"]


def test_a_retired_key_left_out_of_the_profile_fails(issued):
    """The old badge verifies after the rotation only because the retired key stays published."""
    documents = copy.deepcopy(issued.after)
    profile = documents[f"{PUBLIC_URL}/issuer"]
    profile["verificationMethod"] = [m for m in profile["verificationMethod"] if m["id"] != issued.retired_key]
    profile["assertionMethod"] = [m for m in profile["assertionMethod"] if m != issued.retired_key]
    assert len(profile["assertionMethod"]) == 1
    [result] = verify_with_node([issued.examples["badge"]], documents)
    assert failed_with(result, f'"{issued.retired_key}" is not a verification method')


def test_an_expired_status_list_fails(issued):
    listed = issued.after[STATUS_URL]
    valid_until = datetime.fromisoformat(listed["validUntil"].replace("Z", "+00:00"))
    later = (valid_until + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before_end = (valid_until - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    badge = issued.examples["badge"]
    [expired] = verify_with_node([badge], issued.after, now=later)
    [in_time] = verify_with_node([badge], issued.after, now=before_end)
    assert failed_with(expired, f'is after "validUntil" ({listed["validUntil"]})')
    assert in_time["verified"], in_time["errors"]


def test_everything_the_module_issued_verifies_unless_revoked(module_app, issued):
    with module_app.app_context():
        revoked = status_list.revoked_indexes()
    assert [int(issued.examples["revoked_badge"]["credentialStatus"]["statusListIndex"])] == revoked
    checked = assert_everything_issued_verifies(module_app)
    assert checked == 4  # two badges of the first intern, the CLR, the badge issued after the rotation
