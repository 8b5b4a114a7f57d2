"""Fixtures for the email tests: a real SMTP server on loopback (``smtp``), and the settings that send to it.

Other email tests (digests, reminders, password reset) use them too: ``from tests.emails.conftest import
mail_settings, smtp``.
"""

from tests.cohorts.conftest import Inbox, free_port, smtp  # noqa: F401 (smtp is a fixture, used by name)


def mail_settings(port: int) -> dict:
    """App settings (for ``app_config``) that send every email to the SMTP server on loopback at ``port``,
    for real: Flask-Mail would otherwise suppress sending under TESTING."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "MAIL_SUPPRESS_SEND": False}
