"""Writing the audit log. Services call ``record`` in the same transaction as the act itself,
so an action and its record are committed, or lost, together."""

from journal.extensions import db
from journal.models import AUDIT_ACTIONS, AuditEvent


def record(actor_id: int | None, action: str, obj, cohort_id: int | None, **details) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj`` (a model instance with an ``id``).

    ``details`` must hold identifiers, levels and states only, never anything a person wrote.
    Raises ValueError for an action the log does not know.
    """
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.session.flush()
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        object_type=obj.__class__.__name__.lower(),  # __class__ sees through current_user's proxy
        object_id=obj.id,
        cohort_id=cohort_id,
        details=details,
    )
    db.session.add(event)
    return event
