"""Verification codes: short, unguessable, easy to read aloud and type.

Twelve characters of Crockford's base32 (no I, L, O or U), in three groups of four:
60 random bits, so codes cannot be guessed or enumerated from the public page.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
LENGTH = 12


def new_code() -> str:
    """A fresh random code such as ``7K4M-Q2XD-9PTB``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalize_code(text: str) -> str | None:
    """The code as stored, from what a person typed (any case, with or without dashes or spaces,
    O for 0 and I or L for 1); None when it cannot be a code."""
    raw = "".join(ch for ch in (text or "").upper() if ch not in " -").translate(_LOOKALIKES)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))
