"""Route ``/cohorts/<id>/audit``: a cohort's audit log for coordinators, filtered by person and action.

The log holds who did what to which object and when; it never holds what anyone wrote,
and this page shows only identifiers, levels and states from each event's details.
"""

from decimal import Decimal, InvalidOperation

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from journal import access
from journal.cohorts.blueprint import bp
from journal.extensions import db
from journal.i18n import format_hours
from journal.models import AUDIT_ACTIONS, AuditEvent, Competency, Invitation, Membership, User
from journal.params import database_id, page_number

PER_PAGE = 50
# The words for objects and details, translated when the log is shown (the log itself keeps codes).
OBJECT_LABELS = {
    "entry": _l("Entry"),
    "comment": _l("Comment"),
    "signoffrequest": _l("Sign-off request"),
    "decision": _l("Decision"),
    "framework": _l("Framework"),
    "cohort": _l("Cohort"),
    "entryreview": _l("Review"),
    "submission": _l("Portfolio"),
    "exportjob": _l("Cohort export"),
    "user": _l("Person"),
    "invitation": _l("Invitation"),
}
# Details shown as words; other details are shown only when they are numbers (identifiers, counts).
DETAIL_LABELS = {
    "version": _l("Version"),
    "previous": _l("Before"),
    "visibility": _l("Now"),
    "level": _l("Level"),
    "outcome": _l("Outcome"),
    "status": _l("Status"),
    "competency_id": _l("Competency"),
    "entry_id": _l("Entry"),
    "request_id": _l("Request"),
    "decision_id": _l("Decision"),
    "parent_id": _l("Reply to comment"),
    "previous_framework_id": _l("Previous framework"),
    "code": _l("Code"),
    "format": _l("Format"),
    "role": _l("Role"),
    "previous_role": _l("From"),
    "source": _l("Through"),
    "added": _l("Accounts added"),
    "invited": _l("Invitations sent"),
    "invitation_id": _l("Invitation"),
    "entries": _l("Entries"),
    # Credit requirements as events recorded them before they listed each change (``requirements.updated``).
    "hours": _l("Minimum clinical hours"),
    "min_clinical": _l("Minimum clinical observations"),
    "min_cultural": _l("Minimum cultural reflections"),
    "min_ethics": _l("Minimum ethics notes"),
    "competencies": _l("Competencies required"),
    "sessions_ended": _l("Sessions ended"),
}
# The credit requirements a ``requirements.updated`` event lists as changed (its ``changes``), by field.
REQUIREMENT_LABELS = {
    "min_clinical_hours": _l("Minimum clinical hours"),
    "min_clinical_entries": _l("Minimum clinical observations"),
    "min_cultural_entries": _l("Minimum cultural reflections"),
    "min_ethics_entries": _l("Minimum ethics notes"),
    "competencies": _l("Competencies required for credit"),
}
# A role change reads "From: Intern / To: Supervisor"; elsewhere ``role`` is the role someone got.
ROLE_CHANGE_LABELS = {"previous_role": _l("From"), "role": _l("To")}
# How a membership came about (the ``source`` detail).
SOURCES = {"form": _l("The invite form"), "roster": _l("A roster file")}
# How a portfolio was downloaded (``portfolio.downloaded``'s format).
FORMATS = {"pdf": "PDF", "json": "JSON", "leap2a": "Leap2A", "page": _l("Read on its page")}


