"""Emails that repeat an in-app notification, for those that cannot wait for a digest: a comment on an
intern's entry, a decision on an intern's sign-off, a portfolio submitted to a reviewer.

The scheduler looks at each notification once: it claims it by setting ``emailed_at`` (compare-and-set,
so of two schedulers at once one does it), writes the email if the person wants that kind, and leaves
the other kinds (sharing, sign-off requests, new members: the supervisors' digest tells those) at that.
A notification older than ``STALE_AFTER`` is marked looked at without an email.
An email says what happened, who did it and when (in the recipient's time zone and language), names an
entry by its title only when the recipient may read the entry (``journal.access``), and links to the page:
never an entry's text, a comment's or a decision's note.
"""

import logging
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from journal import access, i18n
from journal.emails.outbox import queue_email
from journal.extensions import db
from journal.framework_words.display import competency_title
from journal.links import public_url_for
from journal.models import Entry, Notification, OutgoingEmail, SignOffRequest, Submission, User
from journal.models.competencies import level_words
from journal.notifications.services import replacing

log = logging.getLogger(__name__)

BATCH = 200  # notifications looked at per run, oldest first; the next run takes the rest
# A notification older than this is marked looked at and not emailed. The scheduler's first run (or its
# first after a mail server is set up, or after a long stop) finds every notification ever made unlooked
# at: news of a sign-off returned weeks ago, which the person has long seen in the app, is noise. Two days
# still covers a scheduler that was down for a day.
STALE_AFTER = timedelta(days=2)


def dedupe_key(note: Notification) -> str:
    """The outbox's key for the email about ``note``: one email per notification, however often looked at."""
    return f"notification:{note.id}"


def _claim(note_id: int, now: datetime) -> bool:
    """Mark the notification looked at, unless another scheduler has; True for the one that did."""
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == note_id, Notification.emailed_at.is_(None))
        .values(emailed_at=now)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def _pass_over_stale(now: datetime) -> int:
    """Mark every unlooked-at notification older than ``STALE_AFTER`` looked at, writing no email; flushes.
    Returns how many."""
    passed = db.session.execute(
        update(Notification)
        .where(Notification.emailed_at.is_(None), Notification.created_at < now - STALE_AFTER)
        .values(emailed_at=now)
        .execution_options(synchronize_session=False)
    )
    return passed.rowcount


def _later(function, *args) -> LazyString:
    """``function(*args)`` worked out when the email is written, in the recipient's language."""
    return LazyString(function, *args)


def _common(note: Notification, recipient: User) -> dict:
    """What every notice says: who did it (in the recipient's language if their account is gone), and
    when, in the recipient's time zone, which is named (an email is read away from the app's pages)."""
    return {
        "who": note.actor.display_name if note.actor else _l("Someone whose account was deleted"),
        "when": _later(i18n.format_moment, note.created_at, recipient.timezone),
        "cohort": note.cohort.name if note.cohort else "",
    }


def _comment(note: Notification, recipient: User) -> OutgoingEmail | None:
    """To the entry's author: someone commented on it. (The others in a conversation hear of replies in
    the app, and supervisors in their digest.)"""
    entry = db.session.get(Entry, note.entry_id)
    if entry is None or entry.author_id != recipient.id:
        return None
    title = entry.title if access.can(recipient, "view_entry", entry) else None
    values = {**_common(note, recipient), "title": title}
    values["link"] = public_url_for("entries.view", entry_id=entry.id, _anchor="comments")

    def subject():
        return _("New comment on “%(title)s”", title=title) if title else _("New comment on your entry")

    return queue_email(recipient, "comment", dedupe_key(note), "comment", subject, values)


