"""Sending notifications and reading them back as messages.

A notification names objects, not their text. The message is written when it is
shown, and an entry's title only appears to someone who may still read the entry.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import aliased, joinedload

from journal import access
from journal.extensions import db
from journal.framework_words.display import competency_title
from journal.models import Entry, Membership, Notification, SignOffRequest, Submission, User
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
    submission_id: int | None = None,
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
                submission_id=submission_id,
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


def _member_ids(cohort_id: int, role: str):
    return select(Membership.user_id).where(Membership.cohort_id == cohort_id, Membership.role == role)


def announce_shared_entry(entry: Entry, previous: str) -> None:
    """Tell the cohort's supervisors that ``entry``, ``previous``-ly private, is now shared with them.

    Each supervisor hears of an entry once: widening it from supervisors to the cohort, or sharing it
    again after making it private for a while, tells nobody who was told before (a supervisor who
    joined since is told). Editing a shared entry tells nobody.
    """
    if previous != "private" or entry.visibility == "private":
        return
    told = select(Notification.user_id).where(Notification.entry_id == entry.id, Notification.kind == "entry_shared")
    supervisors = db.session.scalars(_member_ids(entry.cohort_id, "supervisor").where(Membership.user_id.not_in(told)))
    notify(supervisors, "entry_shared", actor=entry.author, cohort_id=entry.cohort_id, entry_id=entry.id)


def announce_submission(submission: Submission, intern: User) -> None:
    """Tell the cohort's reviewers that ``intern`` submitted ``submission`` (a first one or a new version)."""
    reviewers = db.session.scalars(_member_ids(submission.cohort_id, "reviewer"))
    notify(reviewers, "portfolio_submitted", actor=intern, cohort_id=submission.cohort_id, submission_id=submission.id)


def replacing(submission_ids: Iterable[int]) -> set[int]:
    """Those of the submissions that replace an earlier one of the same intern in the same cohort."""
    ids = set(submission_ids)
    if not ids:
        return set()
    earlier = aliased(Submission)
    replaces = exists().where(
        earlier.intern_id == Submission.intern_id, earlier.cohort_id == Submission.cohort_id, earlier.id < Submission.id
    )
    return set(db.session.scalars(select(Submission.id).where(Submission.id.in_(ids), replaces)))


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


@dataclass(frozen=True)
class Seen:
    """What the reader may know of the objects a notification names: the entry's title (None when they
    may no longer read the entry), whether they may open the submission, and whether it replaced one."""

    title: str | None = None
    submission_open: bool = False
    replacing: bool = False


def _text(note: Notification, seen: Seen) -> str:
    """What the notification says, in the reader's language (one message per kind and outcome)."""
    title = seen.title
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
    if note.kind == "entry_shared":
        if title:
            return _("%(who)s shared “%(title)s” with you", who=who, title=title)
        return _("%(who)s shared an entry that you can no longer see", who=who)
    if note.kind == "portfolio_submitted":
        if seen.replacing:
            return _(
                "%(who)s submitted a new version of their portfolio in %(cohort)s; it replaces the earlier one",
                who=who,
                cohort=note.cohort.name,
            )
        return _("%(who)s submitted their portfolio in %(cohort)s", who=who, cohort=note.cohort.name)
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
        return _(
            "%(who)s approved your sign-off request for %(competency)s at level %(level)s",
            who=who,
            competency=competency,
            level=note.decision.level_words or request.level_words,
        )
    if note.decision.outcome == "returned":
        return _(
            "%(who)s returned your sign-off request for %(competency)s with feedback", who=who, competency=competency
        )
    return _("%(who)s revoked your sign-off of %(competency)s", who=who, competency=competency)


def _url(note: Notification, seen: Seen) -> str | None:
    if note.kind == "supervisor_added":
        return url_for("entries.journal", cohort_id=note.cohort_id)
    if note.kind == "reviewer_added":
        return url_for("portfolio.index", cohort_id=note.cohort_id)
    if note.kind == "comment":
        return url_for("entries.view", entry_id=note.entry_id, _anchor="comments") if seen.title else None
    if note.kind == "entry_shared":
        return url_for("entries.view", entry_id=note.entry_id) if seen.title else None
    if note.kind == "portfolio_submitted":
        return url_for("portfolio.submission", submission_id=note.submission_id) if seen.submission_open else None
    return url_for("competencies.signoff", request_id=note.request_id)


def _titles(user: User, entry_ids: set[int]) -> dict[int, str]:
    """The titles of those of the entries the user may read, by entry id (one query)."""
    if not entry_ids:
        return {}
    readable = access.visible_entries(user).with_only_columns(Entry.id, Entry.title).where(Entry.id.in_(entry_ids))
    return dict(db.session.execute(readable).all())


def _submissions_open(user: User, notes: list[Notification]) -> set[int]:
    """The ids of the submissions named in ``notes`` that the user may open (one check per cohort)."""
    cohorts = {note.cohort_id: note.cohort for note in notes if note.submission_id is not None}
    readable = {cohort_id for cohort_id, cohort in cohorts.items() if access.can(user, "view_submissions", cohort)}
    return {note.submission_id for note in notes if note.submission_id is not None and note.cohort_id in readable}


def seen_by(user: User, notes: list[Notification]) -> dict[int, Seen]:
    """What ``user`` may know of what each of their notifications names, by notification id, in a number
    of queries that does not grow with the notifications (the submissions' cohorts aside)."""
    titles = _titles(user, {note.entry_id for note in notes if note.entry_id is not None})
    submissions_open = _submissions_open(user, notes)
    replaced = replacing(note.submission_id for note in notes if note.submission_id is not None)
    return {
        note.id: Seen(
            titles.get(note.entry_id),
            note.submission_id in submissions_open,
            note.submission_id in replaced,
        )
        for note in notes
    }


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
    seen = seen_by(user, pagination.items)
    messages = [_message(note, seen[note.id]) for note in pagination.items]
    return pagination, messages


def _message(note: Notification, seen: Seen) -> Message:
    return Message(note.id, _text(note, seen), _url(note, seen), note.created_at, note.read_at is None)


def open_notification(user: User, notification_id: int) -> str | None:
    """Mark one of the user's notifications read and return where it points (None if nowhere)."""
    note = db.session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == user.id)
    )
    if note is None:
        return None
    note.read_at = note.read_at or utcnow()
    return _url(note, seen_by(user, [note])[note.id]) or url_for("notifications.index")


def mark_all_read(user: User) -> None:
    """Mark every unread notification of the user read."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
