"""Failed logins counted per account, whatever address they come from, in the audit log.

The per-address limits (Flask-Limiter, in the login view) stop one client guessing
fast; this stops many clients guessing one person's password slowly. Counting the
audit log's own rows keeps one record of the truth across every worker and machine.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from journal import audit
from journal.extensions import db
from journal.models import AuditEvent, User
from journal.models.types import utcnow

WINDOW = timedelta(hours=1)

LOCKED_MESSAGE = (
    "This account is locked after too many failed attempts to log in. "
    "Try again in an hour. If it was not you, change your password once you are in."
)


def recent_failures(user: User) -> int:
    """Failed logins against ``user`` in the last hour."""
    return db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.object_type == "user",
            AuditEvent.object_id == user.id,
            AuditEvent.action == "login.failed",
            AuditEvent.created_at > utcnow() - WINDOW,
        )
    )


def is_locked(user: User) -> bool:
    """Whether the account has reached the hour's limit of failures."""
    return recent_failures(user) >= current_app.config["ACCOUNT_FAILURE_LIMIT"]


def record_failure(user: User, stage: str) -> None:
    """Audit one failed attempt (``stage``: password, code, confirm, password_change);
    the one that reaches the limit also records the lockout (flushes)."""
    audit.record(None, "login.failed", user, None, stage=stage)
    db.session.flush()
    if recent_failures(user) == current_app.config["ACCOUNT_FAILURE_LIMIT"]:
        audit.record(None, "login.locked", user, None)


def record_success(user: User, *, two_factor: bool) -> None:
    """Audit a completed login."""
    audit.record(user.id, "login.succeeded", user, None, two_factor=two_factor)
