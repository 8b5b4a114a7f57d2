"""A small browser for tests that talk to the app over real HTTP: cookies, forms and links.

``serve(app)`` runs the app on a free local port in a thread (werkzeug's server, the one
``flask run`` uses); ``Browser`` keeps one person's cookies, fills forms the way a browser does
(hidden fields such as the CSRF token and ``base_version``, the values already set, then what the
test types), sends the page it comes from as ``Referer`` (as browsers do on the same site under
the app's ``Referrer-Policy: same-origin``) and reads the links a page offers. HTTP through the
standard library; pages read with ``tests.html``.
"""

import functools
import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from werkzeug.serving import make_server

from tests import html
from tests.html import Form


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a port the system picks) while the block runs; yield its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Page:
    """One answer: its address, status, headers and body."""

    url: str
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    @functools.cached_property
    def _links_and_forms(self) -> tuple[list[str], list[Form]]:
        return html.links_and_forms(self.text)

    def links(self) -> list[str]:
        """The absolute addresses of the page's ``<a href>`` links."""
        return [urllib.parse.urljoin(self.url, href) for href in self._links_and_forms[0]]

    def forms(self) -> list[Form]:
        """The page's forms (as ``tests.html.forms`` reads them), their actions made absolute."""
        return [
            Form(urllib.parse.urljoin(self.url, form.action), form.method, form.fields, form.text_inputs, form.options)
            for form in self._links_and_forms[1]
        ]

    def form(self, action_contains: str = "", method: str = "POST") -> Form:
        """The first form sent with ``method`` whose action holds ``action_contains``; AssertionError if none."""
        for form in self.forms():
            if form.method == method and action_contains in urllib.parse.urlsplit(form.action).path:
                return form
        raise AssertionError(f"no {method} form to {action_contains!r} on {self.url} ({self.status})")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to the caller, who decides whether to follow it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """One person's browser against one server: its own cookies, so its own session."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        self.referer = ""
        self.cookie_values: set[str] = set()  # every cookie value the server ever set here

    def url(self, path_or_url: str) -> str:
        return urllib.parse.urljoin(self.base_url + "/", path_or_url)

    def same_site(self, url: str) -> bool:
        """Whether ``url`` points at this server."""
        return urllib.parse.urlsplit(url)[:2] == urllib.parse.urlsplit(self.base_url)[:2]

    def open(self, method: str, path_or_url: str, data: list[tuple[str, str]] | None = None) -> Page:
        """Send one request (a form body when ``data`` is given); redirects are returned, not followed."""
        url = self.url(path_or_url)
        if not self.same_site(url):
            raise ValueError(f"{url} is not on the test server")
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.referer} if self.referer else {}
        request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 - test server
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                page = Page(url, response.status, _headers(response.headers), response.read())
        except urllib.error.HTTPError as error:
            with error:
                page = Page(url, error.code, _headers(error.headers), error.read())
        if page.content_type == "text/html":
            self.referer = urllib.parse.urldefrag(url).url  # browsers never send the fragment
        self.cookie_values |= {cookie.value for cookie in self.cookies if cookie.value}
        return page

    def get(self, path_or_url: str, follow: bool = True) -> Page:
        """GET a page, following same-site redirects (up to ten) unless ``follow`` is False."""
        page = self.open("GET", path_or_url)
        for _ in range(10):
            if not (follow and page.status in (301, 302, 303, 307, 308) and page.location):
                break
            page = self.open("GET", urllib.parse.urljoin(page.url, page.location))
        return page

    def submit(self, form: Form, values: dict | None = None, follow: bool = True) -> Page:
        """Send ``form`` as a browser would, with ``values`` (a list value sends the name once per
        item) in place of what the fields held; follow the redirect that answers it."""
        values = values or {}
        sent = [(name, value) for name, value in form.fields if name not in values]
        for name, value in values.items():
            sent += [(name, item) for item in value] if isinstance(value, list | tuple) else [(name, value)]
        if form.method == "GET":
            query = urllib.parse.urlencode(sent)
            return self.get(f"{form.action.split('?')[0]}?{query}", follow=follow)
        page = self.open("POST", form.action, sent)
        if follow and page.status in (302, 303) and page.location:
            return self.get(urllib.parse.urljoin(page.url, page.location))
        return page

    def log_in(self, email: str, password: str) -> Page:
        """Log in through the login form; the page landed on (AssertionError if still on the form)."""
        page = self.submit(self.get("/login").form("/login"), {"email": email, "password": password})
        if urllib.parse.urlsplit(page.url).path == "/login":
            raise AssertionError(f"{email} could not log in: {page.status}")
        return page

    def cookie(self, name: str) -> str:
        """The value of the cookie ``name`` this browser holds ('' if none)."""
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")


def _headers(message) -> dict:
    return {name.lower(): value for name, value in message.items()}
