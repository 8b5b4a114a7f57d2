"""Ed25519 keys written as Multikey strings: ``z`` + base58btc of a multicodec prefix and the key bytes.

- public key: prefix ``0xed 0x01`` (ed25519-pub) + 32 bytes, which gives the familiar ``z6Mk…``;
- private key: prefix ``0x80 0x26`` (ed25519-priv) + the 32-byte seed, which gives ``z3u2…``.

These are the forms of the W3C test vectors (``keyPair.json``), of ``publicKeyMultibase`` in the issuer
profile, and of the key files kept by ``keys.py``.
"""

import base58

PUBLIC_PREFIX = b"\xed\x01"
PRIVATE_PREFIX = b"\x80\x26"
KEY_LENGTH = 32


def encode_base58btc(data: bytes) -> str:
    """``data`` as multibase base58btc (``z`` + base58, Bitcoin alphabet)."""
    return "z" + base58.b58encode(data).decode("ascii")


def decode_base58btc(value: str) -> bytes:
    """The bytes of a multibase base58btc string. Raises ValueError if it is not one."""
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise ValueError("not a base58btc multibase value (it must start with 'z')")
    try:
        return base58.b58decode(value[1:].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("not a base58btc multibase value") from error


def _decode(value: str, prefix: bytes, what: str) -> bytes:
    data = decode_base58btc(value)
    if not data.startswith(prefix) or len(data) != len(prefix) + KEY_LENGTH:
        raise ValueError(f"not a Multikey Ed25519 {what} key")
    return data[len(prefix) :]


def encode_public(public_key: bytes) -> str:
    """The ``publicKeyMultibase`` of a raw 32-byte Ed25519 public key."""
    if len(public_key) != KEY_LENGTH:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return encode_base58btc(PUBLIC_PREFIX + public_key)


def decode_public(value: str) -> bytes:
    """The raw 32-byte Ed25519 public key of a ``publicKeyMultibase``. Raises ValueError otherwise."""
    return _decode(value, PUBLIC_PREFIX, "public")


def encode_private(seed: bytes) -> str:
    """The ``secretKeyMultibase`` of a 32-byte Ed25519 seed (the private key's raw bytes)."""
    if len(seed) != KEY_LENGTH:
        raise ValueError("an Ed25519 private key has 32 bytes")
    return encode_base58btc(PRIVATE_PREFIX + seed)


def decode_private(value: str) -> bytes:
    """The 32-byte Ed25519 seed of a ``secretKeyMultibase``. Raises ValueError otherwise."""
    return _decode(value, PRIVATE_PREFIX, "private")
