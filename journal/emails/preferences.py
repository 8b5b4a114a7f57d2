"""Which emails a person receives: every kind is on until they turn it off (on the account page, or with an
email's one-click unsubscribe link), and a supervisor's digest comes daily or weekly."""

from collections.abc import Iterable

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select

from journal.extensions import db
from journal.links import public_url_for
from journal.models import DIGEST_CADENCES, EMAIL_KINDS, EmailOptOut, Membership, User

_SALT = "email-unsubscribe"

# The kinds that can reach someone holding a role in any cohort: what each role's events are. Offering the
# others (a supervisor digest to an intern) would ask people to decide about emails they never get.
KINDS_OF_ROLE = {
    "intern": ("comment", "signoff_decided", "reminder"),
    "supervisor": ("digest",),
    "reviewer": ("submission",),
}
COORDINATOR_KINDS = ("invitation_expired",)  # for ``is_admin``: coordinators manage the invitations


def applicable_kinds(user: User) -> tuple[str, ...]:
    """The kinds of email that can reach ``user`` given their roles (the union over their memberships, and
    the coordinators' kinds for ``is_admin``), in ``EMAIL_KINDS`` order; empty for someone with no role yet."""
    roles = set(db.session.scalars(select(Membership.role).where(Membership.user_id == user.id).distinct()))
    kinds = {kind for role in roles for kind in KINDS_OF_ROLE.get(role, ())}
    if user.is_admin:
        kinds.update(COORDINATOR_KINDS)
    return tuple(kind for kind in EMAIL_KINDS if kind in kinds)


def wants(user: User, kind: str) -> bool:
    """Whether ``user`` receives emails of ``kind`` (every kind unless they turned it off)."""
    if kind not in EMAIL_KINDS:
        return True  # a kind one cannot turn off (a password reset the person asked for)
    return (
        db.session.scalar(select(EmailOptOut.id).where(EmailOptOut.user_id == user.id, EmailOptOut.kind == kind))
        is None
    )


def turned_off(user: User) -> set[str]:
    """The kinds of email ``user`` has turned off."""
    return set(db.session.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == user.id)))


def set_preferences(
    user: User, enabled: Iterable[str], cadence: str | None, among: Iterable[str] = EMAIL_KINDS
) -> None:
    """Of the kinds ``among`` (those the person was offered), receive exactly those in ``enabled``; every
    other kind keeps its setting. The digest comes every ``cadence`` (None keeps it). Flushes, never commits.

    Raises ValueError for a kind or cadence the app does not know, or a kind enabled that was not offered.
    """
    enabled, among = set(enabled), set(among)
    if not enabled <= among <= set(EMAIL_KINDS) or (cadence is not None and cadence not in DIGEST_CADENCES):
        raise ValueError("unknown email kind or digest cadence")
    off = among - enabled
    db.session.execute(delete(EmailOptOut).where(EmailOptOut.user_id == user.id, EmailOptOut.kind.in_(enabled)))
    for kind in sorted(off - turned_off(user)):
        db.session.add(EmailOptOut(user_id=user.id, kind=kind))
    if cadence is not None:
        user.digest_cadence = cadence
    db.session.flush()


def turn_off(user: User, kind: str) -> None:
    """Stop emails of ``kind`` to ``user`` (a second call changes nothing); flushes, never commits."""
    if kind in EMAIL_KINDS and kind not in turned_off(user):
        db.session.add(EmailOptOut(user_id=user.id, kind=kind))
        db.session.flush()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user: User, kind: str) -> str:
    """A token that turns off ``kind`` for ``user`` without logging in; it does nothing else."""
    return _serializer().dumps([user.id, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (user id, kind) a token names, or None when it is forged, damaged or names an unknown kind."""
    try:
        user_id, kind = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or kind not in EMAIL_KINDS:
        return None
    return user_id, kind


def unsubscribe_url(user: User, kind: str) -> str:
    """The full one-click unsubscribe address for ``kind`` (under ``PUBLIC_URL``)."""
    return public_url_for("emails.unsubscribe", token=unsubscribe_token(user, kind))
