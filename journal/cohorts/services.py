"""Coordinator operations on cohorts, memberships and invitations.

Services flush; the calling view commits once.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from journal import audit
from journal.auth.services import AccountError, add_membership, new_token, user_by_email
from journal.cohorts.members import record_added, record_invited
from journal.cohorts.roster import RosterProblem, RosterRow
from journal.extensions import db
from journal.links import public_url_for
from journal.models import Cohort, Invitation, Membership, User, normalize_email
from journal.models.cohorts import ROLE_NOUNS
from journal.models.types import utcnow

COHORT_FIELDS = (
    "name",
    "host_site",
    "country",
    "start_date",
    "end_date",
    "timezone",
    "inactivity_threshold_days",
    "requires_two_factor",
)


@dataclass
class InviteOutcome:
    """What inviting one person did: added an existing account, or created an invitation."""

    email: str
    role: str
    membership: Membership | None = None
    invitation: Invitation | None = None
    link: str | None = None


def cohort_name_taken(name: str, exclude_id: int | None = None) -> bool:
    """Whether another cohort already has this name."""
    query = select(Cohort.id).where(Cohort.name == name.strip())
    if exclude_id is not None:
        query = query.where(Cohort.id != exclude_id)
    return db.session.scalar(query) is not None


def save_cohort(cohort: Cohort | None, fields: dict) -> Cohort:
    """Create a cohort (``cohort`` None) or update one from the form's fields."""
    if cohort is None:
        cohort = Cohort()
        db.session.add(cohort)
    for name in COHORT_FIELDS:
        value = fields[name]
        setattr(cohort, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    return cohort


def _invitation_link(token: str) -> str:
    """The invitation's address under ``PUBLIC_URL``, never under the Host the request names."""
    return public_url_for("auth.accept_invitation", token=token)


def invitation_conflicts(cohort: Cohort, emails: list[str]) -> dict[str, str]:
    """For each email that cannot be invited to the cohort, the reason in words (in two queries).

    A person cannot be invited while they are a member or hold a usable invitation.
    """
    emails = [normalize_email(email) for email in emails]
    reasons: dict[str, str] = {}
    pending = db.session.scalars(
        select(Invitation).where(
            Invitation.cohort_id == cohort.id,
            Invitation.email.in_(emails),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
    )
    for invitation in pending:
        if invitation.is_usable:
            reasons[invitation.email] = _(
                "%(email)s already has a pending invitation (as %(role)s)",
                email=invitation.email,
                role=ROLE_NOUNS[invitation.role],
            )
    members = db.session.execute(
        select(User.email, Membership)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.cohort_id == cohort.id, User.email.in_(emails))
    )
    for email, membership in members:
        reasons[email] = _(
            "%(email)s is already a member of this cohort as %(role)s", email=email, role=ROLE_NOUNS[membership.role]
        )
    return reasons


def _add_or_invite(
    cohort: Cohort,
    user: User | None,
    email: str,
    role: str,
    invited_by: User,
    display_name: str | None,
    source: str,
) -> InviteOutcome:
    """Give an existing account the role, or create an invitation with a fresh link; either is
    recorded in the cohort's audit log (``source``: ``form`` or ``roster``)."""
    if user is not None:
        membership = add_membership(user, cohort.id, role)
        record_added(invited_by, user, cohort.id, role, source)
        return InviteOutcome(email, role, membership=membership)
    # An earlier invitation that expired unused is closed, so the new one is the only open one.
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.cohort_id == cohort.id,
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    token, token_hash = new_token()
    invitation = Invitation(
        cohort=cohort,
        email=email,
        display_name=(display_name or "").strip() or None,
        role=role,
        token_hash=token_hash,
        invited_by=invited_by,
        expires_at=utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    db.session.flush()
    record_invited(invited_by, invitation, source)
    return InviteOutcome(email, role, invitation=invitation, link=_invitation_link(token))


def invite(cohort: Cohort, email: str, role: str, invited_by: User, display_name: str | None = None) -> InviteOutcome:
    """Add an existing account to the cohort, or create an invitation with a fresh link.

    Raises AccountError when the person is already a member or already invited.
    """
    email = normalize_email(email)
    conflict = invitation_conflicts(cohort, [email]).get(email)
    if conflict:
        raise AccountError(conflict + ".")
    return _add_or_invite(cohort, user_by_email(email), email, role, invited_by, display_name, "form")


def renew_invitation(invitation: Invitation, actor: User) -> str:
    """Give a pending or expired invitation a new link and expiry; the old link stops working."""
    token, invitation.token_hash = new_token()
    invitation.expires_at = utcnow() + timedelta(days=current_app.config["INVITATION_DAYS"])
    invitation.revoked_at = invitation.expired_at = None
    db.session.flush()
    audit.record(actor.id, "invitation.renewed", invitation, invitation.cohort_id, role=invitation.role)
    return _invitation_link(token)


def revoke_invitation(invitation: Invitation, actor: User) -> None:
    """Stop an invitation's link from working."""
    invitation.revoked_at = utcnow()
    audit.record(actor.id, "invitation.revoked", invitation, invitation.cohort_id, role=invitation.role)


def check_roster_against_cohort(cohort: Cohort, rows: list[RosterRow]) -> list[RosterProblem]:
    """Problems that only the cohort's current state reveals (already members or invited)."""
    reasons = invitation_conflicts(cohort, [row.email for row in rows])
    return [RosterProblem(row.line, reasons[row.email]) for row in rows if row.email in reasons]


def import_roster(cohort: Cohort, rows: list[RosterRow], invited_by: User) -> list[InviteOutcome]:
    """Invite everyone in a roster that ``check_roster_against_cohort`` found clean.

    Each person added or invited is an audit event of their own; one more sums up the import.
    """
    users = {
        user.email: user for user in db.session.scalars(select(User).where(User.email.in_([row.email for row in rows])))
    }
    outcomes = [
        _add_or_invite(cohort, users.get(row.email), row.email, row.role, invited_by, row.name, "roster")
        for row in rows
    ]
    added = sum(outcome.membership is not None for outcome in outcomes)
    audit.record(invited_by.id, "roster.imported", cohort, cohort.id, added=added, invited=len(outcomes) - added)
    return outcomes
