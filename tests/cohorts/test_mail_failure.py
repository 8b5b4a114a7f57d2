"""A configured mail server that cannot be reached loses no invitation: the link is shown."""

import pytest
from sqlalchemy import select

from journal.models import Invitation
from tests.cohorts.conftest import free_port


@pytest.fixture
def app_config():
    # Nothing listens on this port.
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": free_port(), "MAIL_USE_TLS": False, "MAIL_SUPPRESS_SEND": False}


def test_unreachable_mail_server_still_shows_the_link(client, make, auth, query):
    admin = make.admin()
    cohort = make.cohort()
    auth.login(admin.email)
    body = client.post(f"/cohorts/{cohort.id}/invite", data={"email": "x@example.org", "role": "intern"}).get_data(
        as_text=True
    )
    assert "The mail server could not be reached" in body
    assert "http://localhost/invitations/" in body
    assert query(lambda s: s.scalar(select(Invitation.email))) == "x@example.org"
