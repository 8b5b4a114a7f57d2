"""Changing which emails a person receives, recorded: on the account page, or with an email's one-click
unsubscribe link. Each change is an ``emails.changed`` audit event naming the kinds (never an address)."""

from collections.abc import Iterable

from journal import audit
from journal.emails import preferences
from journal.models import EMAIL_KINDS, User


def save_choices(user: User, enabled: Iterable[str], cadence: str | None, among: Iterable[str]) -> bool:
    """Of the kinds ``among`` (those the account page offered), receive exactly those in ``enabled``, the
    digest every ``cadence`` (None keeps it); the kinds not offered keep their setting. Flushes.

    Returns whether anything changed (only then is it audited). Raises ValueError for an unknown kind or
    cadence, or one enabled that was not offered.
    """
    before_off, before_cadence = preferences.turned_off(user), user.digest_cadence
    preferences.set_preferences(user, enabled, cadence, among)
    after_off = preferences.turned_off(user)
    if (after_off, user.digest_cadence) == (before_off, before_cadence):
        return False
    audit.record(
        user.id,
        "emails.changed",
        user,
        None,
        turned_off=sorted(after_off - before_off),
        turned_on=sorted(before_off - after_off),
        digest_cadence=user.digest_cadence,
        via="settings",
    )
    return True


def stop(user: User, kind: str) -> bool:
    """Stop emails of ``kind`` to ``user`` (an unsubscribe link); flushes. Returns whether they were on
    (only then is it audited)."""
    if kind not in EMAIL_KINDS or not preferences.wants(user, kind):
        return False
    preferences.turn_off(user, kind)
    audit.record(user.id, "emails.changed", user, None, turned_off=[kind], turned_on=[], via="unsubscribe_link")
    return True