def _requirement_value(field: str, value) -> str:
    """One side of a requirement's change in words: hours as the reader's language writes them, competencies
    as their codes (or all of the framework's)."""
    if field == "competencies":
        if value == "all":
            return _("all of the framework's")
        codes = [code for code in value if isinstance(code, str)] if isinstance(value, list) else []
        return ", ".join(codes) if codes else _("none")
    if field == "min_clinical_hours":
        try:
            return format_hours(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def requirement_changes(event: AuditEvent) -> list[tuple[str, str, str]]:
    """What a ``requirements.updated`` event changed: ("change", plain name, "old → new") for each field, or
    one line saying nothing changed; none for an older event, which listed the values themselves."""
    changes = (event.details or {}).get("changes")
    if not isinstance(changes, list):
        return []
    shown = []
    for change in changes:
        field = change.get("field") if isinstance(change, dict) else None
        if field in REQUIREMENT_LABELS:
            before, after = (_requirement_value(field, change.get(side)) for side in ("from", "to"))
            shown.append(("change", str(REQUIREMENT_LABELS[field]), f"{before} → {after}"))
    return shown or [("change", _("Changes"), _("none: saved as they were"))]


def shown_details(event: AuditEvent) -> list[tuple[str, str, object]]:
    """The event's details that are safe to show: (key, label, value), identifiers and states only, and
    the changes of credit requirements in words."""
    details = event.details or {}
    shown = requirement_changes(event) if event.action == "requirements.updated" else []
    labels = {**DETAIL_LABELS, **ROLE_CHANGE_LABELS} if "previous_role" in details else DETAIL_LABELS
    for key, value in details.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int) or (key in labels and isinstance(value, str) and len(value) <= 40):
            shown.append((key, labels.get(key, key.replace("_", " ").capitalize()), value))
    return shown


def _competencies(events: list[AuditEvent]) -> dict[int, Competency]:
    """The competencies the events' details name, by id (one query, whatever the number of events)."""
    ids = {e.details.get("competency_id") for e in events if isinstance(e.details, dict)}
    ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    return {c.id: c for c in db.session.scalars(select(Competency).where(Competency.id.in_(ids)))}


def _about_user():
    """Events whose object is a person (membership changes, logins)."""
    return AuditEvent.object_type == "user"


def _people(cohort_id: int) -> list[User]:
    """Everyone who is a member of the cohort or appears in its log (as actor, or as the person a
    membership change concerns), by name."""
    actors = select(AuditEvent.actor_id).where(AuditEvent.cohort_id == cohort_id)
    subjects = select(AuditEvent.object_id).where(AuditEvent.cohort_id == cohort_id, _about_user())
    members = select(Membership.user_id).where(Membership.cohort_id == cohort_id)
    return list(
        db.session.scalars(
            select(User)
            .where(or_(User.id.in_(actors), User.id.in_(subjects), User.id.in_(members)))
            .order_by(User.display_name)
        )
    )


def _objects(events: list[AuditEvent]) -> dict[tuple[str, int], str]:
    """Words for the people and invitations the events are about, by (type, id): names and invited
    emails as they are now (two queries at most, whatever the number of events)."""
    ids = {kind: {e.object_id for e in events if e.object_type == kind} for kind in ("user", "invitation")}
    found = {}
    if ids["user"]:
        rows = db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids["user"])))
        found.update({("user", id_): name for id_, name in rows})
    if ids["invitation"]:
        rows = db.session.execute(select(Invitation.id, Invitation.email).where(Invitation.id.in_(ids["invitation"])))
        found.update({("invitation", id_): email for id_, email in rows})
    return found


@bp.get("/<int:cohort_id>/audit")
def audit_log(cohort_id: int):
    """The cohort's events, newest first, 50 a page, filtered by ``person`` and ``action`` in the URL."""
    cohort = access.cohort_or_404(cohort_id, "view_audit")
    person = request.args.get("person", type=database_id)
    action = request.args.get("action", "")
    query = select(AuditEvent).options(joinedload(AuditEvent.actor)).where(AuditEvent.cohort_id == cohort.id)
    if person:
        query = query.where(or_(AuditEvent.actor_id == person, and_(_about_user(), AuditEvent.object_id == person)))
    if action in AUDIT_ACTIONS:
        query = query.where(AuditEvent.action == action)
    query = query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    page = db.paginate(query, page=request.args.get("page", 1, type=page_number), per_page=PER_PAGE, error_out=False)
    return render_template(
        "cohorts/audit.html",
        cohort=cohort,
        page=page,
        people=_people(cohort.id),
        competencies=_competencies(page.items),
        objects=_objects(page.items),
        sources=SOURCES,
        formats=FORMATS,
        actions=AUDIT_ACTIONS,
        person=person,
        action=action if action in AUDIT_ACTIONS else "",
        object_labels=OBJECT_LABELS,
        shown_details=shown_details,
    )
