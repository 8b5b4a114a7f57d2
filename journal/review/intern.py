"""The supervisor's page about one intern: shared entries and the history of sign-off requests.

The heatmap and the checklist come from the journal's and the competencies' own code;
what is shown of entries is what ``access.visible_entries`` lets the viewer read.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from journal import access
from journal.extensions import db
from journal.models import Cohort, Decision, Entry, Membership, SignOffRequest, User

PAGE_SIZE = 20
OUTCOME_WORDS = {"approved": _l("Approved"), "returned": _l("Returned with feedback"), "revoked": _l("Revoked")}


def intern_of_cohort_or_404(cohort: Cohort, user_id: int) -> User:
    """The user named in the URL, if they are an intern of the cohort; 404 otherwise."""
    user = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(User.id == user_id, Membership.cohort_id == cohort.id, Membership.role == "intern")
    )
    if user is None:
        abort(404)
    return user


def shared_entries(viewer: User, cohort: Cohort, intern: User, page: int):
    """A page of the intern's shared entries in the cohort that the viewer may read, newest first."""
    stmt = (
        access.visible_entries(viewer)
        .where(access.live_entries_of(intern.id, cohort.id), Entry.is_shared)
        .order_by(Entry.occurred_on.desc(), Entry.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=PAGE_SIZE, error_out=False)


@dataclass(frozen=True)
class Event:
    """One step in the history of a request: asked, decided or withdrawn."""

    at: datetime
    who: User | None
    what: str  # in the reader's language
    level: int | None
    request: SignOffRequest
    order: int  # the order steps were taken in, for steps recorded at the same moment


def request_history(cohort: Cohort, intern: User) -> list[Event]:
    """Every request of the intern in the cohort and every decision on them, newest first (two queries)."""
    requests = db.session.scalars(
        select(SignOffRequest)
        .options(
            joinedload(SignOffRequest.competency),
            selectinload(SignOffRequest.decisions).joinedload(Decision.decided_by),
        )
        .where(SignOffRequest.intern_id == intern.id, SignOffRequest.cohort_id == cohort.id)
    ).all()
    events = []
    for request in requests:
        events.append(Event(request.created_at, intern, _("Asked for sign-off"), request.level, request, -1))
        for decision in request.decisions:
            level = decision.level if decision.outcome == "approved" else None
            events.append(
                Event(
                    decision.created_at,
                    decision.decided_by,
                    str(OUTCOME_WORDS[decision.outcome]),
                    level,
                    request,
                    decision.id,
                )
            )
        if request.status == "withdrawn":
            events.append(Event(request.updated_at, intern, _("Withdrew the request"), None, request, 2**62))
    return sorted(events, key=lambda e: (e.at, e.request.id, e.order), reverse=True)
