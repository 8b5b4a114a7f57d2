"""What an intern's home page shows beyond the placement: comments they have not read yet, their sign-off
requests waiting and lately decided, and entries they began but have not saved.

Only the intern's own: their notifications, their requests, their drafts. Each list is bounded
(``SHOWN`` rows, with how many more there are) and read in one query, however much there is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from journal import access
from journal.entries.drafts import draft_key
from journal.extensions import db
from journal.models import Decision, Draft, Entry, Notification, SignOffRequest, User
from journal.models.entries import KINDS
from journal.models.types import utcnow

SHOWN = 5  # rows each list shows
RECENT_DAYS = 30  # how long a decision stays on the home page


@dataclass(frozen=True)
class NewComment:
    """A comment the intern has not read yet on one of their entries: who wrote it, on which entry, when.

    ``notification_id`` opens it (and marks it read); ``who`` is None for a deleted user."""

    notification_id: int
    who: str | None
    entry_title: str
    created_at: datetime


@dataclass(frozen=True)
class Listed:
    """The first ``SHOWN`` of a list, and how many it holds in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        """How many are not shown."""
        return self.total - len(self.items)


@dataclass(frozen=True)
class UnsavedDraft:
    """An entry begun and not saved yet: its kind, the title typed so far (maybe empty), when it was kept."""

    kind: str
    title: str
    updated_at: datetime


def new_comments(intern: User, cohort_id: int) -> Listed:
    """Unread comments on the intern's own live entries in the cohort, newest first (one query)."""
    rows = db.session.execute(
        select(Notification, Entry.title, func.count().over())
        .join(Entry, Entry.id == Notification.entry_id)
        .options(joinedload(Notification.actor))
        .where(
            Notification.user_id == intern.id,
            Notification.kind == "comment",
            Notification.read_at.is_(None),
            access.live_entries_of(intern.id, cohort_id),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(SHOWN)
    ).all()
    items = [
        NewComment(note.id, note.actor.display_name if note.actor else None, title, note.created_at)
        for note, title, _ in rows
    ]
    return Listed(items, rows[0][2] if rows else 0)


def pending_signoffs(intern: User, cohort_id: int) -> Listed:
    """The intern's sign-off requests in the cohort still waiting for a decision, newest first (one query)."""
    rows = db.session.execute(
        select(SignOffRequest, func.count().over())
        .options(joinedload(SignOffRequest.competency))
        .where(
            SignOffRequest.intern_id == intern.id,
            SignOffRequest.cohort_id == cohort_id,
            SignOffRequest.status == "pending",
        )
        .order_by(SignOffRequest.created_at.desc(), SignOffRequest.id.desc())
        .limit(SHOWN)
    ).all()
    return Listed([request for request, _ in rows], rows[0][1] if rows else 0)


def recent_decisions(intern: User, cohort_id: int, now: datetime | None = None) -> Listed:
    """Decisions on the intern's requests in the cohort in the last ``RECENT_DAYS`` days (approved at a
    level, returned with feedback, revoked), newest first, with their request and competency (one query)."""
    since = (now or utcnow()) - timedelta(days=RECENT_DAYS)
    rows = db.session.execute(
        select(Decision, func.count().over())
        .join(Decision.request)
        .options(
            contains_eager(Decision.request).joinedload(SignOffRequest.competency),
            joinedload(Decision.decided_by),
        )
        .where(
            SignOffRequest.intern_id == intern.id,
            SignOffRequest.cohort_id == cohort_id,
            Decision.created_at >= since,
        )
        .order_by(Decision.created_at.desc(), Decision.id.desc())
        .limit(SHOWN)
    ).all()
    return Listed([decision for decision, _ in rows], rows[0][1] if rows else 0)


def unsaved_drafts(intern: User, cohort_id: int) -> list[UnsavedDraft]:
    """The new entries the intern began in the cohort and has not saved (at most one per kind: a form keeps
    one draft), most recently typed first. Drafts of edits to saved entries are not among them (one query)."""
    keys = {draft_key(cohort_id, kind): kind for kind in KINDS}
    drafts = db.session.scalars(
        select(Draft)
        .where(Draft.user_id == intern.id, Draft.entry_id.is_(None), Draft.key.in_(keys))
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
    ).all()
    return [UnsavedDraft(keys[draft.key], _title(draft), draft.updated_at) for draft in drafts]


def _title(draft: Draft) -> str:
    """The title typed so far, if the draft holds one as text."""
    title = draft.content.get("title") if isinstance(draft.content, dict) else None
    return title.strip() if isinstance(title, str) else ""


def intern_home(intern: User, cohort_id: int) -> dict:
    """Everything the intern's home page adds to what every home shows."""
    return {
        "new_comments": new_comments(intern, cohort_id),
        "pending_signoffs": pending_signoffs(intern, cohort_id),
        "recent_decisions": recent_decisions(intern, cohort_id),
        "unsaved_drafts": unsaved_drafts(intern, cohort_id),
        "recent_days": RECENT_DAYS,
    }
