"""The single authority on who may see and do what.

Views ask here; they never write their own permission filters. Anything a user
may not see answers 404 so that its existence does not leak. Coordinators
(``User.is_admin``) manage cohorts and people; that never lets them read what
interns keep private.
"""

from flask import abort, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import joinedload

from journal.errors import wants_json
from journal.extensions import db
from journal.models import Cohort, Entry, ExportJob, Membership, SignOffRequest, Submission, User

# Which role may do what inside a cohort. Later features add their actions here.
COHORT_ACTIONS = {
    "view_cohort": {"intern", "supervisor", "reviewer"},
    "view_members": {"supervisor", "reviewer"},
    # Interns keep a journal: their entries, drafts, progress, search, trash and export.
    "keep_journal": {"intern"},
    # Supervisors follow the cohort: dashboard figures, intern pages, the review queue.
    "supervise": {"supervisor"},
    # Interns keep a checklist of the cohort's competencies and ask for sign-off.
    "keep_checklist": {"intern"},
    # Interns hand a frozen selection to the cohort's supervisors, reviewers and coordinators.
    "submit_portfolio": {"intern"},
    # Submitted portfolios (never live entries), the credit summary and the cohort export.
    "view_submissions": {"supervisor", "reviewer"},
}
# Cohort actions coordinators may also take, in any cohort: figures and submissions, never live entry text.
COORDINATOR_COHORT_ACTIONS = {"view_dashboard", "view_audit", "view_submissions"}


def memberships_of(user: User) -> Select:
    """Select the user's memberships with their cohorts, newest cohort first."""
    return (
        select(Membership)
        .join(Membership.cohort)
        .options(joinedload(Membership.cohort))
        .where(Membership.user_id == user.id)
        .order_by(Cohort.start_date.desc(), Cohort.id.desc())
    )


def membership(user: User, cohort_id: int) -> Membership | None:
    """Return the user's membership in the cohort, or None."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(Membership)
        .options(joinedload(Membership.cohort))
        .where(Membership.user_id == user.id, Membership.cohort_id == cohort_id)
    )


# Who, besides the author, reads an entry of each visibility: the roles in the entry's cohort.
ENTRY_READERS = {"private": set(), "supervisors": {"supervisor"}, "cohort": {"supervisor", "intern"}}
# What only the author may do with an entry, whatever its visibility.
AUTHOR_ACTIONS = {
    "edit_entry",
    "delete_entry",
    "share_entry",
    "view_history",
    "view_drafts",
    "restore_entry",
    "link_evidence",
}


def _cohorts_where(user: User, role: str) -> Select:
    return select(Membership.cohort_id).where(Membership.user_id == user.id, Membership.role == role)


def visible_entries(user: User) -> Select:
    """Select the live (not deleted) entries the user may read.

    Authors read their own; the cohort's supervisors read ``supervisors`` and
    ``cohort`` entries; fellow interns read ``cohort`` entries. Nobody else,
    coordinators included, reads any entry.
    """
    if not user.is_authenticated:
        return select(Entry).where(false())
    readable_by_role = [
        and_(
            Entry.visibility.in_(sorted(v for v, roles in ENTRY_READERS.items() if role in roles)),
            Entry.cohort_id.in_(_cohorts_where(user, role)),
        )
        for role in ("supervisor", "intern")
    ]
    return select(Entry).where(Entry.deleted_at.is_(None), or_(Entry.author_id == user.id, *readable_by_role))


def entries_of(author_id: int, cohort_id: int) -> ColumnElement[bool]:
    """The condition for every entry the author wrote in the cohort, the trash included: their
    whole journal there (the export, the trash, whether they keep a journal at all)."""
    return and_(Entry.author_id == author_id, Entry.cohort_id == cohort_id)


def live_entries_of(author_id: int, cohort_id: int) -> ColumnElement[bool]:
    """The condition for the author's own live (not deleted) entries in the cohort, private ones
    included: for queries that count or select columns, or narrow what another scope lets someone read."""
    return and_(entries_of(author_id, cohort_id), Entry.deleted_at.is_(None))


def own_live_entries(author: User, cohort_id: int) -> Select:
    """Select the author's own live entries in the cohort (unordered): what their journal there holds.

    Callers add their order, options and further filters; this is the one place that says which
    entries are the author's own.
    """
    return select(Entry).where(live_entries_of(author.id, cohort_id))


def reader_roles(entry: Entry) -> frozenset[str]:
    """The roles in the entry's cohort whose members, besides its author, read the entry now."""
    return frozenset() if entry.deleted_at is not None else frozenset(ENTRY_READERS[entry.visibility])


def supervisors_of(cohort_id: int) -> Select:
    """Select the cohort's supervisors by name: the people who read what its interns share with supervisors."""
    return (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort_id, Membership.role == "supervisor")
        .order_by(User.display_name, User.id)
    )


def _may_read_entry(user: User, entry: Entry) -> bool:
    if entry.author_id == user.id:
        return True
    if entry.deleted_at is not None or not ENTRY_READERS[entry.visibility]:
        return False
    found = membership(user, entry.cohort_id)
    return found is not None and found.role in ENTRY_READERS[entry.visibility]


