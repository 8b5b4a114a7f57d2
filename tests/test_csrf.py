"""Every form refuses a POST without a valid CSRF token."""

import re

import pytest


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _token(client, path):
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def test_login_without_token_is_rejected(client, make):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": "correct horse battery staple"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_login_with_token_works(client, make):
    user = make.user()
    token = _token(client, "/login")
    response = client.post(
        "/login", data={"email": user.email, "password": "correct horse battery staple", "csrf_token": token}
    )
    assert response.status_code == 302


def test_logged_in_forms_refuse_a_forged_token(client, make):
    admin = make.admin()
    token = _token(client, "/login")
    client.post("/login", data={"email": admin.email, "password": "correct horse battery staple", "csrf_token": token})
    response = client.post("/cohorts/new", data={"name": "Forged", "csrf_token": "not-the-token"})
    assert response.status_code == 400
    assert client.post("/logout").status_code == 400
