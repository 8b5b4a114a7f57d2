"""Fixtures for the email tests: a real SMTP server on loopback (``smtp``), and the settings that send to it.

Other email tests (digests, reminders, password reset) use them too: ``from tests.emails.conftest import
mail_settings, smtp``.
"""

from datetime import date, datetime, time, timedelta
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

from journal.timezones import week_start
from tests.cohorts.conftest import Inbox, free_port, smtp  # noqa: F401 (smtp is a fixture, used by name)

# A Monday ahead of the clock: the outbox makes an email due when it is written (by the clock), so a run
# "at" a later time sends it. The scheduled emails' tests count every time from it.
MONDAY = week_start(date.today()) + timedelta(weeks=2)


def at(days: int, hour: int, minute: int = 0, zone: str = "UTC") -> datetime:
    """The moment ``days`` after MONDAY at ``hour:minute`` in ``zone``."""
    return datetime.combine(MONDAY + timedelta(days=days), time(hour, minute), ZoneInfo(zone))


def received(smtp, to: str) -> list[dict]:  # noqa: F811 (the fixture's value)
    """The emails the SMTP server received for ``to``: subject, text and HTML."""
    _, inbox = smtp
    found = []
    for envelope in inbox.messages:
        if to in envelope.rcpt_tos:
            message = message_from_bytes(envelope.content, policy=policy.default)
            found.append(
                {
                    "subject": message["Subject"],
                    "text": message.get_body(("plain",)).get_content(),
                    "html": message.get_body(("html",)).get_content(),
                }
            )
    return found


def mail_settings(port: int) -> dict:
    """App settings (for ``app_config``) that send every email to the SMTP server on loopback at ``port``,
    for real: Flask-Mail would otherwise suppress sending under TESTING."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "MAIL_SUPPRESS_SEND": False}
