"""Sending notifications and reading them back as messages.

A notification names objects, not their text. The message is written when it is
shown, and an entry's title only appears to someone who may still read the entry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from journal import access
from journal.extensions import db
from journal.framework_words.display import competency_title
from journal.models import Entry, Membership, Notification, SignOffRequest, User
from journal.models.types import utcnow

PAGE_SIZE = 30
# The roles whose arrival in a cohort its interns are told about: those who read what interns hand over.
NEW_MEMBER_KINDS = {"supervisor": "supervisor_added", "reviewer": "reviewer_added"}


def notify(
    user_ids: Iterable[int],
    kind: str,
    *,
    actor: User,
    cohort_id: int,
    entry_id: int | None = None,
    request_id: int | None = None,
    decision_id: int | None = None,
) -> None:
    """Tell each of ``user_ids`` (except the actor) that ``kind`` happened."""
    for user_id in sorted(set(user_ids) - {actor.id}):
        db.session.add(
            Notification(
                user_id=user_id,
                kind=kind,
                actor_id=actor.id,
                cohort_id=cohort_id,
                entry_id=entry_id,
                request_id=request_id,
                decision_id=decision_id,
            )
        )


def announce_member(member: User, cohort_id: int, role: str) -> None:
    """Tell the cohort's interns that ``member`` now holds ``role`` there, when that role reads what
    interns share or submit (supervisor, reviewer); nothing for another role.

    Called wherever such a membership begins or such a role is given, so that nobody becomes a
    reader of an intern's entries or portfolios without the intern hearing of it.
    """
    kind = NEW_MEMBER_KINDS.get(role)
    if kind is None:
        return
    interns = db.session.scalars(
        select(Membership.user_id).where(Membership.cohort_id == cohort_id, Membership.role == "intern")
    )
    notify(interns, kind, actor=member, cohort_id=cohort_id)


def unread_count(user: User) -> int:
    """How many notifications the user has not read yet."""
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


@dataclass(frozen=True)
class Message:
    id: int
    text: str
    url: str | None
    created_at: datetime
    unread: bool


def _text(note: Notification, title: str | None) -> str:
    """What the notification says, in the reader's language (one message per kind and outcome)."""
    who = note.actor.display_name if note.actor else _("A deleted user")
    if note.kind == "supervisor_added":
        return _(
            "%(who)s is now a supervisor of %(cohort)s: they can read the entries you have shared, "
            "and will share, with supervisors or with the cohort",
            who=who,
            cohort=note.cohort.name,
        )
    if note.kind == "reviewer_added":
        return _(
            "%(who)s is now a university reviewer of %(cohort)s: they receive the portfolios you submit",
            who=who,
            cohort=note.cohort.name,
        )
    if note.kind == "comment":
        if title:
            return _("%(who)s commented on “%(title)s”", who=who, title=title)
        return _("%(who)s commented on an entry you can no longer see", who=who)
    request = note.request
    competency = f"{request.competency.code} {competency_title(request.competency)}"
    if note.kind == "signoff_requested":
        return _(
            "%(who)s asked for sign-off of %(competency)s at level %(level)s",
            who=who,
            competency=competency,
            level=request.level_words,
        )
    if note.decision is None:
        return _("%(who)s changed your request for %(competency)s", who=who, competency=competency)
    if note.decision.outcome == "approved":
        return _("%(who)s approved your sign-off of %(competency)s", who=who, competency=competency)
    if note.decision.outcome == "returned":
        return _("%(who)s returned with feedback your sign-off of %(competency)s", who=who, competency=competency)
    return _("%(who)s revoked your sign-off of %(competency)s", who=who, competency=competency)


def _url(note: Notification, title: str | None) -> str | None:
    if note.kind == "supervisor_added":
        return url_for("entries.journal", cohort_id=note.cohort_id)
    if note.kind == "reviewer_added":
        return url_for("portfolio.index", cohort_id=note.cohort_id)
    if note.kind == "comment":
        return url_for("entries.view", entry_id=note.entry_id, _anchor="comments") if title else None
    return url_for("competencies.signoff", request_id=note.request_id)


def messages_for(user: User, page: int = 1):
    """The user's notifications, newest first: a pagination and its Messages, in a fixed number of queries."""
    stmt = (
        select(Notification)
        .options(
            joinedload(Notification.actor),
            joinedload(Notification.cohort),
            joinedload(Notification.request).joinedload(SignOffRequest.competency),
            joinedload(Notification.decision),
        )
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    pagination = db.paginate(stmt, page=page, per_page=PAGE_SIZE, error_out=False)
    entry_ids = {note.entry_id for note in pagination.items if note.entry_id is not None}
    titles = (
        dict(
            db.session.execute(
                access.visible_entries(user).with_only_columns(Entry.id, Entry.title).where(Entry.id.in_(entry_ids))
            ).all()
        )
        if entry_ids
        else {}
    )
    messages = [_message(note, titles.get(note.entry_id)) for note in pagination.items]
    return pagination, messages


def _message(note: Notification, title: str | None) -> Message:
    return Message(note.id, _text(note, title), _url(note, title), note.created_at, note.read_at is None)


def open_notification(user: User, notification_id: int) -> str | None:
    """Mark one of the user's notifications read and return where it points (None if nowhere)."""
    note = db.session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == user.id)
    )
    if note is None:
        return None
    note.read_at = note.read_at or utcnow()
    title = None
    if note.entry_id is not None:
        title = db.session.scalar(
            access.visible_entries(user).with_only_columns(Entry.title).where(Entry.id == note.entry_id)
        )
    return _url(note, title) or url_for("notifications.index")


def mark_all_read(user: User) -> None:
    """Mark every unread notification of the user read."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
