"""Every form refuses a POST without a valid CSRF token."""

import pytest

from tests.html import csrf_token


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _token(client, path):
    return csrf_token(client.get(path).get_data(as_text=True))


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


def test_an_expired_entry_form_gives_the_text_back_to_copy_but_never_sends_it_from_there(client, make):
    """A form sent after its session ended (the browser perhaps logged in as someone else since):
    nothing is saved, the typed text is on the page to copy, and there is no button that would
    save it under whoever is logged in now. The password of a login form is never echoed."""
    intern = make.user()
    cohort = make.cohort()
    make.membership(intern, cohort, "intern")
    body = "The night nurse translated for the family; we waited for the morning round."
    response = client.post(
        f"/journal/{cohort.id}/new?kind=cultural",
        data={"title": "Night shift", "occurred_on": "2026-01-10", "theme": "family", "body": body, "csrf_token": "x"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This form has expired" in page
    assert "Nothing was saved" in page and "your text is below" in page
    assert body in page and "readonly" in page
    assert "Send it again" not in page

    login = client.post("/login", data={"email": intern.email, "password": "correct horse battery staple words"})
    assert "correct horse" not in login.get_data(as_text=True)
