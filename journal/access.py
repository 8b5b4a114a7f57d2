"""The single authority on who may see and do what.

Views ask here; they never write their own permission filters. Anything a user
may not see answers 404 so that its existence does not leak. Coordinators
(``User.is_admin``) manage cohorts and people; that never lets them read what
interns keep private.
"""

from flask import abort, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from journal.extensions import db
from journal.models import Cohort, Membership, User

# Which role may do what inside a cohort. Later features add their actions here.
COHORT_ACTIONS = {
    "view_cohort": {"intern", "supervisor", "reviewer"},
    "view_members": {"supervisor", "reviewer"},
}


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


def can(user: User, action: str, obj=None) -> bool:
    """Whether ``user`` may perform ``action`` on ``obj``.

    Actions: ``manage_cohorts`` (coordinators only) and the cohort actions in
    ``COHORT_ACTIONS``, which take a Cohort and depend on the user's role in it.
    Unknown actions are refused.
    """
    if not user.is_authenticated:
        return False
    if action == "manage_cohorts":
        return bool(user.is_admin)
    if action in COHORT_ACTIONS and isinstance(obj, Cohort):
        found = membership(user, obj.id)
        return found is not None and found.role in COHORT_ACTIONS[action]
    return False


def member_or_404(cohort_id: int) -> Membership:
    """The current user's membership in the cohort named in the URL; 404 if there is none."""
    found = membership(current_user, cohort_id)
    if found is None:
        abort(404)
    return found


def login_required():
    """``before_request`` hook for blueprints whose every page needs a login."""
    if not current_user.is_authenticated:
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
