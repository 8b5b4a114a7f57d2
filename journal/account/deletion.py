"""Deleting one's own account: what the person wrote goes; what others wrote or decided stays.

Removed: the person's entries (with their versions, tags, drafts, evidence links, "reviewed"
marks and every comment on them, since they belonged to a private journal that no longer
exists), their sign-off requests with the decisions on them, their notifications, memberships,
sessions, recovery codes, invitations addressed to them, the audit events about the account
itself (logins) and the user row. Their membership events (added, joined, role changed, removed)
stay in each cohort's log without pointing at them, since who could read a cohort's entries, and
when, must stay visible. Their portfolios go too, unless they choose to leave them
with the cohort, where they stay under the name frozen in the document.

Kept, without the person: comments they wrote on other people's entries stay in their threads
with the text removed ("deleted user"), so replies still hang together; decisions they took as
a supervisor stay on the interns' records; what they did stays in the audit log with no actor.

One ``account.deleted`` audit event per former cohort (so each cohort's coordinators see it in
that cohort's log; one without a cohort for someone who belonged to none) records the deletion
itself, with no name and no email.
"""

import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, select, update

from journal import audit
from journal.entries import purge
from journal.extensions import db
from journal.models import (
    AuditEvent,
    Cohort,
    Comment,
    Decision,
    Draft,
    Entry,
    EntryReview,
    EntryRevision,
    Evidence,
    ExportJob,
    Invitation,
    Membership,
    Notification,
    RecoveryCode,
    SignOffRequest,
    Submission,
    User,
    UserSession,
)
from journal.models.cohorts import ROLE_LABELS, ROLE_NOUNS


class AccountDeletionError(Exception):
    """The account cannot be deleted now; the message says why, in words for its owner."""


# Events of a cohort's log about a change of who belongs to it: they outlive the person's account.
MEMBERSHIP_ACTIONS = ("member.added", "member.joined", "member.role_changed", "member.removed")
LAST_COORDINATOR = _l(
    "You are the only coordinator. Another coordinator account must exist before you can delete yours "
    "(one can be created with “%(command)s”), or nobody could manage the cohorts.",
    command="flask --app app create-admin",
)


@dataclass(frozen=True)
class CohortPortfolios:
    """How many portfolios the person submitted in one cohort."""

    cohort_id: int
    cohort_name: str
    count: int


@dataclass(frozen=True)
class Role:
    """One of the person's memberships."""

    cohort_id: int
    cohort_name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def role_noun(self) -> str:
        """The role as a sentence writes it (supervisor), in the current language."""
        return ROLE_NOUNS[self.role]


@dataclass(frozen=True)
class DeletionPreview:
    """What deleting the account would remove and what it would leave, in figures."""

    entries: int
    revisions: int
    drafts: int
    evidence: int
    comments_on_own_entries: int  # by anyone: they go with the entries
    requests: int
    comments_on_others: int  # stay in their threads, emptied
    decisions_made: int  # as a supervisor: stay on the interns' records
    memberships: list[Role]
    portfolios: list[CohortPortfolios] = field(default_factory=list)
    last_coordinator: bool = False

    @property
    def portfolio_count(self) -> int:
        return sum(item.count for item in self.portfolios)


def _count(statement) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery()))


def _own_entry_ids(user_id: int):
    return select(Entry.id).where(Entry.author_id == user_id)


def _is_last_coordinator(user: User, *, lock: bool = False) -> bool:
    """Whether ``user`` is a coordinator and no other one exists.

    With ``lock`` every coordinator's row is locked, in id order, until the commit (PostgreSQL;
    SQLite lets one writer in at a time anyway): of two coordinators deleting themselves at once,
    the second waits, then finds itself the last.
    """
    if not user.is_admin:
        return False
    coordinators = select(User.id).where(User.is_admin.is_(True)).order_by(User.id)
    if lock and db.session.get_bind().dialect.name == "sqlite":
        # SQLite's driver opens the transaction at the first write, and reads before it see whatever
        # is committed by then: write first, so the count below is made under the write lock.
        _run(update(User).where(User.id == user.id).values(is_admin=True))
    elif lock:
        coordinators = coordinators.with_for_update()
    return all(found == user.id for found in db.session.scalars(coordinators))


def preview(user: User) -> DeletionPreview:
    """The figures the deletion page shows, in a dozen queries whatever the amounts."""
    uid = user.id
    mine = _own_entry_ids(uid)
    memberships = db.session.execute(
        select(Cohort.id, Cohort.name, Membership.role)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Membership.user_id == uid)
        .order_by(Cohort.name)
    ).all()
    portfolios = db.session.execute(
        select(Cohort.id, Cohort.name, func.count(Submission.id))
        .join(Submission, Submission.cohort_id == Cohort.id)
        .where(Submission.intern_id == uid)
        .group_by(Cohort.id, Cohort.name)
        .order_by(Cohort.name)
    ).all()
    return DeletionPreview(
        entries=_count(mine),
        revisions=_count(select(EntryRevision.id).where(EntryRevision.entry_id.in_(mine))),
        drafts=_count(select(Draft.id).where(Draft.user_id == uid)),
        evidence=_count(select(Evidence.entry_id).where(Evidence.entry_id.in_(mine))),
        comments_on_own_entries=_count(select(Comment.id).where(Comment.entry_id.in_(mine))),
        requests=_count(select(SignOffRequest.id).where(SignOffRequest.intern_id == uid)),
        comments_on_others=_count(select(Comment.id).where(Comment.author_id == uid, Comment.entry_id.not_in(mine))),
        decisions_made=_count(
            select(Decision.id)
            .join(SignOffRequest, SignOffRequest.id == Decision.request_id)
            .where(Decision.decided_by_id == uid, SignOffRequest.intern_id != uid)
        ),
        memberships=[Role(*row) for row in memberships],
        portfolios=[CohortPortfolios(cid, name, count) for cid, name, count in portfolios],
        last_coordinator=_is_last_coordinator(user),
    )


