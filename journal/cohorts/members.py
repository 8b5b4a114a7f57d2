"""Changes to who belongs to a cohort, each recorded in the cohort's audit log.

Who holds which role in a cohort decides who reads interns' entries and portfolios, so every
membership change is an audit event naming who made it and whom it concerns (DESIGN.md, privacy
promise 9), and someone who becomes a supervisor or reviewer is announced to the cohort's interns.
Changes are compare-and-set on what the coordinator's page showed, so two coordinators acting at
once each record what they really changed. Services flush; the calling view commits once.
"""

from flask_babel import ngettext
from sqlalchemy import delete, func, select, update

from journal import access, audit
from journal.extensions import db
from journal.models import Entry, Invitation, Membership, User
from journal.notifications.services import announce_member


class MembershipChanged(Exception):
    """The membership changed or went since the page was read; nothing was done."""


class RoleChangeRefused(ValueError):
    """The role cannot be changed; ``str()`` says why, in words for the coordinator (in their language)."""


def record_added(actor: User, user: User, cohort_id: int, role: str, source: str) -> None:
    """Audit that ``actor`` gave an existing account ``role`` in the cohort (``source``: ``form`` or
    ``roster``) and announce a new supervisor or reviewer to the cohort's interns."""
    audit.record(actor.id, "member.added", user, cohort_id, role=role, source=source)
    announce_member(user, cohort_id, role)


def record_invited(actor: User, invitation: Invitation, source: str) -> None:
    """Audit that ``actor`` invited someone with no account yet (the invitation, never its link)."""
    audit.record(actor.id, "member.invited", invitation, invitation.cohort_id, role=invitation.role, source=source)


def _journal_size(membership: Membership) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Entry).where(access.entries_of(membership.user_id, membership.cohort_id))
    )


def change_role(membership: Membership, role: str, actor: User) -> bool:
    """Give the member ``role`` instead of the one they hold; False (and nothing recorded) when they
    already hold it.

    Raises RoleChangeRefused for an intern who keeps a journal in the cohort (it belongs to the
    intern role), and MembershipChanged when the role is no longer the one the page showed.
    """
    previous = membership.role
    if role == previous:
        return False
    if previous == "intern" and (written := _journal_size(membership)):
        raise RoleChangeRefused(
            ngettext(
                "%(name)s keeps a journal in this cohort (%(num)d entry), so they stay an intern.",
                "%(name)s keeps a journal in this cohort (%(num)d entries), so they stay an intern.",
                written,
                name=membership.user.display_name,
            )
        )
    changed = db.session.execute(
        update(Membership).where(Membership.id == membership.id, Membership.role == previous).values(role=role)
    )
    if changed.rowcount != 1:
        raise MembershipChanged
    audit.record(
        actor.id, "member.role_changed", membership.user, membership.cohort_id, previous_role=previous, role=role
    )
    announce_member(membership.user, membership.cohort_id, role)
    return True


def remove_membership(membership: Membership, actor: User) -> None:
    """Take the person out of the cohort (their account stays) and record it.

    Raises MembershipChanged when the membership went, or changed role, since the page was read.
    """
    user, cohort_id, role = membership.user, membership.cohort_id, membership.role
    removed = db.session.execute(delete(Membership).where(Membership.id == membership.id, Membership.role == role))
    if removed.rowcount != 1:
        raise MembershipChanged
    audit.record(actor.id, "member.removed", user, cohort_id, role=role)
