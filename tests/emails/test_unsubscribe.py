"""One-click unsubscribe: an email's link asks first (a link scanner opening it changes nothing), a POST
turns that one kind off (also the mail provider's RFC 8058 POST, with no CSRF token and no login), and
a damaged link changes nothing and says so."""

import pytest
from sqlalchemy import select

from journal.emails import preferences
from journal.extensions import db
from journal.models import AuditEvent, EmailOptOut, User
from tests.conftest import log_in_as


@pytest.fixture
def app_config():
    """CSRF protection on, as in production: the one-click POST must get through without a token."""
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def intern(make):
    return make.member(make.cohort(), "intern", name="Amira Haddad")


def link(app, user, kind="comment") -> str:
    """The path of the user's unsubscribe link for ``kind``, as their emails carry it."""
    with app.test_request_context():
        return preferences.unsubscribe_url(db.session.get(User, user.id), kind).split("//", 1)[1].split("/", 1)[1]


def turned_off(query, user) -> list[str]:
    return query(lambda s: sorted(s.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == user.id))))


def audited(query) -> list[tuple]:
    return query(
        lambda s: [
            (event.actor_id, event.details)
            for event in s.scalars(select(AuditEvent).where(AuditEvent.action == "emails.changed"))
        ]
    )


def test_opening_the_link_asks_and_changes_nothing(app, client, query, intern):
    page = client.get(f"/{link(app, intern)}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Stop emails about “Comments on your entries”?" in html
    assert "Stop these emails</button>" in html
    assert turned_off(query, intern) == [] and audited(query) == []


def test_the_button_stops_that_kind_only_and_is_audited_once(app, client, query, intern):
    path = f"/{link(app, intern, 'signoff_decided')}"
    done = client.post(path)
    assert done.status_code == 200
    html = done.get_data(as_text=True)
    assert "You will no longer receive emails about “Sign-off decisions”." in html
    assert 'href="/account/emails"' in html
    assert turned_off(query, intern) == ["signoff_decided"]
    assert audited(query) == [
        (intern.id, {"turned_off": ["signoff_decided"], "turned_on": [], "via": "unsubscribe_link"})
    ]

    assert client.post(path).status_code == 200  # a second click: still off, nothing new to record
    assert turned_off(query, intern) == ["signoff_decided"] and len(audited(query)) == 1
    assert "These emails are already off" in client.get(path).get_data(as_text=True)


def test_the_mail_providers_one_click_post_needs_no_token_nor_login(app, client, query, intern):
    response = client.post(
        f"/{link(app, intern)}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        headers={"User-Agent": "Mail provider"},
    )
    assert response.status_code == 200
    assert turned_off(query, intern) == ["comment"]


def test_it_works_whoever_is_logged_in_in_the_browser(app, client, make, query, intern):
    log_in_as(client, make.user())
    assert client.post(f"/{link(app, intern)}").status_code == 200
    assert turned_off(query, intern) == ["comment"]


@pytest.mark.parametrize("damage", ["cut", "forged", "unknown kind"])
def test_a_damaged_link_changes_nothing_and_says_so(app, client, query, intern, damage):
    from itsdangerous import URLSafeSerializer

    path = link(app, intern)
    if damage == "cut":
        path = path[:-6]
    elif damage == "forged":
        path = "email/unsubscribe/" + URLSafeSerializer("another key", salt="email-unsubscribe").dumps(
            [intern.id, "comment"]
        )
    else:
        path = "email/unsubscribe/" + URLSafeSerializer("test-secret-key", salt="email-unsubscribe").dumps(
            [intern.id, "everything"]
        )
    for response in (client.get(f"/{path}"), client.post(f"/{path}")):
        assert response.status_code == 404
        assert "This unsubscribe link does not work" in response.get_data(as_text=True)
    assert turned_off(query, intern) == [] and audited(query) == []


def test_the_link_of_a_deleted_account_is_a_404(app, client, query, intern):
    path = link(app, intern)
    with app.app_context():
        db.session.delete(db.session.get(User, intern.id))
        db.session.commit()
    assert client.post(f"/{path}").status_code == 404


def test_an_unsubscribe_link_never_reaches_the_access_log():
    """Whoever reads the logs must not be able to turn people's emails off."""
    from journal import logs

    assert logs.redact_address("/email/unsubscribe/WzEsImNvbW1lbnQiXQ.abc") == "/email/unsubscribe/[hidden]"
