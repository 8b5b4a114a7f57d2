"""The issuer's signing keys: files of mode 0600 outside the database, generated, rotated and retired;
production refuses to issue without one, development makes one on first need, and two processes asking
for a first key at once end with one."""

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from journal import create_app
from journal.credentials import keys, multikey, proofs
from journal.credentials.loader import OB_V3P0, VC_V2
from journal.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _credential() -> dict:
    return {
        "@context": [VC_V2, OB_V3P0],
        "id": "urn:uuid:2c1a3a8e-3f0b-4c55-9a53-55c1d1c7e001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "http://localhost/issuer", "type": ["Profile"], "name": "Intern Journal"},
        "validFrom": "2026-03-01T10:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:2c1a3a8e-3f0b-4c55-9a53-55c1d1c7e002",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works in a team.",
                "criteria": {"narrative": "Level 3."},
            },
        },
    }


def _key_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("key-*.json"))


@pytest.fixture
def key_app(app, tmp_path):
    app.config["CREDENTIAL_KEY_DIR"] = str(tmp_path / "keys")
    return app


def _production_app(monkeypatch, tmp_path, **config):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "production-test-secret")
    monkeypatch.setenv("PUBLIC_URL", "https://journal.example.edu")
    monkeypatch.delenv("CREDENTIAL_KEY_DIR", raising=False)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'production.db'}", **config})


def test_first_key_is_generated_on_first_need_in_tests(key_app, tmp_path):
    with key_app.test_request_context("/"):
        key = keys.active_key()
        again = keys.active_key()
    assert key.id == again.id == f"http://localhost/issuer#{multikey.encode_public(key.public_key)}"
    assert key.retired_at is None
    [path] = _key_files(tmp_path / "keys")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    record = json.loads(path.read_text())
    assert record["publicKeyMultibase"] == multikey.encode_public(key.public_key)
    assert multikey.decode_private(record["secretKeyMultibase"]) == key.private_key.private_bytes_raw()


def test_keys_never_reach_the_database(key_app):
    with key_app.test_request_context("/"):
        key = keys.active_key()
        secret = multikey.encode_private(key.private_key.private_bytes_raw())
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                assert secret not in repr(row) and key.public_key_multibase not in repr(row)


