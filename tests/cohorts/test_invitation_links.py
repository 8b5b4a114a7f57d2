"""Invitation links start with PUBLIC_URL, whatever Host the request that made them names.

Whoever sends the request chooses its Host header; a link built from it would carry an
address of their choosing into the invitation the new member receives.
"""

import io
import re

import pytest

PUBLIC = "https://journal.university.example"
FORGED = "evil.example"


@pytest.fixture
def app_config(request):
    config = {"PUBLIC_URL": PUBLIC}
    if "smtp" in request.fixturenames:
        controller, _ = request.getfixturevalue("smtp")
        config |= {
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": controller.port,
            "MAIL_USE_TLS": False,
            "MAIL_SUPPRESS_SEND": False,
        }
    return config


@pytest.fixture
def coordinator(make, auth):
    """A coordinator logged in through the forged Host (the browser's cookie is for that host)."""
    found = make.admin()
    assert auth.login(found.email, headers={"Host": FORGED}).status_code == 302
    return found


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+/invitations/[^\s\"'<>]+", text)


def _forged(client, path: str, **kwargs):
    return client.post(path, headers={"Host": FORGED}, **kwargs)


def test_the_link_shown_uses_public_url_under_a_forged_host(client, coordinator, make):
    cohort = make.cohort()
    response = _forged(client, f"/cohorts/{cohort.id}/invite", data={"email": "new@example.org", "role": "intern"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert FORGED not in page
    (link,) = set(_links(page))
    assert link.startswith(f"{PUBLIC}/invitations/")


def test_a_renewed_link_and_roster_links_use_public_url_under_a_forged_host(client, coordinator, make):
    cohort = make.cohort()
    invitation, _ = make.invitation(cohort, email="again@example.org")
    renewed = _forged(client, f"/cohorts/{cohort.id}/invitations/{invitation.id}/renew").get_data(as_text=True)
    roster = io.BytesIO(b"email,name,role\nroster@example.org,Roster Person,intern\n")
    imported = _forged(
        client,
        f"/cohorts/{cohort.id}/roster",
        data={"roster": (roster, "roster.csv")},
        content_type="multipart/form-data",
    )
    imported = imported.get_data(as_text=True)
    for page in (renewed, imported):
        assert FORGED not in page
        assert _links(page) and all(link.startswith(f"{PUBLIC}/invitations/") for link in _links(page)), page


def test_the_emailed_link_uses_public_url_under_a_forged_host(client, coordinator, make, smtp):
    _, inbox = smtp
    cohort = make.cohort()
    _forged(client, f"/cohorts/{cohort.id}/invite", data={"email": "mailed@example.org", "role": "intern"})
    (message,) = inbox.messages
    text = message.content.decode()
    assert FORGED not in text
    assert _links(text) and all(link.startswith(f"{PUBLIC}/invitations/") for link in _links(text))
