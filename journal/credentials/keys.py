"""The issuer's Ed25519 signing keys: kept in files outside the database, generated, rotated, retired.

Keys live in the directory ``CREDENTIAL_KEY_DIR`` (default ``instance/credential-keys/`` in development;
a temporary directory of its own for each app in tests), one JSON file per key, readable by the app's
user only (mode 0600). A database backup therefore never carries a private key, and a key can be
backed up or restored on its own. Exactly one key is active (it signs); rotating makes a new active
key and retires the old one, whose public key stays published in the issuer profile so that
everything it signed still verifies.

In production nothing is generated behind anyone's back: without an active key in the directory,
``active_key`` raises ``NoSigningKey`` (issuing refuses, the rest of the app works). In development
and tests the first key is generated on first need. Generation and rotation hold a lock file, so two
processes asking for a first key at the same moment end with one active key.
"""

import atexit
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from flask import current_app

from journal.credentials import identity, multikey

FILE_PREFIX = "key-"
LOCK_NAME = ".lock"


class NoSigningKey(RuntimeError):
    """There is no active signing key, and none may be generated here (production)."""


@dataclass(frozen=True)
class SigningKey:
    """One issuer key. ``id`` is its verification method URL; ``retired_at`` is None while it is active."""

    id: str
    public_key: bytes
    private_key: Ed25519PrivateKey
    created: datetime
    retired_at: datetime | None = None

    @property
    def public_key_multibase(self) -> str:
        """The public key as ``publicKeyMultibase`` (``z6Mk…``)."""
        return multikey.encode_public(self.public_key)


def _stamp(moment: datetime) -> str:
    # Microseconds kept: keys made within one second still sort in the order they were made.
    return moment.astimezone(UTC).isoformat()


def _parse_stamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


# -- where the keys are --


def key_directory() -> Path | None:
    """The key directory of the current app, or None where none is configured (production without
    ``CREDENTIAL_KEY_DIR``). In tests, an app without one gets a temporary directory on first need."""
    config = current_app.config
    if config.get("CREDENTIAL_KEY_DIR"):
        return Path(config["CREDENTIAL_KEY_DIR"])
    if config.get("APP_ENV") == "development":
        return Path(current_app.instance_path) / "credential-keys"
    if config.get("TESTING"):
        folder = tempfile.mkdtemp(prefix="credential-keys-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        config["CREDENTIAL_KEY_DIR"] = folder
        return Path(folder)
    return None


def may_generate() -> bool:
    """Whether a missing key may be generated on first need: in development and tests only."""
    return current_app.config.get("APP_ENV") == "development" or bool(current_app.config.get("TESTING"))


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold the directory's lock file (other processes wait) while keys are created or retired."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


# -- reading and writing key files --


def _read(path: Path) -> SigningKey:
    data = json.loads(path.read_text(encoding="utf-8"))
    seed = multikey.decode_private(data["secretKeyMultibase"])
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    if multikey.encode_public(public_key) != data["publicKeyMultibase"]:
        raise ValueError(f"The key file {path.name} holds a public key that does not match its private key.")
    return SigningKey(
        id=identity.verification_method_id(data["publicKeyMultibase"]),
        public_key=public_key,
        private_key=private_key,
        created=_parse_stamp(data["created"]),
        retired_at=_parse_stamp(data.get("retired")),
    )


def _record(key: SigningKey) -> dict:
    seed = key.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return {
        "type": "Multikey",
        "publicKeyMultibase": key.public_key_multibase,
        "secretKeyMultibase": multikey.encode_private(seed),
        "created": _stamp(key.created),
        "retired": None if key.retired_at is None else _stamp(key.retired_at),
    }


def _path(directory: Path, key: SigningKey) -> Path:
    return directory / f"{FILE_PREFIX}{key.public_key_multibase}.json"


def _write_new(directory: Path, key: SigningKey) -> None:
    """Create the key's file, readable and writable by its owner only; never overwrite one."""
    descriptor = os.open(_path(directory, key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(_record(key), file, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())


def _rewrite(directory: Path, key: SigningKey) -> None:
    """Replace the key's file at once (a new 0600 file renamed over the old), so no reader sees half."""
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(_record(key), file, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, _path(directory, key))


def _load_all(directory: Path | None) -> list[SigningKey]:
    """Every key in ``directory``, oldest first."""
    if directory is None or not directory.is_dir():
        return []
    return sorted((_read(path) for path in directory.glob(f"{FILE_PREFIX}*.json")), key=lambda key: key.created)


def _new_key() -> SigningKey:
    private_key = Ed25519PrivateKey.generate()
    public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(
        id=identity.verification_method_id(multikey.encode_public(public_key)),
        public_key=public_key,
        private_key=private_key,
        created=datetime.now(UTC),
    )


def _active(keys: list[SigningKey]) -> SigningKey | None:
    """The newest key not retired, if any."""
    live = [key for key in keys if key.retired_at is None]
    return live[-1] if live else None


# -- the API --


def all_keys() -> list[SigningKey]:
    """Every key of the issuer, active and retired, oldest first (none where no directory is set)."""
    return _load_all(key_directory())


def public_keys() -> dict[str, bytes]:
    """The raw public key of every key, active and retired, by verification method id."""
    return {key.id: key.public_key for key in all_keys()}


def active_key() -> SigningKey:
    """The key that signs now. In development and tests one is generated on first need.

    Raises ``NoSigningKey`` (with what to do, in plain words) where there is none and none may be made.
    """
    directory = key_directory()
    key = _active(_load_all(directory))
    if key is not None:
        return key
    if directory is None or not may_generate():
        raise NoSigningKey(
            "Credentials cannot be issued: there is no active signing key. Set CREDENTIAL_KEY_DIR to a "
            "directory outside the database and run `flask --app app credentials generate-key`."
        )
    return generate_key(if_none=True)


def generate_key(*, if_none: bool = False) -> SigningKey:
    """Create the first active key and return it.

    With ``if_none``, an existing active key is returned instead (whoever got the lock first made it).
    Without, an existing active key raises ``ValueError`` (rotate instead). Raises ``NoSigningKey`` when
    no key directory is configured."""
    directory = _required_directory()
    with _locked(directory):
        existing = _active(_load_all(directory))
        if existing is not None:
            if if_none:
                return existing
            raise ValueError("There is already an active signing key; rotate it instead.")
        key = _new_key()
        _write_new(directory, key)
        return key


def rotate_key() -> SigningKey:
    """Make a new active key and retire every other; return the new one. Retired keys stay in the
    directory (their public keys stay published), so what they signed still verifies."""
    directory = _required_directory()
    with _locked(directory):
        now = datetime.now(UTC)
        previous = [key for key in _load_all(directory) if key.retired_at is None]
        key = _new_key()
        _write_new(directory, key)
        for old in previous:
            _rewrite(directory, SigningKey(old.id, old.public_key, old.private_key, old.created, now))
        return key


def _required_directory() -> Path:
    directory = key_directory()
    if directory is None:
        raise NoSigningKey("CREDENTIAL_KEY_DIR is not set: say which directory (outside the database) holds the keys.")
    return directory
