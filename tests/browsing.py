"""A small browser for tests that talk to the app over real HTTP: cookies, forms and links.

``serve(app)`` runs the app on a free local port in a thread (werkzeug's server, the one
``flask run`` uses); ``Browser`` keeps one person's cookies, fills forms the way a browser does
(hidden fields such as the CSRF token and ``base_version``, the values already set, then what the
test types), sends the page it comes from as ``Referer`` (as browsers do on the same site under
the app's ``Referrer-Policy: same-origin``) and reads the links a page offers. Built on the
standard library only.
"""

import functools
import html.parser
import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from werkzeug.serving import make_server


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
class Form:
    """A form on a page: where it goes, how, and the fields a browser would send as they stand."""

    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    text_inputs: list[str] = field(default_factory=list)
    # Every value each checkbox, radio button or select may send, ticked or not.
    options: dict[str, list[str]] = field(default_factory=dict)


class _PageParser(html.parser.HTMLParser):
    """Collects the ``<a href>`` links and the forms of a page (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._textarea_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        form = self.forms[-1] if self.forms else None
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.forms.append(Form(attrs.get("action", ""), attrs.get("method", "get").upper()))
        elif form is None or "name" not in attrs and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                form.options.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            form.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
            if kind in ("text", "search"):
                form.text_inputs.append(attrs["name"])
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = attrs["name"], None, False
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            form.options.setdefault(self._select, []).append(value)
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                form.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea, self._textarea_text = attrs["name"], []

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.forms[-1].fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, "".join(self._textarea_text)))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea_text.append(data)


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
    def _parsed(self) -> _PageParser:
        parser = _PageParser()
        parser.feed(self.text)
        parser.close()
        return parser

    def links(self) -> list[str]:
        """The absolute addresses of the page's ``<a href>`` links."""
        return [urllib.parse.urljoin(self.url, href) for href in self._parsed.links]

    def forms(self) -> list[Form]:
        """The page's forms, their actions made absolute."""
        return [
            Form(urllib.parse.urljoin(self.url, form.action), form.method, form.fields, form.text_inputs, form.options)
            for form in self._parsed.forms
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
