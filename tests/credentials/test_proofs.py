"""eddsa-rdfc-2022 proofs: the W3C and 1EdTech test vectors reproduced exactly, tampering detected, and
hostile documents answered with a reason instead of an error or a network request."""

import copy
import hashlib
import json
import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyld import jsonld

from journal.credentials import loader, multikey, proofs
from journal.credentials.keys import SigningKey

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "credentials"
W3C = FIXTURES / "w3c"


def _text(name: str) -> str:
    return (W3C / name).read_text(encoding="utf-8")


def _json(name: str) -> dict:
    return json.loads(_text(name))


def _key(seed: bytes, method: str, created: datetime) -> SigningKey:
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(id=method, public_key=public_key, private_key=private_key, created=created)


def _parse_created(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# -- the W3C vc-di-eddsa test vector --


@pytest.fixture
def w3c_key() -> SigningKey:
    pair = _json("keyPair.json")
    seed = multikey.decode_private(pair["privateKeyMultibase"])
    config = _json("proofConfigDataInt.json")
    return _key(seed, config["verificationMethod"], _parse_created(config["created"]))


def test_w3c_key_pair_decodes_to_its_public_key(w3c_key):
    pair = _json("keyPair.json")
    raw = multikey.decode_base58btc(pair["privateKeyMultibase"])
    assert raw[:2] == b"\x80\x26" and len(raw) == 34
    assert multikey.encode_public(w3c_key.public_key) == pair["publicKeyMultibase"]
    assert multikey.encode_private(raw[2:]) == pair["privateKeyMultibase"]


def test_w3c_canonical_forms_and_hashes(no_network):
    document = _json("unsigned.json")
    config = _json("proofConfigDataInt.json")
    canonical_document = proofs.canonicalize(document)
    canonical_proof = proofs.canonicalize(config)
    assert canonical_document == _text("canonDocDataInt.txt")
    assert canonical_proof == _text("proofCanonDataInt.txt")
    assert hashlib.sha256(canonical_document.encode()).hexdigest() == _text("docHashDataInt.txt").strip()
    assert hashlib.sha256(canonical_proof.encode()).hexdigest() == _text("proofHashDataInt.txt").strip()
    assert proofs.hash_data(document, config).hex() == _text("combinedHashDataInt.txt").strip()


def test_w3c_signature_and_proof_value(w3c_key, no_network):
    signed = proofs.sign(_json("unsigned.json"), w3c_key, created=w3c_key.created)
    expected = _json("signedDataInt.json")
    [proof] = signed["proof"]
    assert proof == expected["proof"]
    assert proof["proofValue"] == _text("sigBTC58DataInt.txt").strip()
    assert multikey.decode_base58btc(proof["proofValue"]).hex() == _text("sigHexDataInt.txt").strip()
    assert {name: value for name, value in signed.items() if name != "proof"} == _json("unsigned.json")


def test_w3c_signed_credential_verifies(w3c_key, no_network):
    keys = {w3c_key.id: w3c_key.public_key}
    check = proofs.verify(_json("signedDataInt.json"), keys.get)
    assert check == proofs.ProofCheck(True, w3c_key.id, "valid")


def _string_leaves(node, path=()):
    """The path of every string value in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _string_leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_leaves(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _changed(document: dict, path: tuple) -> dict:
    """A copy of ``document`` with one character of the string at ``path`` changed."""
    changed = copy.deepcopy(document)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    value = parent[path[-1]]
    position = len(value) // 2
    parent[path[-1]] = value[:position] + ("x" if value[position] != "x" else "y") + value[position + 1 :]
    return changed


SIGNED = _json("signedDataInt.json")


@pytest.mark.parametrize("path", list(_string_leaves(SIGNED)), ids=lambda path: ".".join(map(str, path)))
def test_w3c_one_changed_character_anywhere_fails(w3c_key, path, no_network):
    keys = {w3c_key.id: w3c_key.public_key}
    check = proofs.verify(_changed(SIGNED, path), keys.get)
    assert not check.valid
    assert check.reason != "valid"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("proof"), "no_proof"),
        (lambda d: d["proof"].update(cryptosuite="ecdsa-rdfc-2019"), "unsupported_cryptosuite"),
        (lambda d: d["proof"].update(type="Ed25519Signature2020"), "unsupported_cryptosuite"),
        (lambda d: d["proof"].update(proofPurpose="authentication"), "wrong_purpose"),
        (lambda d: d["proof"].update(verificationMethod="https://elsewhere.example/key#1"), "unknown_key"),
        (lambda d: d["proof"].update(proofValue="not base58"), "malformed"),
        (lambda d: d["proof"].update(proofValue="z" + "1" * 20), "malformed"),
        (lambda d: d["proof"].update(created="yesterday"), "malformed"),
        (lambda d: d["proof"].pop("verificationMethod"), "malformed"),
        (lambda d: d.update(proof="a string"), "malformed"),
        (lambda d: d.update(name="Alumni Credential!"), "bad_signature"),
        # The examples context has an @vocab: every term is defined, so the signature catches these.
        (lambda d: d.update(extra="a term only the @vocab defines"), "bad_signature"),
        (lambda d: d.update(type=["VerifiableCredential", "AlumniCredential", "Other"]), "bad_signature"),
        (lambda d: d.update(type=["VerifiableCredential", "AlumniCredential", "ex:Other"]), "bad_signature"),
        (lambda d: d["@context"].append("https://attacker.example/context.jsonld"), "unknown_context"),
        (lambda d: d["@context"].append({"@import": "https://attacker.example/c"}), "unknown_context"),
        (lambda d: d["proof"].update({"@context": ["https://other.example/v1"]}), "malformed"),
    ],
)
def test_verify_names_what_is_wrong(w3c_key, change, reason, no_network):
    document = copy.deepcopy(SIGNED)
    change(document)
    check = proofs.verify(document, {w3c_key.id: w3c_key.public_key}.get)
    assert (check.valid, check.reason) == (False, reason)


def test_proof_as_a_list_of_one_verifies_and_a_second_bad_proof_fails(w3c_key):
    keys = {w3c_key.id: w3c_key.public_key}.get
    document = copy.deepcopy(SIGNED)
    document["proof"] = [document["proof"]]
    assert proofs.verify(document, keys).valid
    document["proof"].append({**document["proof"][0], "created": "2024-01-01T00:00:00Z"})
    assert proofs.verify(document, keys).reason == "bad_signature"


def test_wrong_public_key_fails(w3c_key):
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert proofs.verify(SIGNED, {w3c_key.id: other}.get).reason == "bad_signature"
    assert proofs.verify(SIGNED, {w3c_key.id: b"short"}.get).reason == "unknown_key"


@pytest.mark.parametrize("document", [None, [], "text", 42, {"proof": None}, {"proof": [1, 2]}, {"proof": [{}]}])
def test_verify_never_raises_on_junk(document, no_network):
    assert proofs.verify(document, lambda method: None).valid is False


def test_deep_nesting_and_poison_graphs_are_refused(w3c_key, no_network):
    keys = {w3c_key.id: w3c_key.public_key}.get
    deep = copy.deepcopy(SIGNED)
    node = deep["credentialSubject"]
    for _ in range(3000):
        node["alumniOf"] = {"alumniOf": "x"}
        node = node["alumniOf"]
    assert proofs.verify(deep, keys).reason in ("too_complex", "malformed")
    # Blank nodes that all point at each other: RDFC-1.0's N-degree hashing grows factorially.
    clique = [{"@id": f"_:n{i}", "alumniOf": [{"@id": f"_:n{j}"} for j in range(8) if j != i]} for i in range(8)]
    poison = {**copy.deepcopy(SIGNED), "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": clique}}
    assert proofs.verify(poison, keys).reason == "too_complex"


def test_sign_refuses_what_it_cannot_sign_faithfully(w3c_key):
    with pytest.raises(ValueError, match="already"):
        proofs.sign(SIGNED, w3c_key, created=w3c_key.created)
    unsigned = {**_ob_vector()["credential"], "notInAnyContext": "dropped silently otherwise"}
    with pytest.raises(proofs.CanonicalizationError) as raised:
        proofs.sign(unsigned, w3c_key, created=w3c_key.created)
    assert raised.value.reason == "undefined_term"


def test_sign_and_verify_round_trip_with_a_new_key(no_network):
    key = _key(Ed25519PrivateKey.generate().private_bytes_raw(), "https://vc.example/issuer#k", datetime.now(UTC))
    signed = proofs.sign(_json("unsigned.json"), key, created=datetime(2026, 5, 1, 12, 30, 15, 999, tzinfo=UTC))
    assert signed["proof"][0]["created"] == "2026-05-01T12:30:15Z"
    assert proofs.verify(signed, {key.id: key.public_key}.get).valid


# -- the loader --


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/context.jsonld",
        "https://www.w3.org/ns/credentials/v1",
        "https://www.w3.org/ns/credentials/v2/",
        "http://www.w3.org/ns/credentials/v2",
        "file:///etc/passwd",
        "",
    ],
)
def test_loader_refuses_every_other_url_without_a_connection(url, no_network):
    with pytest.raises(loader.UnknownDocument):
        loader.document_loader(url)


def test_loader_serves_every_mapped_context_from_its_file(no_network):
    for url in loader.CONTEXT_FILES:
        remote = loader.document_loader(url)
        assert remote["documentUrl"] == url and remote["contextUrl"] is None
        assert "@context" in remote["document"]
    first = loader.document_loader(loader.VC_V2)["document"]
    with pytest.raises(TypeError):
        first["@context"]["changed"] = True
    with pytest.raises(TypeError):
        first["@context"]["@protected"] = False
    with pytest.raises((TypeError, AttributeError)):  # frozendict: "read-only"
        loader.document_loader(loader.OB_V3P0)["document"]["@context"]["AchievementCredential"].pop("@context")
    assert "changed" not in loader.document_loader(loader.VC_V2)["document"]["@context"]
    assert loader.document_loader(loader.VC_V2)["document"] == json.loads(
        (loader.CONTEXTS / loader.CONTEXT_FILES[loader.VC_V2]).read_text(encoding="utf-8")
    )


def test_context_file_arrays_cannot_be_changed_either():
    frozen = loader._freeze({"list": [1, {"a": [2]}]})
    for change in (
        lambda: frozen["list"].append(3),
        lambda: frozen["list"].__setitem__(0, 9),
        lambda: frozen["list"][1]["a"].extend([4]),
        lambda: frozen["list"].sort(),
    ):
        with pytest.raises(TypeError):
            change()
    assert frozen == {"list": [1, {"a": [2]}]} and copy.deepcopy(frozen) == frozen


def test_only_the_context_files_have_fixed_context_keys():
    vc = loader.known_document(loader.VC_V2)["@context"]
    assert loader.fixed_context_key(loader.VC_V2) == ("url", loader.VC_V2)
    assert loader.fixed_context_key([loader.VC_V2, loader.OB_V3P0])[0] == "list"
    assert loader.fixed_context_key(vc) is not None
    look_alike = json.loads(json.dumps(vc))  # the same content, but a document's own: never a cache key
    assert look_alike == vc and loader.fixed_context_key(look_alike) is None
    assert loader.fixed_context_key([loader.VC_V2, {"name": "https://schema.org/name"}]) is None
    assert loader.fixed_context_key("https://attacker.example/context.jsonld") is None


def test_pyld_default_loader_is_the_offline_one(no_network):
    from pyld import jsonld

    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://attacker.example/c", "name": "x"})


# -- 1EdTech's Open Badges 3.0 test vector (linked-data-proof-ob.html) --


def _ob_vector() -> dict:
    html = (FIXTURES / "linked-data-proof-ob.html").read_text(encoding="utf-8")
    blocks = dict(re.findall(r'<pre class="example json" title="([^"]+)">(.*?)</pre', html, re.S))
    codes = [code for code in re.findall(r"<code\s*>([0-9A-Za-z]+)</code", html) if len(code) >= 64]
    return {
        "credential": json.loads(blocks["Credential"]),
        "proof": json.loads(blocks["Proof"]),
        "signed": json.loads(blocks["Signed credential"]),
        "public_hex": codes[0],
        "private_hex": codes[1],
        "document_hash": codes[2],
        "proof_hash": codes[3],
        "data": codes[4],
        "signature": codes[5],
        "proof_value": codes[6],
    }


def test_open_badges_vector(no_network):
    vector = _ob_vector()
    obv3 = FIXTURES / "obv3p0"
    credential = vector["credential"]
    options = {"@context": credential["@context"], **vector["proof"]}
    options.pop("proofValue")
    assert proofs.canonicalize(credential) == (obv3 / "document-canon.txt").read_text(encoding="utf-8")
    assert proofs.canonicalize(options) == (obv3 / "proof-canon.txt").read_text(encoding="utf-8")
    data = proofs.hash_data(credential, options)
    assert data.hex() == vector["data"] == vector["proof_hash"] + vector["document_hash"]
    key = _key(bytes.fromhex(vector["private_hex"])[:32], options["verificationMethod"], datetime.now(UTC))
    assert key.public_key.hex() == vector["public_hex"]
    signed = proofs.sign(credential, key, created=_parse_created(options["created"]))
    assert multikey.decode_base58btc(signed["proof"][0]["proofValue"]).hex() == vector["signature"]
    assert signed["proof"][0]["proofValue"] == vector["proof_value"]
    published = {key.id: key.public_key}.get
    assert proofs.verify(vector["signed"], published).valid
    assert proofs.verify(signed, published).valid
    tampered = copy.deepcopy(vector["signed"])
    tampered["credentialSubject"]["achievement"]["name"] = "Teamwork!"
    assert proofs.verify(tampered, published).reason == "bad_signature"


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(grade="A+"),  # no context defines it: JSON-LD would drop it from what is signed
        lambda d: d["credentialSubject"].update(type=["AchievementSubject", "Honours"]),
        lambda d: d["credentialSubject"]["achievement"].update(level="gold"),
        lambda d: d.update(id="relative/credential"),
    ],
)
def test_terms_outside_the_signature_fail_instead_of_vanishing(change, no_network):
    """Without @vocab (OB 3.0), an added undefined term would not change the canonical form: it is refused."""
    vector = _ob_vector()
    key = _key(bytes.fromhex(vector["private_hex"])[:32], vector["proof"]["verificationMethod"], datetime.now(UTC))
    document = copy.deepcopy(vector["signed"])
    change(document)
    check = proofs.verify(document, {key.id: key.public_key}.get)
    assert (check.valid, check.reason) == (False, "undefined_term")


# -- the proof's own dates, and several proofs --


def _signed_with_options(key: SigningKey, **extra) -> dict:
    """The W3C credential signed by ``key`` with proof options of our choosing (``created``, ``expires``)."""
    document = _json("unsigned.json")
    options = {
        "@context": document["@context"],
        "type": proofs.PROOF_TYPE,
        "cryptosuite": proofs.CRYPTOSUITE,
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": key.id,
        "proofPurpose": proofs.PURPOSE,
        **extra,
    }
    signature = key.private_key.sign(proofs.hash_data(document, options))
    proof = {name: value for name, value in options.items() if name != "@context"}
    return {**document, "proof": [{**proof, "proofValue": multikey.encode_base58btc(signature)}]}


def test_a_proof_dated_in_the_future_does_not_verify(w3c_key):
    published = {w3c_key.id: w3c_key.public_key}.get
    later = datetime.now(UTC) + timedelta(days=1)
    assert proofs.verify(proofs.sign(_json("unsigned.json"), w3c_key, created=later), published).reason == (
        "created_in_future"
    )
    # A signer's clock a little ahead of ours is not a forgery.
    close = datetime.now(UTC) + proofs.CLOCK_SKEW / 2
    assert proofs.verify(proofs.sign(_json("unsigned.json"), w3c_key, created=close), published).valid


@pytest.mark.parametrize(
    ("expires", "reason"),
    [("2024-01-01T00:00:00Z", "proof_expired"), ("2999-01-01T00:00:00Z", "valid"), ("soon", "malformed")],
)
def test_a_proof_past_its_expires_does_not_verify(w3c_key, expires, reason):
    signed = _signed_with_options(w3c_key, expires=expires)
    assert proofs.verify(signed, {w3c_key.id: w3c_key.public_key}.get).reason == reason


def test_every_one_of_several_proofs_must_hold(w3c_key):
    other = _key(Ed25519PrivateKey.generate().private_bytes_raw(), "https://vc.example/issuer#two", w3c_key.created)
    published = {w3c_key.id: w3c_key.public_key, other.id: other.public_key}.get
    first, second = _signed_with_options(w3c_key), _signed_with_options(other)
    both = {**first, "proof": first["proof"] + second["proof"]}
    assert proofs.verify(both, published).valid
    wrong_purpose = {**second["proof"][0], "proofPurpose": "authentication"}
    assert proofs.verify({**first, "proof": [*first["proof"], wrong_purpose]}, published).reason == "wrong_purpose"
    assert proofs.verify({**first, "proof": [wrong_purpose, *first["proof"]]}, published).reason == "wrong_purpose"


# -- speed: contexts are worked out once per process, never changing a byte --


def _badges(key: SigningKey, count: int) -> list[dict]:
    """``count`` different Open Badges (the 1EdTech example renamed), signed by ``key``."""
    credential = _ob_vector()["credential"]
    made = []
    for n in range(count):
        badge = copy.deepcopy(credential)
        badge["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        badge["credentialSubject"]["achievement"]["name"] = f"Badge number {n}"
        made.append(proofs.sign(badge, key, created=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n)))
    return made


def test_contexts_loaded_do_not_grow_with_the_badges_verified(monkeypatch, no_network):
    key = _key(Ed25519PrivateKey.generate().private_bytes_raw(), "https://example.edu/issuer#k", datetime.now(UTC))
    badges = _badges(key, 12)
    asked: list[str] = []
    real = loader.document_loader

    def counting(url, options=None):
        asked.append(url)
        return real(url, options)

    monkeypatch.setattr(loader, "document_loader", counting)
    proofs.clear_caches()
    published = {key.id: key.public_key}.get
    assert proofs.verify(badges[0], published).valid
    after_first = len(asked)
    assert after_first >= 2  # VC v2 and OB 3.0 at least: the caches really were empty
    for badge in badges[1:]:
        assert proofs.verify(badge, published).valid
    assert len(asked) == after_first, asked[after_first:]
    tampered = copy.deepcopy(badges[5])
    tampered["credentialSubject"]["achievement"]["name"] = "Badge number 6"
    assert proofs.verify(tampered, published).reason == "bad_signature"
    assert len(asked) == after_first


def test_cold_warm_and_uncached_canonical_forms_are_the_same(no_network):
    vector = _ob_vector()
    w3c = _json("unsigned.json")
    expected = (FIXTURES / "obv3p0" / "document-canon.txt").read_text(encoding="utf-8")
    proofs.clear_caches()
    assert proofs.canonicalize(vector["credential"]) == expected  # cold
    assert proofs.canonicalize(w3c) == _text("canonDocDataInt.txt")
    for _ in range(3):  # warm, with the other document's contexts in the cache as well
        assert proofs.canonicalize(vector["credential"]) == expected
        assert proofs.canonicalize(w3c) == _text("canonDocDataInt.txt")
    for badge in _badges(_key(bytes(32), "https://example.edu/issuer#k", datetime.now(UTC)), 3):
        unsigned = {name: value for name, value in badge.items() if name != "proof"}
        uncached = jsonld.normalize(
            unsigned,
            {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _fresh_copies},
        )
        assert proofs.canonicalize(unsigned) == uncached


def _fresh_copies(url, options=None):
    """The loader as it was before any caching: a new, mutable copy of the file every time, untagged."""
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(json.dumps(loader.known_document(url)))}


def test_a_documents_own_inline_context_is_not_kept(no_network):
    key = _key(Ed25519PrivateKey.generate().private_bytes_raw(), "https://example.edu/issuer#k", datetime.now(UTC))
    [badge] = _badges(key, 1)
    unsigned = {name: value for name, value in badge.items() if name != "proof"}
    unsigned["@context"] = [*unsigned["@context"], {"grade": "https://example.edu/grade"}]
    unsigned["grade"] = "A"
    proofs.clear_caches()
    proofs.canonicalize({name: value for name, value in badge.items() if name != "proof"})
    kept = set(proofs._contexts._results.keys())
    first = proofs.canonicalize(unsigned)
    assert kept and set(proofs._contexts._results.keys()) == kept  # nothing added for the inline context
    assert all(_only_fixed(recipe) for recipe in kept)
    unsigned["@context"][-1] = {"grade": "https://example.edu/other-grade"}
    assert proofs.canonicalize(unsigned) != first  # the changed inline context is read afresh
    assert "https://example.edu/other-grade" in proofs.canonicalize(unsigned)


def _only_fixed(recipe) -> bool:
    """Whether a cache key is made of the initial context, context-file URLs and places in those files only."""
    if isinstance(recipe, tuple):
        if recipe and recipe[0] in ("url", "file"):
            return recipe[1] in loader.CONTEXT_FILES
        return all(_only_fixed(part) for part in recipe)
    return isinstance(recipe, (str, bool)) or recipe is None