def can(user: User, action: str, obj=None) -> bool:
    """Whether ``user`` may perform ``action`` on ``obj``.

    Actions: ``manage_cohorts`` (coordinators only); the cohort actions in
    ``COHORT_ACTIONS``, which take a Cohort and depend on the user's role in it
    (or the user's own Membership, which answers without a query: the navigation);
    ``view_entry`` (agrees with ``visible_entries``, except that authors also see
    their own entries in the trash) and the author-only ``AUTHOR_ACTIONS``, which
    take an Entry; the sign-off request actions; ``view_submission`` (a Submission)
    and ``view_export`` (an ExportJob). Unknown actions are refused.
    """
    if not user.is_authenticated:
        return False
    if action == "manage_cohorts":
        return bool(user.is_admin)
    if isinstance(obj, Cohort):
        return _may_act_in_cohort(user, action, obj.id)
    if isinstance(obj, Membership):
        return obj.user_id == user.id and _may_act_in_cohort(user, action, obj.cohort_id, obj.role)
    if isinstance(obj, Entry):
        return _may_act_on_entry(user, action, obj)
    if isinstance(obj, SignOffRequest):
        return _may_act_on_request(user, action, obj)
    if isinstance(obj, Submission) and action == "view_submission":
        # The intern who submitted it, and those it was handed to.
        return obj.intern_id == user.id or _may_act_in_cohort(user, "view_submissions", obj.cohort_id)
    if isinstance(obj, ExportJob) and action == "view_export":
        return _may_act_in_cohort(user, "view_submissions", obj.cohort_id)
    return False


def _role_in(user: User, cohort_id: int) -> str | None:
    found = membership(user, cohort_id)
    return found.role if found is not None else None


def _may_act_in_cohort(user: User, action: str, cohort_id: int, role: str | None = None) -> bool:
    """``role``, the user's role in the cohort when the caller has it at hand, spares looking it up."""
    if action in COORDINATOR_COHORT_ACTIONS and user.is_admin:
        return True
    if action == "view_dashboard":
        action = "supervise"
    return action in COHORT_ACTIONS and (role or _role_in(user, cohort_id)) in COHORT_ACTIONS[action]


def _may_act_on_entry(user: User, action: str, entry: Entry) -> bool:
    if action == "view_entry":
        return _may_read_entry(user, entry)
    if action == "comment_entry":  # a conversation about what was shared: not on private or trashed entries
        return entry.deleted_at is None and entry.is_shared and _may_read_entry(user, entry)
    if action == "mark_reviewed":
        return (
            entry.deleted_at is None
            and entry.is_shared
            and entry.author_id != user.id
            and _role_in(user, entry.cohort_id) == "supervisor"
        )
    return action in AUTHOR_ACTIONS and entry.author_id == user.id


def _may_act_on_request(user: User, action: str, request: SignOffRequest) -> bool:
    """``view_signoff`` (the intern and the cohort's supervisors), ``withdraw_signoff`` (the
    intern, while pending), ``decide_signoff`` (a supervisor of the cohort, never the intern) and
    ``download_badge`` (the intern alone: the badge names them, and is theirs to hand on)."""
    if action == "download_badge":
        return request.intern_id == user.id
    if action == "view_signoff":
        return request.intern_id == user.id or _role_in(user, request.cohort_id) == "supervisor"
    if action == "withdraw_signoff":
        return request.intern_id == user.id and request.status == "pending"
    if action == "decide_signoff":
        return request.intern_id != user.id and _role_in(user, request.cohort_id) == "supervisor"
    return False


def member_or_404(cohort_id: int) -> Membership:
    """The current user's membership in the cohort named in the URL; 404 if there is none."""
    found = membership(current_user, cohort_id)
    if found is None:
        abort(404)
    return found


def intern_or_404(cohort_id: int) -> Membership:
    """The current user's intern membership in the cohort named in the URL; 404 otherwise.

    Only interns keep a journal (``keep_journal``).
    """
    found = member_or_404(cohort_id)
    if not can(current_user, "keep_journal", found):
        abort(404)
    return found


def entry_or_404(entry_id: int, action: str = "view_entry", *, in_trash: bool = False) -> Entry:
    """Load an entry the current user may ``action``; 404 when it is missing or not theirs to use.

    Entries in the trash are found only with ``in_trash`` (and only by their author).
    """
    entry = db.session.get(Entry, entry_id)
    if entry is None or (entry.deleted_at is not None) is not in_trash or not can(current_user, action, entry):
        abort(404)
    return entry


def cohort_or_404(cohort_id: int, action: str) -> Cohort:
    """The cohort named in the URL, if the current user may ``action`` in it; 404 otherwise."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or not can(current_user, action, cohort):
        abort(404)
    return cohort


def request_or_404(request_id: int, action: str = "view_signoff") -> SignOffRequest:
    """The sign-off request named in the URL, if the current user may ``action`` it; 404 otherwise."""
    found = db.session.get(SignOffRequest, request_id)
    if found is None or not can(current_user, action, found):
        abort(404)
    return found


def submission_or_404(submission_id: int) -> Submission:
    """The submission named in the URL, if the current user may read it; 404 otherwise."""
    found = db.session.get(Submission, submission_id)
    if found is None or not can(current_user, "view_submission", found):
        abort(404)
    return found


def export_or_404(job_id: int) -> ExportJob:
    """The cohort export named in the URL, if the current user may read the cohort's submissions; 404 otherwise."""
    found = db.session.get(ExportJob, job_id)
    if found is None or not can(current_user, "view_export", found):
        abort(404)
    return found


def visible_comments(user: User) -> Select:
    """Select the comments the user may read: those on entries the user may read."""
    from journal.models import Comment

    return select(Comment).where(Comment.entry_id.in_(visible_entries(user).with_only_columns(Entry.id)))


def login_required():
    """``before_request`` hook for blueprints whose every page needs a login.

    Pages redirect to the login form; scripts (``errors.wants_json``: autosave, progress) get a
    JSON 401 so the browser can keep their data until the person has logged in again.
    """
    if not current_user.is_authenticated:
        if wants_json():
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def coordinator_required():
    """``before_request`` hook for coordinator pages: login first, then the role (403)."""
    response = login_required()
    if response is not None:
        return response
    if not can(current_user, "manage_cohorts"):
        abort(403)
    return None
