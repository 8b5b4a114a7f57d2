"""The daily upkeep (a scheduled job, ``journal.schedule``): what the app promises to forget, forgotten.

- entries in the trash for ``TRASH_DAYS`` days are deleted for good, with their revisions, tags,
  comments, evidence and search-index rows (the trash page promises they can be restored until then);
- drafts nobody has touched for ``DRAFT_DAYS`` days are deleted;
- password-reset links a day past their hour, sent emails after ``EMAIL_DAYS`` and the scheduler's own
  run log after ``RUN_LOG_DAYS`` are deleted.

Every step is idempotent (it deletes what it finds), so two runs at once, or a run after one killed halfway,
do no harm. What each run did is kept, as counts, on its ``ScheduledRun`` row.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from journal.entries import purge
from journal.entries.services import TRASH_DAYS
from journal.extensions import db
from journal.models import Draft, Entry, OutgoingEmail, PasswordResetToken, ScheduledRun

DRAFT_DAYS = 60
EMAIL_DAYS = 90
RUN_LOG_DAYS = 30


def _delete(statement) -> int:
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def run_upkeep(now: datetime) -> dict[str, int]:
    """Delete what has outlived its promise; returns how many of each went. Flushes, never commits."""
    trashed = select(Entry.id).where(
        Entry.deleted_at.is_not(None), Entry.deleted_at <= now - timedelta(days=TRASH_DAYS)
    )
    counts = {"entries_purged": purge.remove_entries(trashed)}
    counts["drafts_deleted"] = _delete(delete(Draft).where(Draft.updated_at <= now - timedelta(days=DRAFT_DAYS)))
    counts["reset_links_deleted"] = _delete(
        delete(PasswordResetToken).where(PasswordResetToken.expires_at <= now - timedelta(days=1))
    )
    counts["emails_deleted"] = _delete(
        delete(OutgoingEmail).where(
            OutgoingEmail.status.in_(("sent", "failed", "skipped")),
            OutgoingEmail.created_at <= now - timedelta(days=EMAIL_DAYS),
        )
    )
    counts["runs_deleted"] = _delete(
        delete(ScheduledRun).where(ScheduledRun.started_at <= now - timedelta(days=RUN_LOG_DAYS))
    )
    return counts