def test_development_generates_into_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.delenv("CREDENTIAL_KEY_DIR", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.db'}", "SECRET_KEY": "dev"})
    app.instance_path = str(tmp_path / "instance")
    with app.test_request_context("/"):
        key = keys.active_key()
    assert [path.name for path in _key_files(tmp_path / "instance" / "credential-keys")] == [
        f"key-{key.public_key_multibase}.json"
    ]


def test_production_without_a_key_refuses_to_issue_in_plain_words(monkeypatch, tmp_path):
    app = _production_app(monkeypatch, tmp_path)
    with app.test_request_context("/"):
        with pytest.raises(keys.NoSigningKey, match="generate-key"):
            keys.active_key()
        assert keys.public_keys() == {}
    # The rest of the app works, the issuer profile included (with no key in it).
    response = app.test_client().get("/issuer")
    assert response.status_code == 200
    assert response.get_json(force=True)["verificationMethod"] == []
    result = app.test_cli_runner().invoke(args=["credentials", "generate-key"])
    assert result.exit_code != 0 and "CREDENTIAL_KEY_DIR" in result.output


def test_production_with_an_empty_key_directory_refuses_until_a_key_is_generated(monkeypatch, tmp_path):
    app = _production_app(monkeypatch, tmp_path, CREDENTIAL_KEY_DIR=str(tmp_path / "keys"))
    with app.test_request_context("/"):
        with pytest.raises(keys.NoSigningKey):
            keys.active_key()
    assert not _key_files(tmp_path / "keys")
    result = app.test_cli_runner().invoke(args=["credentials", "generate-key"])
    assert result.exit_code == 0, result.output
    with app.test_request_context("/"):
        key = keys.active_key()
    assert key.id.startswith("https://journal.example.edu/issuer#z6Mk")
    assert key.id in result.output
    again = app.test_cli_runner().invoke(args=["credentials", "generate-key"])
    assert again.exit_code != 0 and "rotate" in again.output
    assert len(_key_files(tmp_path / "keys")) == 1


def test_rotation_retires_the_old_key_which_still_verifies(key_app, tmp_path):
    with key_app.test_request_context("/"):
        first = keys.active_key()
        old_badge = proofs.sign(_credential(), first, created=datetime.now(UTC))
    result = key_app.test_cli_runner().invoke(args=["credentials", "rotate-key"])
    assert result.exit_code == 0, result.output
    with key_app.test_request_context("/"):
        second = keys.active_key()
        assert second.id != first.id
        retired = {key.id: key.retired_at for key in keys.all_keys()}
        published = keys.public_keys()
        new_badge = proofs.sign(_credential(), second, created=datetime.now(UTC))
    assert retired[first.id] is not None and retired[second.id] is None
    assert set(published) == {first.id, second.id}
    assert proofs.verify(old_badge, published.get).valid
    assert new_badge["proof"][0]["verificationMethod"] == second.id
    assert proofs.verify(new_badge, published.get).valid
    # Without the retired key published, the old badge no longer verifies: the retired key is what makes it valid.
    assert proofs.verify(old_badge, {second.id: second.public_key}.get).reason == "unknown_key"
    for path in _key_files(tmp_path / "keys"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_list_keys_shows_public_parts_only(key_app):
    runner = key_app.test_cli_runner()
    assert "No signing keys" in runner.invoke(args=["credentials", "list-keys"]).output
    runner.invoke(args=["credentials", "generate-key"])
    runner.invoke(args=["credentials", "rotate-key"])
    with key_app.test_request_context("/"):
        found = keys.all_keys()
    output = runner.invoke(args=["credentials", "list-keys"]).output
    assert output.count("retired") == 1 and output.count("active") == 1
    for key in found:
        assert key.public_key_multibase in output
        assert multikey.encode_private(key.private_key.private_bytes_raw()) not in output


def test_a_key_file_whose_halves_disagree_is_refused(key_app, tmp_path):
    with key_app.test_request_context("/"):
        key = keys.active_key()
    [path] = _key_files(tmp_path / "keys")
    record = json.loads(path.read_text())
    record["secretKeyMultibase"] = multikey.encode_private(os.urandom(32))
    path.write_text(json.dumps(record))
    with key_app.test_request_context("/"), pytest.raises(ValueError, match="does not match"):
        keys.active_key()
    assert key.public_key_multibase in path.name


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from journal import create_app
    from journal.credentials import keys

    folder, go = sys.argv[1], Path(sys.argv[2])
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "CREDENTIAL_KEY_DIR": folder})
    while not go.exists():
        time.sleep(0.001)
    with app.test_request_context("/"):
        print(keys.active_key().id)
    """
)


def test_two_processes_asking_for_a_first_key_at_once_end_with_one(tmp_path):
    folder, go = tmp_path / "keys", tmp_path / "go"
    children = [
        subprocess.Popen(  # noqa: S603 (this interpreter, a fixed script)
            [sys.executable, "-c", CHILD, str(folder), str(go)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    time.sleep(1.5)  # let them start; they wait for ``go`` before asking
    go.touch()
    answers = {child.communicate(timeout=60)[0].strip() for child in children}
    assert all(child.returncode == 0 for child in children)
    assert len(answers) == 1
    assert len(_key_files(folder)) == 1


def test_a_retired_key_never_signs_again(key_app):
    with key_app.test_request_context("/"):
        first = keys.active_key()
        keys.rotate_key()
        [retired] = [key for key in keys.all_keys() if key.id == first.id]
    assert retired.retired_at is not None
    with pytest.raises(ValueError, match="retired"):
        proofs.sign(_credential(), retired, created=datetime.now(UTC))
