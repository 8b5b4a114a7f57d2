"""Logging in and out, the session, and throttling of failed logins."""

import os
import uuid

import pytest
from sqlalchemy import select

from journal.extensions import db
from journal.models import User
from tests.conftest import make_app, without_csrf_tokens
from tests.factories import PASSWORD


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'autocomplete="current-password"' in response.get_data(as_text=True)


def test_login_with_correct_password_goes_home(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    response = auth.login(intern.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == f"/home/{cohort.id}"


def test_email_is_case_insensitive(client, make, auth):
    user = make.user(email="Amira.Haddad@Example.org")
    assert user.email == "amira.haddad@example.org"
    assert auth.login("  AMIRA.haddad@EXAMPLE.ORG ").status_code == 302


def test_failure_does_not_say_whether_the_email_exists(client, make, auth):
    user = make.user()
    wrong_password = auth.login(user.email, "not the right password")
    unknown_email = auth.login("nobody@example.org", "not the right password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    for response in (wrong_password, unknown_email):
        assert "Email or password is incorrect." in response.get_data(as_text=True)
    # The two pages differ only in the echoed email (and the time-stamped CSRF tokens).
    first = without_csrf_tokens(wrong_password.get_data(as_text=True)).replace(user.email, "X")
    second = without_csrf_tokens(unknown_email.get_data(as_text=True)).replace("nobody@example.org", "X")
    assert first == second


def test_failed_login_keeps_the_typed_email(client, auth):
    body = auth.login("typed@example.org", "wrong password here").get_data(as_text=True)
    assert 'value="typed@example.org"' in body


def test_login_renews_the_session(client, make, auth):
    user = make.user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login(user.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == str(user.id)


def test_login_records_last_login(client, make, auth, query):
    user = make.user()
    auth.login(user.email)
    assert query(lambda s: s.get(User, user.id).last_login_at) is not None


def test_next_parameter_returns_to_the_page(client, make, auth):
    user = make.user()
    response = client.post("/login?next=/account", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "account"])
def test_next_parameter_cannot_leave_the_site(client, make, target):
    user = make.user()
    response = client.post(f"/login?next={target}", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_protected_page_redirects_to_login_with_next(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/account"


def test_logged_in_user_visiting_login_goes_home(client, make, auth):
    user = make.user()
    auth.login(user.email)
    assert client.get("/login").headers["Location"] == "/"


def test_logout_ends_the_session(client, make, auth):
    user = make.user()
    auth.login(user.email)
    assert client.get("/account").status_code == 200
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert client.get("/account").status_code == 302
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_logout_needs_post(client, make, auth):
    user = make.user()
    auth.login(user.email)
    assert client.get("/logout").status_code == 405
    assert client.get("/account").status_code == 200


def _fail(auth, email="someone@example.org"):
    return auth.login(email, "wrong password, wrong password")


def test_five_failures_in_a_minute_are_throttled(client, make, auth):
    user = make.user()
    for _ in range(5):
        assert _fail(auth, user.email).status_code == 200
    throttled = _fail(auth, user.email)
    assert throttled.status_code == 429
    assert "Too many attempts" in throttled.get_data(as_text=True)
    # Even the right password waits until the minute has passed.
    assert auth.login(user.email).status_code == 429


def test_successful_logins_are_not_counted(client, make, auth):
    user = make.user()
    for _ in range(8):
        assert auth.login(user.email).status_code == 302
        auth.logout()
    assert _fail(auth).status_code == 200


def test_throttle_is_per_address(client, make, auth):
    for _ in range(5):
        _fail(auth)
    assert _fail(auth).status_code == 429
    other = client.post(
        "/login",
        data={"email": "x@example.org", "password": "wrong password"},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert other.status_code == 200


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set; CI sets it")
def test_throttle_is_shared_through_redis_across_app_instances(app, database_url, tmp_path):
    """Two app processes (two gunicorn workers) share the count when REDIS_URL is set."""
    prefix = f"test-shared-{uuid.uuid4().hex}"
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    data = {"email": "a@example.org", "password": "wrong password"}
    first = make_app(url, RATELIMIT_NAMESPACE=prefix)
    assert first.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    for _ in range(3):
        assert first.test_client().post("/login", data=data).status_code == 200
    # A new app connects to the store afresh: with memory storage it would start from zero.
    second = make_app(url, RATELIMIT_NAMESPACE=prefix)
    for _ in range(2):
        assert second.test_client().post("/login", data=data).status_code == 200
    assert second.test_client().post("/login", data=data).status_code == 429
    for each in (first, second):
        with each.app_context():
            db.engine.dispose()


def test_unknown_user_id_in_session_is_logged_out(client, make, query):
    user = make.user()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id + 1000)
    assert client.get("/account").status_code == 302
    assert query(lambda s: s.scalar(select(User).where(User.id == user.id))) is not None


def test_a_burst_of_attempts_is_capped_even_when_they_succeed(app, client, make, auth):
    """Every attempt counts against the burst limit, so parallel guesses cannot slip past the failure count."""
    user = make.user()
    statuses = []
    for _ in range(22):
        statuses.append(auth.login(user.email).status_code)
        auth.logout()
    assert statuses[:20] == [302] * 20
    assert statuses[20:] == [429, 429]
