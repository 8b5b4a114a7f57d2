"""Account operations: check a login, redeem an invitation, change settings and password.

Services flush; the calling view commits once.
"""

import hashlib
import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update

from journal import audit, i18n
from journal.auth import sessions, throttle
from journal.auth.passwords import hash_password, password_problem, verify_password
from journal.extensions import db
from journal.models import Invitation, Membership, PasswordResetToken, User, normalize_email
from journal.models.types import utcnow
from journal.notifications.services import announce_member


class AccountError(ValueError):
    """An operation refused for a reason the person can fix; ``str()`` says which."""


def hash_token(token: str) -> str:
    """The stored form of a secret token (an invitation's, a password-reset link's): its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh secret token and its hash."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def user_by_email(email: str) -> User | None:
    """Find an account by email, ignoring case and surrounding spaces."""
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def check_login(email: str, password: str) -> User:
    """The account whose password this is. Raises AccountError saying why not: wrong email
    or password (the same words and cost either way), or an account locked after too many
    failures. A wrong password for a known account is audited (flushes; the view commits)."""
    user = user_by_email(email)
    if user is not None and throttle.is_locked(user):
        verify_password(None, password)
        raise AccountError(throttle.LOCKED_MESSAGE)
    right = verify_password(user.password_hash if user else None, password)
    if user is not None and not throttle.settle(user, ok=right, stage="password"):
        raise AccountError(throttle.LOCKED_MESSAGE)
    if not right:
        raise AccountError(_("Email or password is incorrect."))
    return user


def create_user(
    email: str,
    display_name: str,
    password: str,
    *,
    is_admin: bool = False,
    timezone: str = "UTC",
    locale: str | None = None,
) -> User:
    """Create an account (in ``locale``, its language, if one was chosen). Raises AccountError if the email is
    taken or the password too weak."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if user_by_email(email) is not None:
        raise AccountError(_("An account with this email already exists."))
    user = User(
        email=normalize_email(email),
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        is_admin=is_admin,
        timezone=timezone,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation this token opens, if it can still be used."""
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def add_membership(user: User, cohort_id: int, role: str) -> Membership:
    """Give the user a role in the cohort. Raises AccountError if they already have one."""
    existing = db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.cohort_id == cohort_id)
    )
    if existing is not None:
        raise AccountError(
            _(
                "%(email)s is already a member of this cohort (%(role)s).",
                email=user.email,
                role=existing.role_label,
            )
        )
    found = Membership(user_id=user.id, cohort_id=cohort_id, role=role)
    db.session.add(found)
    db.session.flush()
    return found


def claim_invitation(token: str) -> Invitation | None:
    """Mark the invitation this token opens as accepted, if it still can be, and return it; else None.

    One conditional UPDATE (compare-and-set on the token's hash, still open, not expired) both checks
    and claims, so of two acceptances racing on one link exactly one gets the invitation, and a link
    renewed, cancelled or accepted meanwhile is refused even if it was usable a moment before.
    """
    now = utcnow()
    claimed = db.session.scalar(
        update(Invitation)
        .where(
            Invitation.token_hash == hash_token(token),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(accepted_at=now)
        .returning(Invitation.id)
        .execution_options(synchronize_session=False)
    )
    return None if claimed is None else db.session.get(Invitation, claimed, populate_existing=True)


def accept_invitation(token: str, display_name: str, password: str) -> User:
    """Redeem the invitation the token opens: create the account and its membership, once.

    The invitation is claimed first (``claim_invitation``), so of two submissions racing (a double
    click, two tabs, a link passed on) exactly one proceeds; the others raise AccountError. If an
    account with the invited email appeared meanwhile, the membership is added to it and the
    password given here is ignored. New accounts start in the cohort's time zone and in the language the
    invitation was accepted in. The new
    membership is audited in the cohort's log and, for a supervisor or reviewer, announced to
    the cohort's interns.
    """
    invitation = claim_invitation(token)
    if invitation is None:
        raise AccountError(_("This invitation has already been used, or it no longer works."))
    user = user_by_email(invitation.email)
    if user is None:
        user = create_user(
            invitation.email, display_name, password, timezone=invitation.cohort.timezone, locale=i18n.language()
        )
    if (
        db.session.scalar(
            select(Membership).where(Membership.user_id == user.id, Membership.cohort_id == invitation.cohort_id)
        )
        is None
    ):
        add_membership(user, invitation.cohort_id, invitation.role)
        audit.record(
            user.id, "member.joined", user, invitation.cohort_id, role=invitation.role, invitation_id=invitation.id
        )
        announce_member(user, invitation.cohort_id, invitation.role)
    db.session.flush()
    return user


def update_account(user: User, display_name: str, timezone: str, locale: str | None = None) -> None:
    """Change the person's name, time zone and (when given) language."""
    user.display_name = display_name.strip()
    user.timezone = timezone
    if locale is not None:
        user.locale = locale


def close_reset_links(user: User, now: datetime) -> None:
    """End every unused password-reset link of the account now (they stay, as used-up rows, for the hourly
    count): a new link replaces them, and a password changed by its owner makes them pointless."""
    db.session.execute(
        update(PasswordResetToken)
        .where(
            PasswordResetToken.user_id == user.id,
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )


def change_password(user: User, current: str, new: str) -> int:
    """Set a new password and end every other session of the user; return how many ended.

    Raises AccountError if the current password is wrong (audited as a failed login, and
    refused outright once the account is locked) or the new one is weak.
    """
    if throttle.is_locked(user):
        raise AccountError(throttle.LOCKED_MESSAGE)
    right = verify_password(user.password_hash, current)
    if not throttle.settle(user, ok=right, stage="password_change"):
        raise AccountError(throttle.LOCKED_MESSAGE)
    if not right:
        raise AccountError(_("The current password is not correct."))
    problem = password_problem(new)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(new)
    close_reset_links(user, utcnow())
    ended = sessions.end_other_sessions(user)
    sessions.confirm_password_now()
    audit.record(user.id, "password.changed", user, None, sessions_ended=ended)
    return ended
