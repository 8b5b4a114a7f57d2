"""Errors answer in the caller's language: JSON to ``fetch()`` callers, the error page to browsers.

A request wants JSON when its Accept header prefers application/json to text/html, when it sends
JSON, when it names an ``/api/`` address or when it says ``X-Requested-With``. It then gets
``{"error": ..., "message": ...}`` with the status of the error, for every error; a browser asking
for the same address gets the page (and a login form rather than a 401).
"""

from dataclasses import dataclass

import pytest
from flask import abort

from tests.conftest import log_in_as

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
FETCH_JSON = {"Accept": "application/json"}


@dataclass
class World:
    cohort_id: int
    entry_id: int
    intern: object


@pytest.fixture
def app_config(request):
    """A small upload limit and login limit; a test may add settings (``indirect`` parametrisation)."""
    return {"MAX_CONTENT_LENGTH": 64 * 1024, "LOGIN_ATTEMPT_LIMIT": "2 per minute", **getattr(request, "param", {})}


@pytest.fixture
def world(app, make) -> World:
    """A cohort with an intern and one entry, and routes that fail on purpose (added before any request)."""

    def unprocessable():
        abort(422)

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/errors-test/unprocessable", "errors_test_422", unprocessable, methods=["GET", "POST"])
    app.add_url_rule("/errors-test/broken", "errors_test_500", broken, methods=["GET", "POST"])
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    entry = make.entry(intern, cohort)
    return World(cohort.id, entry.id, intern)


def _logged_in(app, world):
    client = app.test_client()
    log_in_as(client, world.intern)
    return client


# Each status: (logged in?, method, path, keyword arguments of the request)
CASES = {
    400: (True, "POST", "/entries/{entry_id}/visibility", {"data": {"visibility": "everyone"}}),
    401: (False, "GET", "/journal/{cohort_id}/", {}),
    403: (True, "GET", "/cohorts/", {}),
    404: (True, "GET", "/no-such-page", {}),
    405: (True, "PUT", "/login", {}),
    413: (True, "POST", "/journal/{cohort_id}/new?kind=cultural", {"data": {"body": "x" * (65 * 1024)}}),
    422: (True, "POST", "/errors-test/unprocessable", {}),
    500: (True, "GET", "/errors-test/broken", {}),
}


def _ask(app, world, status: int, headers: dict):
    logged_in, method, path, kwargs = CASES[status]
    client = _logged_in(app, world) if logged_in else app.test_client()
    return client.open(path.format(**vars(world)), method=method, headers=headers, **kwargs)


def assert_json_error(response, status: int, retry: bool = False) -> dict:
    """The response is the JSON form of an error of ``status``: an error and a message, nothing else
    but, with ``retry``, ``"retry": true`` (sending again later, with a fresh token, may work)."""
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json, response.content_type
    body = response.get_json()
    assert set(body) == ({"error", "message", "retry"} if retry else {"error", "message"})
    assert body.pop("retry", True) is True
    assert all(isinstance(body[key], str) and body[key].strip() for key in body)
    return body


def assert_error_page(response, status: int) -> None:
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert 'class="card narrow error-page"' in response.get_data(as_text=True)


@pytest.mark.parametrize("status", sorted(CASES))
def test_a_json_caller_gets_json_and_a_browser_the_page(app, world, status):
    answer = assert_json_error(_ask(app, world, status, FETCH_JSON), status)
    browsed = _ask(app, world, status, BROWSER)
    if status == 401:
        assert "Log in" in answer["error"]
        assert browsed.status_code == 302 and browsed.headers["Location"].startswith("/login?next=")
    else:
        assert_error_page(browsed, status)


def test_the_answer_keeps_the_headers_of_the_error(app, world):
    refused = assert_json_error(_ask(app, world, 405, FETCH_JSON), 405)
    assert refused
    assert "PUT" not in _ask(app, world, 405, FETCH_JSON).headers["Allow"]
    client = app.test_client()
    # The limit counts per minute of the clock: a minute may turn between two attempts, so send
    # enough that the third attempt of one minute is among them.
    attempts = [
        client.post("/login", data={"email": "x@example.org", "password": "wrong"}, headers=FETCH_JSON)
        for _ in range(6)
    ]
    limited = next(answer for answer in attempts if answer.status_code != 200)
    assert_json_error(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    assert_error_page(client.post("/login", data={"email": "x@example.org", "password": "x"}, headers=BROWSER), 429)


@pytest.mark.parametrize(
    "signal",
    [
        {"headers": {"X-Requested-With": "XMLHttpRequest"}},
        {"headers": {"X-Requested-With": "fetch"}},
        {"json": {"kind": "cultural"}},
        {"headers": {"Accept": "application/json;q=0.9, text/html;q=0.5"}},
    ],
    ids=["xhr", "fetch", "sends json", "prefers json"],
)
def test_every_sign_of_a_script_gets_json(app, world, signal):
    response = app.test_client().post(f"/journal/{world.cohort_id}/drafts", **signal)
    assert_json_error(response, 401)
    assert_json_error(_logged_in(app, world).post("/no-such-page", **signal), 404)


def test_an_api_address_answers_json_even_to_a_browser(app, world):
    assert_json_error(app.test_client().get("/api/v1/entries", headers=BROWSER), 404)


def test_a_page_behind_flask_logins_own_check_answers_401_json_too(app, world):
    assert_json_error(app.test_client().get("/confirm-password", headers=FETCH_JSON), 401)
    assert app.test_client().get("/confirm-password", headers=BROWSER).status_code == 302


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}], indirect=True)
def test_a_form_without_its_token_answers_json_to_a_script(app, world):
    client = _logged_in(app, world)
    path = f"/entries/{world.entry_id}/visibility"
    body = assert_json_error(client.post(path, data={"visibility": "cohort"}, headers=FETCH_JSON), 400, retry=True)
    assert body["error"] == "This form has expired"
    page = client.post(path, data={"visibility": "cohort"}, headers=BROWSER)
    assert_error_page(page, 400)
    assert "This form has expired" in page.get_data(as_text=True)
