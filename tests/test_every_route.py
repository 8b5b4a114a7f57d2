"""Rules checked on every route of the access table: CSRF on every POST, and the page headers."""

import re

import pytest

from tests.conftest import log_in_as
from tests.test_access import ROUTES, world  # noqa: F401  (world is a fixture used below)

# Who may use each level's routes (any allowed person will do for these checks).
USER_FOR_LEVEL = {
    "public": None,
    "anonymous": None,
    "login": "intern",
    "coordinator": "coordinator",
    "member": "intern",
    "intern": "intern",
    "author": "intern",
    "requester": "intern",
    "recipient": "intern",
    "reader": "supervisor",
    "signoff": "intern",
    "supervisor": "supervisor",
    "decider": "supervisor",
    "dashboard": "supervisor",
    "submission": "reviewer",
    "portfolios": "reviewer",
}
POSTS = sorted(key for key in ROUTES if key[1] == "POST")
GETS = sorted(key for key in ROUTES if key[1] == "GET" and key[0] != "static")


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _as(client, people, level):
    person = USER_FOR_LEVEL[level]
    if person is not None:
        log_in_as(client, people[person])


@pytest.mark.parametrize("key", POSTS, ids=lambda key: key[0])
def test_every_post_needs_a_csrf_token(client, world, key):  # noqa: F811
    people, values = world
    spec = ROUTES[key]
    _as(client, people, spec.level)
    path = spec.path.format(**values)
    if spec.json is not None:
        response = client.post(path, json=spec.json)
    else:
        response = client.post(path, data=spec.data)
    assert response.status_code == 400, f"POST {path} without a CSRF token: {response.status_code}"


@pytest.mark.parametrize("key", GETS, ids=lambda key: key[0])
def test_every_page_has_the_security_headers_and_no_inline_script(client, world, key):  # noqa: F811
    people, values = world
    spec = ROUTES[key]
    _as(client, people, spec.level)
    response = client.get(spec.path.format(**values))
    assert response.status_code in spec.ok
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
        assert all("src=" in tag for tag in scripts), f"inline script on {spec.path}: {scripts}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler on {spec.path}"
        assert not re.search(r"\sstyle\s*=", html), f"inline style attribute on {spec.path} (blocked by the CSP)"
