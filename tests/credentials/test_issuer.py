"""``GET /issuer``: the public issuer profile that publishes every key and expands offline."""

import socket
from datetime import UTC, datetime

import pytest
from pyld import jsonld

from journal.credentials import identity, issuer, keys, loader, multikey, proofs
from tests.credentials.test_keys import _credential


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def key_app(app, tmp_path):
    app.config["CREDENTIAL_KEY_DIR"] = str(tmp_path / "keys")
    return app


def test_profile_is_public_json_ld_with_the_active_key(key_app, client, no_network):
    with key_app.test_request_context("/"):
        key = keys.active_key()
    response = client.get("/issuer")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    document = response.get_json(force=True)
    assert document["id"] == "http://localhost/issuer"
    assert document["type"] == ["Profile"]
    assert document["name"] == "Intern Journal"
    assert document["verificationMethod"] == [
        {
            "id": key.id,
            "type": "Multikey",
            "controller": "http://localhost/issuer",
            "publicKeyMultibase": key.public_key_multibase,
        }
    ]
    assert document["assertionMethod"] == [key.id]
    assert multikey.decode_public(document["verificationMethod"][0]["publicKeyMultibase"]) == key.public_key


def test_profile_expands_offline_without_a_dropped_term(key_app, client, no_network):
    with key_app.test_request_context("/"):
        keys.active_key()
    document = client.get("/issuer").get_json(force=True)
    proofs.canonicalize(document)  # strict: raises on any term the contexts do not define
    [expanded] = jsonld.expand(document, {"documentLoader": loader.document_loader})
    security = "https://w3id.org/security#"
    assert expanded["@type"] == ["https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile"]
    [method] = expanded[security + "verificationMethod"]
    assert method["@type"] == [security + "Multikey"]
    assert method[security + "controller"] == [{"@id": document["id"]}]
    assert (
        method[security + "publicKeyMultibase"][0]["@value"] == document["verificationMethod"][0]["publicKeyMultibase"]
    )
    assert expanded[security + "assertionMethod"] == [{"@id": method["@id"]}]


def test_profile_lists_retired_keys_too(key_app, client):
    with key_app.test_request_context("/"):
        first = keys.active_key()
        second = keys.rotate_key()
    document = client.get("/issuer").get_json(force=True)
    assert [method["id"] for method in document["verificationMethod"]] == [first.id, second.id]
    assert document["assertionMethod"] == [first.id, second.id]


def test_credentials_verify_with_the_keys_the_profile_publishes(key_app, client):
    with key_app.test_request_context("/"):
        badge = proofs.sign(_credential(), keys.active_key(), created=datetime.now(UTC))
    document = client.get("/issuer").get_json(force=True)
    published = {m["id"]: multikey.decode_public(m["publicKeyMultibase"]) for m in document["verificationMethod"]}
    assert proofs.verify(badge, published.get).valid


def test_head_and_caching(key_app, client):
    response = client.get("/issuer")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    head = client.head("/issuer")
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == etag
    assert client.get("/issuer", headers={"If-None-Match": etag}).status_code == 304
    with key_app.test_request_context("/"):
        keys.rotate_key()
    changed = client.get("/issuer", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


@pytest.mark.parametrize("app_config", [{"PUBLIC_URL": "https://journal.example.edu", "CREDENTIAL_ISSUER_NAME": "X"}])
def test_public_url_and_name_come_from_the_settings(key_app, client):
    with key_app.test_request_context("/", base_url="http://forged.example/"):
        key = keys.active_key()
        assert identity.issuer_reference() == {
            "id": "https://journal.example.edu/issuer",
            "type": ["Profile"],
            "name": "X",
        }
    document = client.get("/issuer", headers={"Host": "forged.example"}).get_json(force=True)
    assert document["id"] == "https://journal.example.edu/issuer"
    assert document["url"] == "https://journal.example.edu/"
    assert document["name"] == "X"
    assert document["assertionMethod"] == [key.id]
    assert key.id.startswith("https://journal.example.edu/issuer#z6Mk")


def test_loader_resolves_the_issuer_and_its_keys_within_the_app(key_app, no_network):
    with key_app.test_request_context("/"):
        key = keys.active_key()
        assert loader.document_loader("http://localhost/issuer")["document"] == issuer.profile_document()
        assert loader.document_loader(key.id)["document"]["assertionMethod"] == [key.id]
        with pytest.raises(loader.UnknownDocument):
            loader.document_loader("http://localhost/issuer/other")
    with pytest.raises(loader.UnknownDocument):  # outside an app there is no issuer to ask
        loader.document_loader("http://localhost/issuer")
