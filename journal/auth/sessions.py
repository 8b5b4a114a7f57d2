"""Sessions kept on the server: logging out or changing the password ends them for real.

The signed cookie holds the user's id and a random token; the database holds the
token's hash in a ``UserSession`` row. A request is logged in only while that row
exists and has been used within the session lifetime, so a copied cookie stops
working the moment its row is deleted.
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, request, session
from flask_login import login_user, logout_user
from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import contains_eager

from journal.extensions import db
from journal.models import Cohort, Membership, User, UserSession
from journal.models.types import utcnow

SESSION_KEY = "sid"
# Writing "last seen" on every request would turn every page view into a write.
TOUCH_EVERY = timedelta(minutes=5)
# Sensitive acts (downloading everything, submitting, deleting the account) ask again after this.
PASSWORD_FRESH_FOR = timedelta(minutes=10)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def two_factor_required_clause(user_id):
    """SQL truth of "this user must use two-factor": a coordinator while any cohort asks for
    it, or a supervisor of a cohort that does."""
    supervises_strict_cohort = exists().where(
        Membership.user_id == user_id,
        Membership.role == "supervisor",
        Membership.cohort_id == Cohort.id,
        Cohort.requires_two_factor.is_(True),
    )
    any_strict_cohort = exists().where(Cohort.requires_two_factor.is_(True))
    return or_(supervises_strict_cohort, and_(User.is_admin.is_(True), any_strict_cohort))


def open_session(user: User) -> str:
    """Record a new session for ``user`` and return the token for the cookie (flushes)."""
    token = secrets.token_urlsafe(32)
    agent = request.user_agent.string if request else ""
    db.session.add(UserSession(user_id=user.id, token_hash=_hash(token), user_agent=agent[:200]))
    db.session.flush()
    return token


def start_session(user: User) -> None:
    """Log the user in on a brand-new session (no fixation of an earlier one)."""
    session.clear()
    token = open_session(user)
    login_user(user)
    session[SESSION_KEY] = token
    session.permanent = True


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the user whose live session row matches the cookie's token.

    One statement loads the session, its user and whether two-factor is required of them.
    """
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not user_id.isdigit():
        return None
    row = db.session.execute(
        select(UserSession, two_factor_required_clause(UserSession.user_id))
        .join(UserSession.user)
        .options(contains_eager(UserSession.user))
        .where(UserSession.token_hash == _hash(token), UserSession.user_id == int(user_id))
    ).first()
    if row is None:
        return None
    user_session, needs_two_factor = row
    now = utcnow()
    if now - user_session.last_seen_at > current_app.config["PERMANENT_SESSION_LIFETIME"]:
        return None
    if now - user_session.last_seen_at > TOUCH_EVERY:
        _touch(user_session.id, now)
    g.user_session = user_session
    g.two_factor_required = bool(needs_two_factor)
    return user_session.user


def _touch(session_id: int, now) -> None:
    """Note that the session was used, in a transaction of its own (the view may not commit)."""
    with db.engine.begin() as connection:
        connection.execute(update(UserSession).where(UserSession.id == session_id).values(last_seen_at=now))


def current_session() -> UserSession | None:
    """The session row of this request's logged-in user, if any."""
    return g.get("user_session")


def end_session() -> None:
    """Log out: delete this browser's session row and clear the cookie."""
    token = session.get(SESSION_KEY)
    if isinstance(token, str):
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))
        db.session.commit()
    logout_user()
    session.clear()


def end_other_sessions(user: User) -> int:
    """Delete every session of ``user`` but this one; return how many ended (flushes)."""
    keep = current_session()
    condition = UserSession.user_id == user.id
    if keep is not None:
        condition = and_(condition, UserSession.id != keep.id)
    ended = db.session.execute(delete(UserSession).where(condition).execution_options(synchronize_session=False))
    return ended.rowcount


def sessions_of(user: User) -> list[UserSession]:
    """The user's live sessions, most recently used first."""
    since = utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.last_seen_at >= since)
            .order_by(UserSession.last_seen_at.desc())
        )
    )


def confirm_password_now() -> None:
    """Note that the password was just typed in this session."""
    user_session = current_session()
    if user_session is not None:
        user_session.password_confirmed_at = utcnow()


def password_recently_confirmed() -> bool:
    """Whether the password was typed in this session within the last 10 minutes."""
    user_session = current_session()
    return user_session is not None and utcnow() - user_session.password_confirmed_at <= PASSWORD_FRESH_FOR
