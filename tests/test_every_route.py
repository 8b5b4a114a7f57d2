"""Rules checked on every route of the access table: CSRF on every POST, and the page headers."""

import pytest

from journal import security
from tests.access_table import ROUTES
from tests.conftest import log_in_as
from tests.html import page

# Who may use each level's routes (any allowed person will do for these checks).
USER_FOR_LEVEL = {
    "public": None,
    "anonymous": None,
    "login": "intern",
    "login_script": "intern",
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
# POSTs that take no CSRF token on purpose: a mail provider's RFC 8058 one-click unsubscribe carries none (the
# signed token in its URL is the key, tests/emails/test_unsubscribe.py). Without a token they still work.
NO_CSRF_TOKEN = {("emails.unsubscribe", "POST")}
GETS = sorted(key for key in ROUTES if key[1] == "GET" and key[0] != "static")


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def _is_data_block(script) -> bool:
    """Whether a ``<script>`` element holds data for the page's scripts (``type="application/json"``),
    which a browser never executes, so the CSP's ban on inline scripts does not concern it."""
    return script.get("type", "").strip().lower() == "application/json"


def _as(client, people, level):
    person = USER_FOR_LEVEL[level]
    if person is not None:
        log_in_as(client, people[person])


@pytest.mark.parametrize("key", POSTS, ids=lambda key: key[0])
def test_every_post_needs_a_csrf_token(client, world, key):
    people, values = world
    spec = ROUTES[key]
    _as(client, people, spec.level)
    path = spec.path.format(**values)
    if spec.json is not None:
        response = client.post(path, json=spec.json)
    else:
        response = client.post(path, data=spec.data)
    expected = 200 if key in NO_CSRF_TOKEN else 400
    assert response.status_code == expected, f"POST {path} without a CSRF token: {response.status_code}"


@pytest.mark.parametrize("key", GETS, ids=lambda key: key[0])
def test_every_page_has_the_security_headers_and_no_inline_script(client, world, key):
    people, values = world
    spec = ROUTES[key]
    _as(client, people, spec.level)
    response = client.get(spec.path.format(**values))
    assert response.status_code in spec.ok
    # Only the public documents verifiers fetch may sit in a shared cache, briefly (journal.security).
    cached = key[0] in security.PUBLIC_DOCUMENTS and response.status_code == 200
    assert response.headers["Cache-Control"] == ("public, max-age=300" if cached else "no-store")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype == "text/html":
        elements = page(response.get_data(as_text=True)).find_all(True)
        scripts = [element for element in elements if element.name == "script" and not _is_data_block(element)]
        assert all(script.has_attr("src") for script in scripts), f"inline script on {spec.path}: {scripts}"
        handlers = [f"{element.name} {name}" for element in elements for name in element.attrs if name.startswith("on")]
        assert not handlers, f"inline event handler on {spec.path}: {handlers}"
        styled = [element.name for element in elements if element.has_attr("style")]
        assert not styled, f"inline style attribute on {spec.path} (blocked by the CSP): {styled}"
