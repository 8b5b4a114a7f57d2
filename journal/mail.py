"""Outgoing email. Without ``MAIL_SERVER`` nothing is sent and links are shown instead."""

from flask import current_app, render_template
from flask_mail import BadHeaderError, Message

__all__ = ["BadHeaderError", "mail_enabled", "send_invitation"]

from journal.extensions import mail


def mail_enabled() -> bool:
    """True when an SMTP server is configured."""
    return bool(current_app.config.get("MAIL_SERVER"))


def send_invitation(invitation, link: str) -> None:
    """Email the invitation link to the invitee (only when mail is configured)."""
    message = Message(
        subject=f"You are invited to {invitation.cohort.name} on Intern Journal",
        recipients=[invitation.email],
        body=render_template("emails/invitation.txt", invitation=invitation, link=link),
    )
    mail.send(message)
