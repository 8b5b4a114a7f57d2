"""The outbox: emails are written here, in the same transaction as what caused them, and sent later.

Writing an email never waits on the mail server, and a mail server that is down loses nothing: an email
waits in ``outgoing_emails`` until it is sent, each failed attempt puts the next one further off (one
minute, two, four … at most six hours), and after ``MAX_ATTEMPTS`` it is marked ``failed``. The in-app
notification that an email repeats is written on its own, so it never depends on the email.

Each email is written once: its ``dedupe_key`` (what it is about) is unique, so two schedulers that write
the same email at the same moment write one row. Each email is sent once: a sender claims it by
compare-and-set (``pending`` → ``sending``) before it talks to the mail server.
"""

import logging
import smtplib
from collections.abc import Mapping
from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Connection, Message
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from journal.emails import preferences
from journal.extensions import db
from journal.i18n import LANGUAGES
from journal.models import OutgoingEmail, User
from journal.models.types import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
LONGEST_WAIT = timedelta(hours=6)
# A sender that claimed an email and never finished (its process killed) gives it back after this long.
CLAIM_TIMEOUT = timedelta(minutes=10)
SMTP_TIMEOUT = 30  # seconds for each step of talking to the mail server, well under CLAIM_TIMEOUT
BATCH = 200
# Emails that carry a key (a password-reset link): once sent, or given up, their text is erased from the
# outbox, so that the database never keeps a working link longer than it takes to send it.
SECRET_KINDS = frozenset({"password_reset"})
ERASED = "[erased once sent: it held a one-time link]"


def recipient_language(user: User) -> str:
    """The language a person's emails are written in: their chosen one, else English."""
    return user.locale if user.locale in LANGUAGES else "en"


def queue_email(
    user: User,
    kind: str,
    dedupe_key: str,
    template: str,
    subject,
    context: Mapping | None = None,
    *,
    unsubscribable: bool = True,
    now: datetime | None = None,
) -> OutgoingEmail | None:
    """Write an email to ``user`` into the outbox, in their language; flushes, never commits.

    ``template`` names ``templates/emails/<template>.txt`` and ``.html`` (both get ``context``, ``user``
    and ``unsubscribe_url``); ``subject`` is a lazy string or a function of no arguments, made into text
    in the recipient's language. It is written, and due, at ``now`` (the scheduled run's time; by default
    the clock's). Returns the email, or None when the person turned ``kind`` off or an email
    with the same ``dedupe_key`` exists already (so calling twice writes once).
    """
    if not preferences.wants(user, kind):
        return None
    if db.session.scalar(select(OutgoingEmail.id).where(OutgoingEmail.dedupe_key == dedupe_key)) is not None:
        return None
    unsubscribe_url = preferences.unsubscribe_url(user, kind) if unsubscribable else None
    values = {**(context or {}), "user": user, "unsubscribe_url": unsubscribe_url}
    with force_locale(recipient_language(user)):
        email = OutgoingEmail(
            user_id=user.id,
            kind=kind,
            dedupe_key=dedupe_key,
            recipient=user.email,
            subject=str(subject() if callable(subject) else subject)[:300],
            body_text=render_template(f"emails/{template}.txt", **values),
            body_html=render_template(f"emails/{template}.html", **values),
            unsubscribe_url=unsubscribe_url,
            status="pending",
            attempts=0,
            next_attempt_at=now or utcnow(),
            created_at=now or utcnow(),
        )
    try:
        with db.session.begin_nested():  # another scheduler wrote the same email since the check above
            db.session.add(email)
    except IntegrityError:
        return None
    return email


def _message(email: OutgoingEmail) -> Message:
    """The email as Flask-Mail sends it, with one-click unsubscribe headers (RFC 8058) when it has them."""
    headers = {"Auto-Submitted": "auto-generated"}
    if email.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return Message(
        subject=email.subject,
        recipients=[email.recipient],
        body=email.body_text,
        html=email.body_html,
        extra_headers=headers,
    )


class _TimedConnection(Connection):
    """Flask-Mail's SMTP connection with a time limit on every network step (Flask-Mail sets none): a mail
    server that accepts and then never answers must not hold a sender past its claim (another sender would
    send the email again) nor stall the scheduler."""

    def configure_host(self):
        timeout = current_app.config.get("MAIL_TIMEOUT", SMTP_TIMEOUT)
        smtp = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp(self.mail.server, self.mail.port, timeout=timeout)
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host


def _claim(email_id: int, now: datetime) -> bool:
    """Take the email for sending (compare-and-set on its status); True for the one sender that did."""
    claimed = db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.id == email_id, OutgoingEmail.status == "pending")
        .values(status="sending", claimed_at=now)
    )
    db.session.commit()
    return claimed.rowcount == 1


def _retry_delay(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def _settled(email: OutgoingEmail) -> None:
    """Commit the email's new state; the text of a secret one goes once nothing will send it again."""
    if email.kind in SECRET_KINDS and email.status in ("sent", "failed", "skipped"):
        email.body_text = email.body_html = ERASED
    db.session.commit()


def _send(email_id: int, now: datetime) -> str:
    """Send one claimed email and record how it went: ``sent``, ``retry``, ``failed`` or ``skipped``."""
    email = db.session.get(OutgoingEmail, email_id)
    email.attempts += 1
    if not current_app.config.get("MAIL_SERVER"):
        email.status, email.last_error = "skipped", "no mail server is configured (MAIL_SERVER)"
        if current_app.config.get("APP_ENV") == "development":  # so a developer can follow reset links
            log.info("email not sent (no MAIL_SERVER) to %s: %s\n%s", email.recipient, email.subject, email.body_text)
        _settled(email)
        return "skipped"
    try:
        with _TimedConnection(current_app.extensions["mail"]) as connection:
            connection.send(_message(email))
    except Exception as error:  # the server refused or did not answer: try again later
        email.last_error = f"{type(error).__name__}: {error}"[:300]
        if email.attempts >= MAX_ATTEMPTS:
            email.status = "failed"
        else:
            email.status, email.next_attempt_at = "pending", now + _retry_delay(email.attempts)
        log.warning(
            "email %s (%s) not sent, attempt %s: %s", email.id, email.kind, email.attempts, type(error).__name__
        )
        _settled(email)
        return email.status if email.status == "failed" else "retry"
    email.status, email.sent_at, email.last_error = "sent", utcnow(), None
    _settled(email)
    return "sent"


def deliver_due(now: datetime | None = None) -> dict[str, int]:
    """Send the emails that are due (a scheduled job); returns how many were sent, retried and so on.

    Emails whose sender died while sending them are given back first. Safe to run in many processes at
    once: each email is claimed by one.
    """
    now = now or utcnow()
    db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.status == "sending", OutgoingEmail.claimed_at < now - CLAIM_TIMEOUT)
        .values(status="pending", claimed_at=None)
    )
    db.session.commit()
    due = db.session.scalars(
        select(OutgoingEmail.id)
        .where(OutgoingEmail.status == "pending", OutgoingEmail.next_attempt_at <= now)
        .order_by(OutgoingEmail.id)
        .limit(BATCH)
    ).all()
    counts: dict[str, int] = {}
    for email_id in due:
        if _claim(email_id, now):
            outcome = _send(email_id, now)
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def deliver_one(email_id: int) -> None:
    """Send one email now (a background job, for emails a person waits for, such as a reset link); if it
    cannot be sent now, the scheduler's next run tries again."""
    now = utcnow()
    if _claim(email_id, now):
        _send(email_id, now)
