"""Password reset by email: a link sent to the account's address sets a new password, once, within the hour.

Asking for a link answers the same whatever the address (``request_reset`` returns nothing the view may
show), so the form cannot tell anyone which addresses have accounts. Asking is throttled three ways: per
client address by Flask-Limiter in the view, and here per typed address (Flask-Limiter's storage, shared on
Redis, counting every request for that address, known or not) and per account (the links the database holds
for it in the last hour); a throttled request is answered like any other and sends nothing.

A link is a random token; only its SHA-256 is stored (``PasswordResetToken``). It works once, for one hour:
using it is a compare-and-set (``used_at`` from NULL to now, while unexpired) in the same statement that
checks it, so of two submissions racing with one link exactly one sets the password. Asking again
invalidates the older unused links of the account: only the newest email's link works, so a link left in an
old email stops working as soon as a newer one is sent (and one reset uses up every link of the account).

A reset sets the password, ends every session of the account (the person logs in afresh, with their code
if two-factor is on: a reset never bypasses it), lifts a lockout (``throttle`` counts failures since the
last reset: they were guesses at a password that no longer exists) and is audited. Services flush; the view
commits once.
"""

import hashlib
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from limits import parse
from sqlalchemy import delete, func, select, update

from journal import audit, i18n
from journal.auth.passwords import hash_password, password_problem
from journal.auth.services import AccountError, close_reset_links, hash_token, new_token, user_by_email
from journal.emails import outbox
from journal.extensions import db, limiter
from journal.links import public_url_for
from journal.models import OutgoingEmail, PasswordResetToken, User, UserSession, normalize_email
from journal.models.types import utcnow

log = logging.getLogger(__name__)

VALID_FOR = timedelta(hours=1)
# Links one account may be sent in an hour (counted in the database, so across every worker and machine).
LINKS_PER_ACCOUNT = 3
# Requests for one typed address (known or not), per Flask-Limiter's storage. Settings may override it.
ADDRESS_LIMIT = "3 per hour"
EMAIL_KIND = "password_reset"  # not among EMAIL_KINDS: nobody can turn off an email they asked for


class ResetLinkError(AccountError):
    """The reset link cannot be used: unknown, used, replaced by a newer one, or older than an hour."""


def _address_allows(address: str) -> bool:
    """Count one request for ``address`` and say whether it is within the limit. The key holds the
    address's hash, never the address. If the limiter's storage does not answer, the per-account count
    (in the database) is still there, so the request goes on."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    limit = parse(current_app.config.get("PASSWORD_RESET_ADDRESS_LIMIT", ADDRESS_LIMIT))
    key = hashlib.sha256(address.encode()).hexdigest()
    try:
        return limiter.limiter.hit(limit, current_app.config["RATELIMIT_NAMESPACE"], "password-reset-address", key)
    except Exception:  # Redis down for a moment: fail open here, the database count still holds
        log.warning("password-reset address limit not checked: the rate-limit storage did not answer")
        return True


def _account_allows(user: User, now: datetime) -> bool:
    """Whether the account may be sent another link this hour. Its row is locked first, so requests
    racing for one account are counted one after the other (on SQLite, writers take turns anyway)."""
    db.session.execute(update(User).where(User.id == user.id).values(id=User.id))
    sent = db.session.scalar(
        select(func.count(PasswordResetToken.id)).where(
            PasswordResetToken.user_id == user.id, PasswordResetToken.created_at > now - VALID_FOR
        )
    )
    return sent < LINKS_PER_ACCOUNT


def request_reset(email: str, now: datetime | None = None) -> OutgoingEmail | None:
    """Write a reset link to the account with this address into the outbox, and return the email to send.

    Returns None, having written nothing, when no account has the address or when the address or the
    account has asked too often this hour: the caller answers the same in every case. A link sent closes
    the account's older unused ones, and is audited (``password.reset_requested``, with no address).
    Flushes; the caller commits, then sends the email.
    """
    now = now or utcnow()
    address = normalize_email(email)
    if not _address_allows(address):
        return None
    user = user_by_email(address)
    if user is None:
        return None
    if not _account_allows(user, now):
        log.warning("password-reset link for user %s not sent: too many this hour", user.id)
        return None
    close_reset_links(user, now)
    token, token_hash = new_token()
    link = PasswordResetToken(user_id=user.id, token_hash=token_hash, created_at=now, expires_at=now + VALID_FOR)
    db.session.add(link)
    db.session.flush()
    audit.record(None, "password.reset_requested", user, None, link_id=link.id)
    return outbox.queue_email(
        user,
        EMAIL_KIND,
        f"password_reset:{link.id}",
        "password_reset",
        _l("Reset your Intern Journal password"),
        {
            "link": public_url_for("auth.reset_password", token=token),
            "valid_until": link.expires_at.astimezone(ZoneInfo(user.timezone)),
            "local_time": i18n.format_local_datetime,
        },
        unsubscribable=False,
    )


def open_link(token: str, now: datetime | None = None) -> PasswordResetToken | None:
    """The link this token opens, if it can still be used; only looks (showing the form, or a mail
    scanner fetching the address, uses nothing up)."""
    now = now or utcnow()
    return db.session.scalar(
        select(PasswordResetToken).where(
            PasswordResetToken.token_hash == hash_token(token),
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > now,
        )
    )


def _claim(token: str, now: datetime) -> int | None:
    """Use the link up, if it is still open: one conditional UPDATE checks and claims it, so of requests
    racing with one token exactly one gets the account's id; None for the others."""
    return db.session.scalar(
        update(PasswordResetToken)
        .where(
            PasswordResetToken.token_hash == hash_token(token),
            PasswordResetToken.used_at.is_(None),
            PasswordResetToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(PasswordResetToken.user_id)
        .execution_options(synchronize_session=False)
    )


def reset_password(token: str, new_password: str, now: datetime | None = None) -> User:
    """Set a new password with the link's token, once; return the account (flushes; the view commits).

    Ends every session of the account, this browser's too, and every other link of it; lifts a lockout;
    leaves two-factor as it was. Raises ResetLinkError when the link cannot be used (it was used, replaced
    or has expired, or another request is using it now), AccountError when the password is too weak.
    """
    problem = password_problem(new_password)
    if problem:
        raise AccountError(problem)
    new_hash = hash_password(new_password)  # the slow part, before the claim: the link is held only briefly
    now = now or utcnow()
    user_id = _claim(token, now)
    if user_id is None:
        raise ResetLinkError(_l("This password-reset link cannot be used."))
    user = db.session.get(User, user_id, populate_existing=True)
    user.password_hash = new_hash
    close_reset_links(user, now)
    ended = db.session.execute(
        delete(UserSession).where(UserSession.user_id == user.id).execution_options(synchronize_session=False)
    ).rowcount
    audit.record(user.id, "password.reset", user, None, sessions_ended=ended)
    db.session.flush()
    return user
