"""Sessions live on the server: logging out, changing the password or ending other sessions
stops a copied cookie from working; the security page lists where one is logged in."""

from datetime import timedelta

from sqlalchemy import func, select, update

from journal.models import AuditEvent, UserSession
from journal.models.types import utcnow
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase for the ward"


def _copy_cookie(app, source):
    """A second browser holding a copy of ``source``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", source.get_cookie("session").value)
    return thief


def _sessions(query, user):
    return query(lambda s: s.scalar(select(func.count()).where(UserSession.user_id == user.id)))


def test_login_opens_one_session_row_holding_only_a_hash(app, client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    with client.session_transaction() as session:
        token = session["sid"]
    row = query(lambda s: s.scalar(select(UserSession).where(UserSession.user_id == user.id)))
    assert row is not None and token not in row.token_hash and len(row.token_hash) == 64


def test_a_replayed_cookie_stops_working_after_logout(app, client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    thief = _copy_cookie(app, client)
    assert thief.get("/account").status_code == 200  # the copy works while the session lives
    auth.logout()
    assert _sessions(query, user) == 0
    response = thief.get("/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_changing_the_password_ends_every_other_session(app, client, make, auth, query):
    user = make.user()
    other_browser = app.test_client()
    other_browser.post("/login", data={"email": user.email, "password": PASSWORD})
    auth.login(user.email)
    assert other_browser.get("/account").status_code == 200
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        follow_redirects=True,
    )
    assert "1 other session was logged out." in response.get_data(as_text=True)
    assert other_browser.get("/account").status_code == 302
    assert client.get("/account").status_code == 200  # this browser stays in
    assert _sessions(query, user) == 1
    event = query(lambda s: s.scalar(select(AuditEvent).where(AuditEvent.action == "password.changed")))
    assert (event.actor_id, event.object_id, event.details) == (user.id, user.id, {"sessions_ended": 1})


def test_log_out_everywhere_else(app, client, make, auth, query):
    user = make.user()
    phones = [app.test_client() for _ in range(2)]
    for phone in phones:
        phone.post("/login", data={"email": user.email, "password": PASSWORD})
    auth.login(user.email)
    page = client.get("/account/security").get_data(as_text=True)
    assert page.count("Logged in ") == 3 and "This browser" in page
    response = client.post("/account/sessions/end-others", follow_redirects=True)
    assert "Logged out of 2 other sessions." in response.get_data(as_text=True)
    assert [phone.get("/account").status_code for phone in phones] == [302, 302]
    assert client.get("/account").status_code == 200


def test_a_session_unused_for_longer_than_its_lifetime_has_ended(app, client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    lifetime = app.config["PERMANENT_SESSION_LIFETIME"]

    def age(session):
        session.execute(update(UserSession).values(last_seen_at=utcnow() - lifetime - timedelta(minutes=1)))
        session.commit()

    query(age)
    assert client.get("/account").status_code == 302


def test_use_is_noted_at_most_every_few_minutes(app, client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    earlier = utcnow() - timedelta(minutes=6)

    def set_seen(session):
        session.execute(update(UserSession).values(last_seen_at=earlier))
        session.commit()

    query(set_seen)
    client.get("/account")
    seen = query(lambda s: s.scalar(select(UserSession.last_seen_at)))
    assert seen > earlier + timedelta(minutes=5)


def test_a_cookie_without_a_session_token_is_not_logged_in(client, make):
    """A cookie from before server-side sessions, or one forged without a token, is anonymous."""
    user = make.user()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    assert client.get("/account").status_code == 302


def test_a_session_token_only_works_for_its_own_user(app, client, make, auth):
    alice, bob = make.user(), make.user()
    auth.login(alice.email)
    with client.session_transaction() as session:
        session["_user_id"] = str(bob.id)  # as if the signed cookie could be edited
    assert client.get("/account").status_code == 302


def test_security_page_names_the_browser(client, make, auth):
    user = make.user()
    agent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
    client.post("/login", data={"email": user.email, "password": PASSWORD}, headers={"User-Agent": agent})
    assert "Chrome on Android" in client.get("/account/security").get_data(as_text=True)
