"""A small HTTP client for the resilience tests: one cookie jar per person, real CSRF tokens.

Built on urllib from the standard library, so the tests need no HTTP package of their own; pages
are read with ``tests.html``.
Redirects are not followed: a 302 after a POST is how the app acknowledges a save, and the
tests read the entry's id from its ``Location``.
"""

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from tests.html import attributes, meta


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to the caller instead of following it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Reply:
    """What the server answered: status, the Location of a redirect, and the body as text."""

    status: int
    location: str
    text: str


class Person:
    """One browser: its own cookies (so its own session) against one server address."""

    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        self.csrf_token = ""

    def request(self, method: str, path: str, data: dict | None = None, json_body=None) -> Reply:
        """Send one request and return the reply, whatever its status (connection errors raise)."""
        headers = {}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers = {"Content-Type": "application/json", "X-CSRFToken": self.csrf_token}
        elif data is not None:
            body = urllib.parse.urlencode({**data, "csrf_token": self.csrf_token}, doseq=True).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        # Always http://127.0.0.1:<port>, the test's own server (never file: or another scheme).
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers, method=method)  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Reply(response.status, response.headers.get("Location", ""), response.read().decode())
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, error.headers.get("Location", ""), error.read().decode(errors="replace"))

    def get(self, path: str) -> Reply:
        """GET a page, keeping the CSRF token it carries for the next form."""
        reply = self.request("GET", path)
        # The token is a meta tag of the head: reading only the head keeps parsing out of the
        # latencies the tests measure around this call.
        found = meta(reply.text.partition("</head>")[0], "csrf-token")
        if found:
            self.csrf_token = found
        return reply

    def post(self, path: str, data: dict) -> Reply:
        """POST a form with the CSRF token of the last page read."""
        return self.request("POST", path, data=data)

    def post_json(self, path: str, body) -> Reply:
        """POST JSON, the CSRF token in the header as the app's scripts send it."""
        return self.request("POST", path, json_body=body)

    def log_in(self, email: str, password: str) -> Reply:
        """Log in through the real form; the reply is the redirect home when it worked.

        A new session begins at login, with a new CSRF token: the next form must be read afresh.
        """
        self.get("/login")
        return self.post("/login", {"email": email, "password": password})

    def use_server(self, base_url: str) -> None:
        """Talk to a server at a new address (after a restart); the session cookie still applies."""
        self.base_url = base_url


def base_version(html: str) -> int:
    """The version an edit form begins from."""
    found = attributes(html, 'form input[name="base_version"]', "value")
    if not found or not found[0].isdigit():
        raise AssertionError("the edit form has no base_version field")
    return int(found[0])


def idempotency_key(html: str) -> str:
    """The key a new-entry form carries, so that sending it again finds the entry it made."""
    found = attributes(html, 'form input[name="idempotency_key"]', "value")
    if not found or not found[0]:
        raise AssertionError("the new-entry form has no idempotency_key field")
    return found[0]


def entry_id_from(location: str) -> int:
    """The id in a redirect to ``/entries/<id>``."""
    found = re.search(r"/entries/(\d+)$", urllib.parse.urlsplit(location).path)
    if not found:
        raise AssertionError(f"not a redirect to an entry: {location!r}")
    return int(found.group(1))


def at_once(sends: list, timeout: float = 120) -> list:
    """Call each of ``sends`` (functions of no argument, each a request) from a thread of its own,
    all released at the same moment by a barrier; their answers, in the order of ``sends``."""
    barrier = threading.Barrier(len(sends))
    answers: list = [None] * len(sends)

    def run(index: int) -> None:
        barrier.wait(timeout=60)
        answers[index] = sends[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return answers
