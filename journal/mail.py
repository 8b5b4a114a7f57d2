"""Outgoing email. Without ``MAIL_SERVER`` nothing is sent and links are shown instead."""

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_mail import BadHeaderError, Message

__all__ = ["BadHeaderError", "mail_enabled", "send_invitation"]

from journal.extensions import mail
from journal.i18n import LANGUAGES, language
from journal.models.cohorts import ROLE_NOUNS


def mail_enabled() -> bool:
    """True when an SMTP server is configured."""
    return bool(current_app.config.get("MAIL_SERVER"))


def _sender_language(invitation) -> str:
    """The language an invitation is written in: its sender's (the invitee's is not known yet), else the
    current request's."""
    sender = invitation.invited_by
    return sender.locale if sender is not None and sender.locale in LANGUAGES else language()


def send_invitation(invitation, link: str) -> None:
    """Email the invitation link to the invitee (only when mail is configured), in the sender's language."""
    with force_locale(_sender_language(invitation)):
        message = Message(
            subject=_("You are invited to %(cohort)s on Intern Journal", cohort=invitation.cohort.name),
            recipients=[invitation.email],
            body=render_template(
                "emails/invitation.txt", invitation=invitation, link=link, role=str(ROLE_NOUNS[invitation.role])
            ),
        )
    mail.send(message)
