"""Evidence links, sign-off requests and the decisions on them.

Services check what the data must satisfy and flush; views check who may act and commit.
Decisions are final records: none is ever updated or deleted, a later one supersedes it.
A request moves out of ``pending`` (or ``approved``) through a conditional UPDATE, so two
supervisors deciding at the same moment cannot both win.
"""

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from journal import access, audit
from journal.extensions import db
from journal.models import (
    Cohort,
    Competency,
    Decision,
    Entry,
    Evidence,
    Membership,
    Notification,
    SignOffRequest,
    User,
)
from journal.models.competencies import LEVELS
from journal.models.types import utcnow
from journal.notifications.services import notify

NOTE_MAX = 1000


class SignOffError(Exception):
    """A request or decision that cannot be made; ``message`` says why, in words for the user (in the
    language of the request that raised it)."""

    def __init__(self, message: str):
        """Keep the message to show the user."""
        super().__init__(str(message))
        self.message = str(message)


def framework_competency_ids(cohort: Cohort) -> set[int]:
    """The ids of the competencies of the cohort's framework (empty when it has none)."""
    if cohort.framework_id is None:
        return set()
    return set(db.session.scalars(select(Competency.id).where(Competency.framework_id == cohort.framework_id)))


def link_evidence(entry: Entry, competency_ids: Iterable[int]) -> None:
    """Make the entry evidence for exactly ``competency_ids`` (competencies of its cohort's framework).

    The caller has checked that the user may ``link_evidence`` the entry. Raises SignOffError
    for a competency outside the framework.
    """
    chosen = set(competency_ids)
    if chosen - framework_competency_ids(entry.cohort):
        raise SignOffError(_("Choose competencies of your cohort's framework only."))
    current = set(db.session.scalars(select(Evidence.competency_id).where(Evidence.entry_id == entry.id)))
    if current - chosen:
        db.session.execute(
            delete(Evidence).where(Evidence.entry_id == entry.id, Evidence.competency_id.in_(current - chosen))
        )
    db.session.add_all(Evidence(entry_id=entry.id, competency_id=cid) for cid in sorted(chosen - current))
    db.session.flush()


def link_entries(competency: Competency, among: Iterable[Entry], chosen_ids: Iterable[int]) -> None:
    """Among ``among`` (the intern's entries shown on the page), make exactly ``chosen_ids`` evidence
    for the competency; links to entries not shown are kept. Raises SignOffError for an entry not shown."""
    shown = {entry.id for entry in among}
    chosen = set(chosen_ids)
    if chosen - shown:
        raise SignOffError(_("Choose entries from the list only."))
    current = set(
        db.session.scalars(
            select(Evidence.entry_id).where(Evidence.competency_id == competency.id, Evidence.entry_id.in_(shown))
        )
    )
    if current - chosen:
        db.session.execute(
            delete(Evidence).where(Evidence.competency_id == competency.id, Evidence.entry_id.in_(current - chosen))
        )
    db.session.add_all(Evidence(entry_id=eid, competency_id=competency.id) for eid in sorted(chosen - current))
    db.session.flush()


def evidence_entries(intern: User, cohort: Cohort, competency: Competency) -> list[Entry]:
    """The intern's live entries in the cohort linked to the competency, newest first (all of them,
    whoever reads them: callers decide what to show)."""
    return list(
        db.session.scalars(
            select(Entry)
            .join(Evidence, Evidence.entry_id == Entry.id)
            .where(Evidence.competency_id == competency.id, access.live_entries_of(intern.id, cohort.id))
            .order_by(Entry.occurred_on.desc(), Entry.id.desc())
        )
    )


def _check_level(level) -> int:
    """The level as an int from 1 to 5; SignOffError otherwise."""
    if not isinstance(level, int) or level not in LEVELS:
        raise SignOffError(_("Choose a level from 1 to 5."))
    return level


def _check_note(note: str | None, *, required: str | None = None) -> str:
    """The note stripped; SignOffError when it is too long, or empty and ``required`` (the message)."""
    note = (note or "").strip()
    if required and not note:
        raise SignOffError(required)
    if len(note) > NOTE_MAX:
        raise SignOffError(_("Keep the note to %(max)d characters or fewer.", max=NOTE_MAX))
    return note


def pending_request(intern: User, competency: Competency) -> SignOffRequest | None:
    """The intern's request for the competency that is still waiting for a decision, if any."""
    return db.session.scalar(
        select(SignOffRequest).where(
            SignOffRequest.intern_id == intern.id,
            SignOffRequest.competency_id == competency.id,
            SignOffRequest.status == "pending",
        )
    )


ALREADY_PENDING = _l("You have already asked for sign-off of this competency; wait for the decision or withdraw it.")