def _run(statement) -> int:
    """Execute a bulk UPDATE or DELETE without matching it against loaded objects; the row count."""
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def _remove_requests(user_id: int) -> None:
    """The person's sign-off requests as an intern, with the decisions on them and their notifications."""
    requests = select(SignOffRequest.id).where(SignOffRequest.intern_id == user_id)
    decisions = select(Decision.id).where(Decision.request_id.in_(requests))
    _run(delete(Notification).where(Notification.request_id.in_(requests)))
    _run(delete(Notification).where(Notification.decision_id.in_(decisions)))
    _run(delete(Decision).where(Decision.request_id.in_(requests)))
    _run(delete(SignOffRequest).where(SignOffRequest.intern_id == user_id))


def _settle_submissions(user_id: int, submitted_in: set[int], listed_in: set[int], *, keep: bool) -> None:
    """Leave the person's portfolios with their cohorts (no intern, a random key per cohort so the
    latest still supersedes the earlier ones), or delete them with their PDFs.

    Either way the stored export zips of the cohorts that list them (``listed_in``), copies made
    before this choice with their name and email in the credit summary, are dropped; reviewers
    can build new ones.
    """
    if keep:
        for cohort_id in sorted(submitted_in):
            _run(
                update(Submission)
                .where(Submission.intern_id == user_id, Submission.cohort_id == cohort_id)
                .values(intern_id=None, former_intern_key=secrets.token_hex(16))
            )
    else:
        _run(delete(Submission).where(Submission.intern_id == user_id))
    if listed_in:
        _run(
            update(ExportJob)
            .where(ExportJob.cohort_id.in_(listed_in), ExportJob.content.is_not(None))
            .values(content=None, size=None)
        )


def delete_account(user: User, *, keep_submissions: bool) -> list[AuditEvent]:
    """Delete ``user``'s account as the module docstring says; flushes, the caller commits (and
    ends the browser's session). Returns the ``account.deleted`` events recorded.

    Raises AccountDeletionError for the last coordinator.
    """
    if _is_last_coordinator(user, lock=True):
        raise AccountDeletionError(LAST_COORDINATOR)
    uid, email = user.id, user.email
    member_of = set(db.session.scalars(select(Membership.cohort_id).where(Membership.user_id == uid)))
    intern_of = set(
        db.session.scalars(select(Membership.cohort_id).where(Membership.user_id == uid, Membership.role == "intern"))
    )
    submitted_in = set(db.session.scalars(select(Submission.cohort_id).where(Submission.intern_id == uid)))
    cohort_ids = sorted(member_of | submitted_in)

    # What stays without its author: comments on other people's entries, decisions on other interns' requests.
    mine = _own_entry_ids(uid)
    _run(update(Comment).where(Comment.author_id == uid, Comment.entry_id.not_in(mine)).values(author_id=None, body=""))
    _run(update(Decision).where(Decision.decided_by_id == uid).values(decided_by_id=None))
    _run(update(Notification).where(Notification.actor_id == uid).values(actor_id=None))

    purge.remove_entries(_own_entry_ids(uid))
    _remove_requests(uid)
    _settle_submissions(uid, submitted_in, intern_of | submitted_in, keep=keep_submissions)
    _run(delete(Draft).where(Draft.user_id == uid))
    _run(delete(Notification).where(Notification.user_id == uid))
    _run(delete(EntryReview).where(EntryReview.reviewer_id == uid))
    _run(delete(Invitation).where(Invitation.email == email))
    # Who joined, left or changed role in a cohort stays in its log (a reader who came and went
    # must stay visible), no longer pointing at the person; the rest about the account goes.
    about_user = and_(AuditEvent.object_type == "user", AuditEvent.object_id == uid)
    in_cohort_log = and_(AuditEvent.cohort_id.is_not(None), AuditEvent.action.in_(MEMBERSHIP_ACTIONS))
    _run(update(AuditEvent).where(about_user, in_cohort_log).values(object_id=None))
    _run(delete(AuditEvent).where(about_user))
    _run(delete(Membership).where(Membership.user_id == uid))
    _run(delete(UserSession).where(UserSession.user_id == uid))
    _run(delete(RecoveryCode).where(RecoveryCode.user_id == uid))
    # Foreign keys declared SET NULL (audit actors, invitations sent, frameworks imported, exports
    # asked for, requirements changed) let go of the person as the row goes.
    _run(delete(User).where(User.id == uid))

    details = {"kept_submissions": bool(keep_submissions), "cohort_ids": cohort_ids}
    return [audit.record(None, "account.deleted", user, cohort_id, **details) for cohort_id in cohort_ids or [None]]
