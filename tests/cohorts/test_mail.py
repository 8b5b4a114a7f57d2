"""With MAIL_SERVER set, invitations go out by SMTP (to a real SMTP server on loopback)."""

import pytest
from sqlalchemy import select

from journal.models import Invitation


@pytest.fixture
def app_config(smtp):
    controller, _ = smtp
    # Flask-Mail suppresses sending under TESTING; these tests want the real delivery.
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": controller.port,
        "MAIL_USE_TLS": False,
        "MAIL_SUPPRESS_SEND": False,
    }


def test_invitation_is_emailed(client, make, auth, smtp, query):
    _, inbox = smtp
    admin = make.admin()
    cohort = make.cohort(name="Lima winter")
    auth.login(admin.email)
    body = client.post(f"/cohorts/{cohort.id}/invite", data={"email": "sofia@example.org", "role": "intern"}).get_data(
        as_text=True
    )
    assert "An email with a personal link was sent" in body
    assert "http://localhost/invitations/" not in body
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["sofia@example.org"]
    text = message.content.decode()
    assert "Lima winter" in text
    assert "http://localhost/invitations/" in text
    assert query(lambda s: s.scalar(select(Invitation.email))) == "sofia@example.org"