def request_signoff(intern: User, cohort: Cohort, competency: Competency, level, note: str | None) -> SignOffRequest:
    """Ask the cohort's supervisors to sign the competency off at ``level``.

    Every live evidence entry must be shared with supervisors, and there must be at least one.
    Raises SignOffError (and writes nothing) when a rule is not met.
    """
    if competency.framework_id != cohort.framework_id:
        raise SignOffError(_("This competency is not part of your cohort's framework."))
    level = _check_level(level)
    note = _check_note(note)
    evidence = evidence_entries(intern, cohort, competency)
    if not evidence:
        raise SignOffError(_("Link at least one entry as evidence before asking for sign-off."))
    private = [entry.title for entry in evidence if not entry.is_shared]
    if private:
        names = ", ".join(_("“%(title)s”", title=title) for title in private)
        raise SignOffError(_("Supervisors cannot read private evidence. Share or unlink: %(titles)s.", titles=names))
    if pending_request(intern, competency) is not None:
        raise SignOffError(ALREADY_PENDING)
    found = SignOffRequest(
        intern_id=intern.id, cohort_id=cohort.id, competency_id=competency.id, level=level, note=note
    )
    try:
        with db.session.begin_nested():  # a double click races past the check above; the index stops it
            db.session.add(found)
            db.session.flush()
    except IntegrityError:
        raise SignOffError(ALREADY_PENDING) from None
    audit.record(intern.id, "signoff.requested", found, cohort.id, competency_id=competency.id, level=level)
    supervisors = db.session.scalars(
        select(Membership.user_id).where(Membership.cohort_id == cohort.id, Membership.role == "supervisor")
    )
    notify(supervisors, "signoff_requested", actor=intern, cohort_id=cohort.id, request_id=found.id)
    return found


def already_decided(request: SignOffRequest) -> SignOffError:
    """The error for acting on a request that has moved on (or, for a revoke, is not approved yet)."""
    db.session.refresh(request)
    if request.status == "withdrawn":
        return SignOffError(_("The intern has withdrawn this request."))
    if request.status == "pending":
        return SignOffError(
            _("Only an approved sign-off can be revoked; this request is still waiting for a decision.")
        )
    last = request.decisions[-1] if request.decisions else None
    who = last.decided_by.display_name if last is not None and last.decided_by else _("another supervisor")
    outcome = last.outcome if last is not None else None
    if outcome == "approved":
        message = _("This request was already approved by %(name)s. Its history below shows the decision.", name=who)
    elif outcome == "returned":
        message = _("This request was already returned by %(name)s. Its history below shows the decision.", name=who)
    elif outcome == "revoked":
        message = _("This request was already revoked by %(name)s. Its history below shows the decision.", name=who)
    else:
        message = _("This request was already decided by %(name)s. Its history below shows the decision.", name=who)
    return SignOffError(message)


def _move(request: SignOffRequest, from_status: str, to_status: str) -> None:
    """Change the request's status only if it still is ``from_status`` in the database."""
    if request.status != from_status:
        raise already_decided(request)
    now = utcnow()
    result = db.session.execute(
        update(SignOffRequest)
        .where(SignOffRequest.id == request.id, SignOffRequest.status == from_status)
        .values(status=to_status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise already_decided(request)
    set_committed_value(request, "status", to_status)
    set_committed_value(request, "updated_at", now)
    if from_status == "pending":
        _settle_request_notifications(request, now)


def _settle_request_notifications(request: SignOffRequest, now) -> None:
    """Once a request is decided or withdrawn, nothing about it waits for the supervisors any more: their
    "asked for sign-off" notifications stop showing as new (and stop counting in the navigation)."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.request_id == request.id,
            Notification.kind == "signoff_requested",
            Notification.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )


def withdraw(request: SignOffRequest, intern: User) -> None:
    """The intern takes back a pending request. Raises SignOffError once it has been decided."""
    _move(request, "pending", "withdrawn")
    audit.record(intern.id, "signoff.withdrawn", request, request.cohort_id, competency_id=request.competency_id)


def _decide(request: SignOffRequest, supervisor: User, outcome: str, level: int | None, note: str) -> Decision:
    """Record the decision, audit it (no text) and tell the intern."""
    decision = Decision(request_id=request.id, decided_by_id=supervisor.id, outcome=outcome, level=level, note=note)
    db.session.add(decision)
    db.session.flush()
    db.session.expire(request, ["decisions"])
    details = {"competency_id": request.competency_id, "decision_id": decision.id}
    if level is not None:
        details["level"] = level
    audit.record(supervisor.id, f"signoff.{outcome}", request, request.cohort_id, **details)
    notify(
        [request.intern_id],
        "signoff_decided",
        actor=supervisor,
        cohort_id=request.cohort_id,
        request_id=request.id,
        decision_id=decision.id,
    )
    return decision


def approve(request: SignOffRequest, supervisor: User, level, note: str | None) -> Decision:
    """Sign the competency off at ``level`` (1–5). Raises SignOffError unless the request is pending."""
    level = _check_level(level)
    note = _check_note(note)
    _move(request, "pending", "approved")
    request.approved_level = level
    return _decide(request, supervisor, "approved", level, note)


def return_request(request: SignOffRequest, supervisor: User, note: str | None) -> Decision:
    """Send a pending request back with feedback (required)."""
    note = _check_note(note, required=_("Write the feedback the intern needs."))
    _move(request, "pending", "returned")
    return _decide(request, supervisor, "returned", None, note)


def revoke(request: SignOffRequest, supervisor: User, reason: str | None) -> Decision:
    """Withdraw an approval, with a reason (required); the approval stays in the history."""
    reason = _check_note(reason, required=_("Give the reason for revoking the sign-off."))
    _move(request, "approved", "revoked")
    return _decide(request, supervisor, "revoked", None, reason)