def _signoff_decided(note: Notification, recipient: User) -> OutgoingEmail | None:
    """To the intern: their sign-off was approved (at a level), returned with feedback, or revoked."""
    decision, request = note.decision, note.request
    if decision is None or request is None or request.intern_id != recipient.id:
        return None
    competency = _later(lambda: f"{request.competency.code} {competency_title(request.competency)}")
    values = {
        **_common(note, recipient),
        "outcome": decision.outcome,
        "competency": competency,
        "level": _later(level_words, decision.level),
        "link": public_url_for("competencies.signoff", request_id=request.id),
    }
    subjects = {
        "approved": _l("Sign-off request approved: %(competency)s", competency=competency),
        "returned": _l("Sign-off request returned with feedback: %(competency)s", competency=competency),
        "revoked": _l("Sign-off revoked: %(competency)s", competency=competency),
    }
    return queue_email(
        recipient, "signoff_decided", dedupe_key(note), "signoff_decided", subjects[decision.outcome], values
    )


def _submission(note: Notification, recipient: User) -> OutgoingEmail | None:
    """To a reviewer who may still open it: an intern submitted their portfolio, or a new version of it."""
    submission = db.session.get(Submission, note.submission_id)
    if submission is None or not access.can(recipient, "view_submission", submission):
        return None
    values = {
        **_common(note, recipient),
        "replacing": bool(replacing([submission.id])),
        "entry_count": submission.entry_count,
        "link": public_url_for("portfolio.submission", submission_id=submission.id),
    }

    def subject():
        return _("Portfolio submitted: %(who)s, %(cohort)s", who=values["who"], cohort=values["cohort"])

    return queue_email(recipient, "submission", dedupe_key(note), "submission", subject, values)


# The notifications that are emailed at once, by kind; every other kind is for the app (and the digest).
WRITERS = {"comment": _comment, "signoff_decided": _signoff_decided, "portfolio_submitted": _submission}


def _due(limit: int) -> list[Notification]:
    """The oldest notifications nobody has looked at yet, with what their emails name, and their recipients
    in the session (so that each recipient is read once)."""
    notes = list(
        db.session.scalars(
            select(Notification)
            .options(
                joinedload(Notification.actor),
                joinedload(Notification.cohort),
                joinedload(Notification.request).joinedload(SignOffRequest.competency),
                joinedload(Notification.decision),
            )
            .where(Notification.emailed_at.is_(None))
            .order_by(Notification.created_at, Notification.id)
            .limit(limit)
        )
    )
    recipients = {note.user_id for note in notes if note.kind in WRITERS}
    if recipients:
        db.session.scalars(select(User).where(User.id.in_(recipients))).all()
    return notes


def _look_at(note: Notification, now: datetime) -> tuple[bool, bool]:
    """Claim one notification and write its email if it has one; (claimed, email written)."""
    if not _claim(note.id, now):
        return False, False  # another scheduler has it
    writer = WRITERS.get(note.kind)
    if writer is None:
        return True, False
    try:
        with db.session.begin_nested():
            return True, writer(note, db.session.get(User, note.user_id)) is not None
    except Exception:
        log.exception("the email for notification %s could not be written", note.id)
        return True, False


def queue_notification_emails(now: datetime) -> dict[str, int]:
    """Write the emails for the notifications nobody has looked at yet (a scheduled job); commits after each.

    Every notification looked at is marked ``emailed_at = now``, emailed or not (the person turned the
    kind off, it is a kind that is not emailed at once, or it is older than ``STALE_AFTER``), so it is
    looked at once. A notification whose email cannot be written (a bug) is logged and passed over rather
    than holding up those after it. Returns how many notifications were passed over as stale, looked at,
    and how many emails were written.
    """
    stale = _pass_over_stale(now)
    db.session.commit()
    looked_at = written = 0
    for note in _due(BATCH):
        looked, wrote = _look_at(note, now)
        looked_at, written = looked_at + looked, written + wrote
        db.session.commit()  # one notification at a time: SQLite's write lock is never held for long
    return {"stale": stale, "looked_at": looked_at, "written": written}
