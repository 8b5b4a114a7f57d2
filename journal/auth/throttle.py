"""Failed logins counted per account, whatever address they come from, in the audit log.

The per-address limits (Flask-Limiter, in the login view) stop one client guessing
fast; this stops many clients guessing one person's password slowly. Counting the
audit log's own rows keeps one record of the truth across every worker and machine.

Guesses sent at the same moment from many addresses would all pass a count taken before
any of them is recorded. So a guess is judged in two steps: ``is_locked`` refuses early
(no hashing cost once locked), and ``settle``, after the password or code was checked,
takes the account's row lock, counts again and records: the guesses of one account are
counted one after the other, and none is answered past the limit, right or wrong.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update

from journal import audit
from journal.extensions import db
from journal.models import AuditEvent, User
from journal.models.types import utcnow

WINDOW = timedelta(hours=1)

# Lazy: shown in the language of the request that is refused.
LOCKED_MESSAGE = _l(
    "This account is locked after too many failed attempts to log in. "
    "Try again in an hour. If it was not you, change your password once you are in."
)


def _user_events(user: User, action: str):
    return (
        AuditEvent.object_type == "user",
        AuditEvent.object_id == user.id,
        AuditEvent.action == action,
    )


def recent_failures(user: User) -> int:
    """Failed logins against ``user`` in the last hour. Failed passwords from before the password was last
    reset by email do not count (they were guesses at a password that no longer exists, so a reset lifts
    that lockout); failed two-factor codes always count, so that resetting the password by email never
    buys more guesses at the code."""
    since = utcnow() - WINDOW
    reset_at = db.session.scalar(select(func.max(AuditEvent.created_at)).where(*_user_events(user, "password.reset")))
    failed = select(func.count()).select_from(AuditEvent).where(*_user_events(user, "login.failed"))
    if reset_at is None or reset_at <= since:
        return db.session.scalar(failed.where(AuditEvent.created_at > since))
    before_reset = AuditEvent.created_at <= reset_at
    code_guess = AuditEvent.details["stage"].as_string() == "code"
    return db.session.scalar(failed.where(AuditEvent.created_at > since, or_(~before_reset, code_guess)))


def is_locked(user: User) -> bool:
    """Whether the account has reached the hour's limit of failures."""
    return recent_failures(user) >= current_app.config["ACCOUNT_FAILURE_LIMIT"]


def _lock_account_row(user: User) -> None:
    """Hold ``user``'s row until the request commits: a row lock on PostgreSQL, the write lock
    (``BEGIN IMMEDIATE``, journal.database) on SQLite; attempts on the account queue behind it."""
    db.session.execute(update(User).where(User.id == user.id).values(id=User.id))


def settle(user: User, *, ok: bool, stage: str) -> bool:
    """Count an attempt whose password or code was just checked (``ok``): False when the account
    reached its limit meanwhile (the attempt must be refused as locked, even if right), else True,
    after recording it if it failed. Flushes; the caller commits."""
    _lock_account_row(user)
    if is_locked(user):
        return False
    if not ok:
        record_failure(user, stage)
    return True


def record_failure(user: User, stage: str) -> None:
    """Audit one failed attempt (``stage``: password, code, confirm, password_change); the one
    that reaches the limit also records the lockout (flushes). Call it through ``settle``."""
    audit.record(None, "login.failed", user, None, stage=stage)
    db.session.flush()
    if recent_failures(user) == current_app.config["ACCOUNT_FAILURE_LIMIT"]:
        audit.record(None, "login.locked", user, None)


def record_success(user: User, *, two_factor: bool) -> None:
    """Audit a completed login."""
    audit.record(user.id, "login.succeeded", user, None, two_factor=two_factor)
