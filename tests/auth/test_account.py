"""The account page: name, time zone, password."""

import pytest
from sqlalchemy import select

from journal.auth.passwords import hash_password, password_problem, verify_password
from journal.models import User
from tests.factories import PASSWORD


@pytest.fixture
def user(make, auth):
    found = make.user(name="Old Name")
    auth.login(found.email)
    return found


def test_account_page_shows_settings(client, user):
    body = client.get("/account").get_data(as_text=True)
    assert 'value="Old Name"' in body
    assert '<option value="Africa/Dar_es_Salaam">Africa/Dar es Salaam</option>' in body


def test_change_name_and_time_zone(client, user, query):
    response = client.post("/account", data={"display_name": "Amira H.", "timezone": "Asia/Kathmandu"})
    assert response.status_code == 302
    saved = query(lambda s: s.get(User, user.id))
    assert (saved.display_name, saved.timezone) == ("Amira H.", "Asia/Kathmandu")


def test_unknown_time_zone_is_refused(client, user, query):
    response = client.post("/account", data={"display_name": "Amira", "timezone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert query(lambda s: s.get(User, user.id).timezone) == "UTC"


def test_empty_name_is_refused(client, user):
    response = client.post("/account", data={"display_name": "  ", "timezone": "UTC"})
    assert "This field is required." in response.get_data(as_text=True)


def _change(client, current, new, confirm=None):
    return client.post(
        "/account/password", data={"current_password": current, "password": new, "confirm": confirm or new}
    )


def test_password_change_needs_the_current_password(client, user, query):
    response = _change(client, "not my password at all", "a brand new passphrase")
    assert "The current password is not correct." in response.get_data(as_text=True)
    assert verify_password(query(lambda s: s.get(User, user.id).password_hash), PASSWORD)


def test_password_change_refuses_short_password(client, user):
    response = _change(client, PASSWORD, "too short")
    assert "Use at least 12 characters" in response.get_data(as_text=True)


def test_password_change_then_login_with_new(client, user, auth):
    assert _change(client, PASSWORD, "a brand new passphrase").status_code == 302
    auth.logout()
    assert auth.login(user.email, PASSWORD).status_code == 200
    assert auth.login(user.email, "a brand new passphrase").status_code == 302


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("a" * 11, False),
        ("a" * 12, True),
        ("twelve chars", True),
        ("only lowercase letters here", True),
        (" " * 20, False),
        ("x" * 256, True),
        ("x" * 257, False),
        ("пароль-пароль", True),
    ],
)
def test_password_rule_is_length_only(password, ok):
    assert (password_problem(password) is None) is ok


def test_passwords_are_hashed_with_salted_scrypt():
    first, second = hash_password("the same password"), hash_password("the same password")
    assert first.startswith("scrypt:")
    assert first != second
    assert verify_password(first, "the same password")
    assert not verify_password(first, "another password")
    assert not verify_password(None, "anything")


def test_stored_hash_is_not_the_password(client, user, query):
    _change(client, PASSWORD, "a brand new passphrase")
    stored = query(lambda s: s.scalar(select(User.password_hash).where(User.id == user.id)))
    assert "a brand new passphrase" not in stored
