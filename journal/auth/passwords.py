"""The password rule and hashing, in one place for forms, services and commands.

Length is the rule (NIST SP 800-63B): at least 12 characters and no composition
rules. Hashes are Werkzeug's salted scrypt.
"""

from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 256
HASH_METHOD = "scrypt"

# A hash of a random value, checked against when the email is unknown so that a
# failed login takes as long whether or not the account exists.
_DUMMY_HASH = generate_password_hash("not-a-real-password-1f0c9a", method=HASH_METHOD)


def password_problem(password: str) -> str | None:
    """Return what is wrong with a new password, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(min)d characters. A few unrelated words make a strong password.", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(max)d characters.", max=MAX_LENGTH)
    if not password.strip():
        return _("A password cannot be only spaces.")
    return None


def hash_password(password: str) -> str:
    """Hash a password that has passed ``password_problem``."""
    return generate_password_hash(password, method=HASH_METHOD)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash, spend the same time and return False."""
    if password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
