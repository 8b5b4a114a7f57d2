"""Privacy seen from outside: everyone else crawls the whole site and never meets a private word.

The world is the demo cohort, plus, for one demo intern (the author), a private entry of each kind,
an edited one whose first version differs, and a draft, all carrying a PRIVATE marker in their
title, body, tags and free-text fields; and an entry shared with supervisors carrying a SHARED
marker. The author has submitted a portfolio of other entries, a reviewer has had the cohort's zip
of portfolios built, and another cohort has an intern and a supervisor of its own.

Each person logs in through the login form of the app served over real HTTP and follows every
same-site link from ``/`` (breadth first, GET only; links found in JSON too, and each GET form,
such as search, sent with a word of the private entries), opening everything that comes back:
HTML, JSON and CSV as text, PDFs by their text (pypdf), zips member by member. Markers are sought
in lower case with everything but letters removed, so a line or page break inside one still counts.

Only the author may meet PRIVATE; only the author and the cohort's supervisor may meet SHARED. The
crawl as the author must find every PRIVATE part (and the journal export must hold them), and as
the supervisor must find SHARED: so a crawl that misses pages fails too.
"""

import hashlib
import io
import json
import re
import secrets
import string
import urllib.parse
import zipfile
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import cache

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from journal import jobs
from journal.entries import drafts, services
from journal.extensions import db
from journal.models import Cohort, Entry, Submission, User
from journal.portfolio.exports import start_export
from journal.portfolio.services import own_entries, submit_portfolio
from journal.seed import demo
from journal.timezones import local_today
from tests import factories
from tests.browsing import Browser, Page, serve

# Pages each person may open at most (the demo cohort needs a few hundred); the crawl reports its counts.
PAGE_LIMIT = 1500
# Addresses differing only in their query (sorting, pages, months) kept per path: enough to reach
# every filter and page of the demo, not every month of the calendar back to year one.
QUERIES_PER_PATH = 40


def _letters(n: int = 14) -> str:
    """Random lower-case letters: never a number, so the identifier check never flags it."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(n))


@dataclass(frozen=True)
class Markers:
    """The words hidden in the world: PRIVATE parts (author only), SHARED (author and supervisors),
    and a plain word of the private bodies to search for."""

    private: str = field(default_factory=lambda: "privmark" + _letters())
    shared: str = field(default_factory=lambda: "sharedmark" + _letters())
    search_word: str = field(default_factory=lambda: "zebra" + _letters(8))

    def private_parts(self) -> dict[str, str]:
        """Every place a PRIVATE marker was written, by name: the part found proves the place was read."""
        parts = {}
        for kind in ("clinical", "cultural", "ethics"):
            for place in ("title", "body", "tag"):
                parts[f"{kind} {place}"] = f"{self.private}{place}{kind}"
        parts["clinical specialty"] = f"{self.private}specialty"
        parts["first version"] = f"{self.private}firstversion"
        parts["draft"] = f"{self.private}draft"
        return parts


@cache
def _demo_password_hash() -> str:
    return factories.password_hash(demo.DEMO_PASSWORD)


@pytest.fixture
def app_config():
    """Real CSRF protection: logging in takes the form's token, as a browser does."""
    return {"WTF_CSRF_ENABLED": True}


def _private_entry(author, cohort, kind, markers: Markers) -> Entry:
    """A private entry of ``kind`` with a PRIVATE part in each of its text fields; the clinical one
    is edited, so its first version (kept in its history) says something more."""
    parts = markers.private_parts()
    kind_fields = {
        "clinical": {"setting": "ward", "specialty": parts["clinical specialty"], "involvement": "observed"},
        "cultural": {"theme": "language"},
        "ethics": {"principles": ["consent"]},
    }[kind]
    content = {
        "title": f"Evening notes {parts[f'{kind} title']}",
        "body": f"## What happened\n\nA quiet shift. {parts[f'{kind} body']} {markers.search_word} on the ward.",
        "occurred_on": local_today(cohort.timezone) - timedelta(days=1),
        "hours": Decimal(2) if kind == "clinical" else None,
        **kind_fields,
    }
    tags = [parts[f"{kind} tag"]]
    if kind != "clinical":
        return services.create_entry(author, cohort, kind, content, tags)
    first = dict(content, body=content["body"] + f" {parts['first version']}")
    entry = services.create_entry(author, cohort, kind, first, tags)
    return services.save_entry(entry, content, tags, entry.version)


def _build_world(app, make, markers: Markers) -> dict[str, tuple[str, str]]:
    """The demo cohort with the author's hidden entries, a portfolio, a cohort export and another
    cohort; returns each person's (email, password) by role."""
    with app.app_context():
        demo.seed_demo(password_hash=_demo_password_hash())
        cohort = db.session.scalar(select(Cohort).where(Cohort.name == demo.DEMO_COHORT))
        author = db.session.scalar(select(User).where(User.email == "intern1@demo.test"))
        reviewer = db.session.scalar(select(User).where(User.email == "reviewer@demo.test"))
        # A new portfolio, of what the author shared before writing the hidden entries (the demo's
        # portfolio also holds a private entry: the same choice would count as a double click).
        earlier = [e for e in db.session.scalars(own_entries(author, cohort)) if e.visibility != "private"]
        previous = db.session.scalar(select(func.max(Submission.id)).where(Submission.intern_id == author.id))
        for kind in ("clinical", "cultural", "ethics"):
            _private_entry(author, cohort, kind, markers)
        drafts.save_draft(
            author,
            cohort.id,
            drafts.draft_key(cohort.id, "ethics"),
            {"title": markers.private_parts()["draft"], "body": f"Half a thought {markers.search_word}"},
        )
        shared = services.create_entry(
            author,
            cohort,
            "cultural",
            {
                "title": f"Market day {markers.shared}",
                "body": f"## What I noticed\n\n{markers.shared} everyone bargains.",
                "occurred_on": local_today(cohort.timezone),
                "theme": "language",
            },
            [],
        )
        services.set_visibility(shared, "supervisors")
        submission = submit_portfolio(
            author, cohort, {entry.id: entry.version for entry in earlier}, public_url="http://127.0.0.1"
        )
        assert submission.id != previous, "the author's new portfolio was taken for a double click"
        export = start_export(cohort, reviewer)
        db.session.commit()
        jobs.dispatch("portfolio_pdf", submission.id)
        jobs.dispatch("cohort_export", export.id)
    other = make.cohort()
    other_intern, other_supervisor = make.member(other, "intern"), make.member(other, "supervisor")
    make.entry(other_intern, other, visibility="cohort")
    assert jobs.wait_for_jobs(timeout=120), "the PDF and the export were not built"
    demo_login = {
        role: (f"{role}@demo.test", demo.DEMO_PASSWORD)
        for role in ("coordinator", "supervisor", "reviewer", "intern1", "intern2")
    }
    return {
        "author": demo_login["intern1"],
        "fellow intern": demo_login["intern2"],
        "supervisor": demo_login["supervisor"],
        "reviewer": demo_login["reviewer"],
        "coordinator": demo_login["coordinator"],
        "other cohort intern": (other_intern.email, factories.PASSWORD),
        "other cohort supervisor": (other_supervisor.email, factories.PASSWORD),
    }


# -- reading every kind of document --


def _letters_only(text: str) -> str:
    """Lower case, letters only: a marker broken by a line, a page or a hyphen is still one word."""
    return re.sub(r"[^a-z]", "", text.lower())


@cache
def _pdf_text(digest: str, data: bytes) -> str:
    """A PDF's text (cached by its hash: the same portfolio is downloaded by several people)."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _kind_of(name: str, content_type: str, data: bytes) -> str:
    if data.startswith(b"%PDF") or content_type == "application/pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04") or content_type == "application/zip":
        return "zip"
    for kind, types in {"json": ("json",), "csv": ("csv",), "html": ("html",)}.items():
        if any(t in content_type for t in types):
            return kind
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"md": "markdown", "txt": "text", "json": "json", "csv": "csv", "html": "html"}.get(suffix, "other")


def _documents(name: str, content_type: str, data: bytes) -> list[tuple[str, str, str]]:
    """(name, kind, text) of the document and, for a zip, of every member (recursively)."""
    kind = _kind_of(name, content_type, data)
    if kind == "pdf":
        return [(name, "pdf", _pdf_text(hashlib.sha256(data).hexdigest(), data))]
    if kind == "zip":
        found = [(name, "zip", "")]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found += _documents(f"{name}!{member}", "", archive.read(member))
        return found
    return [(name, kind, data.decode("utf-8", errors="replace"))]


# -- the crawl --


@dataclass
class Crawl:
    """What one person's crawl opened and where each marker showed."""

    pages: int = 0
    bytes: int = 0
    kinds: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    skipped_queries: int = 0
    found: dict = field(default_factory=dict)  # marker -> the documents holding it
    holding: list = field(default_factory=list)  # the addresses whose answer held a marker

    def record(self, page: Page, markers: dict[str, str]) -> None:
        """Read the answer (and where it redirects to) for every marker, except one the address
        asked for already holds: a search form repeating its query tells nothing new. A marker in
        a link is met on the page holding the link."""
        self.pages += 1
        self.bytes += len(page.body)
        self.statuses[page.status] += 1
        asked = _letters_only(urllib.parse.unquote(page.url))
        documents = _documents(urllib.parse.urlsplit(page.url).path, page.content_type, page.body)
        for name, kind, text in [*documents, ("Location", "header", page.location)]:
            if kind != "header":
                self.kinds[kind] += 1
            letters = _letters_only(text)
            for label, marker in markers.items():
                if marker in letters and marker not in asked:
                    self.found.setdefault(label, []).append(name)
                    self.holding += [page.url] if page.url not in self.holding else []


def _links_in_json(data) -> list[str]:
    """Every string in a JSON document that is an address on this site (a path)."""
    if isinstance(data, dict):
        return [link for value in data.values() for link in _links_in_json(value)]
    if isinstance(data, list):
        return [link for value in data for link in _links_in_json(value)]
    return [data] if isinstance(data, str) and data.startswith("/") and not data.startswith("//") else []


def _next_addresses(browser: Browser, page: Page, search_word: str) -> list[str]:
    """The same-site addresses a page leads to with GET: links, redirects, JSON links, GET forms."""
    found = []
    if page.status in (301, 302, 303, 307, 308) and page.location:
        found.append(urllib.parse.urljoin(page.url, page.location))
    if page.content_type == "text/html":
        found += page.links()
        for form in page.forms():
            if form.method == "GET":
                typed = {name: search_word for name in form.text_inputs if name in ("q", "query", "search")}
                fields = [(name, value) for name, value in form.fields if name not in typed] + list(typed.items())
                query = urllib.parse.urlencode(fields)
                found.append(f"{form.action.split('?')[0]}?{query}")
    elif page.content_type == "application/json":
        found += [browser.url(link) for link in _links_in_json(json.loads(page.body))]
    return found


def crawl(browser: Browser, markers: dict[str, str], search_word: str) -> Crawl:
    """Follow every same-site GET link from ``/`` (never logging out), opening and reading each answer."""
    result = Crawl()
    start = browser.url("/")
    queue, seen, queries = deque([start]), {start}, Counter()
    while queue and result.pages < PAGE_LIMIT:
        page = browser.get(queue.popleft(), follow=False)
        result.record(page, markers)
        for address in _next_addresses(browser, page, search_word):
            address = urllib.parse.urldefrag(address).url
            parts = urllib.parse.urlsplit(address)
            if not browser.same_site(address) or address in seen:
                continue
            if "logout" in parts.path or parts.path.startswith("/static/"):
                continue
            if parts.query:
                queries[parts.path] += 1
                if queries[parts.path] > QUERIES_PER_PATH:
                    result.skipped_queries += 1
                    continue
            seen.add(address)
            queue.append(address)
    assert not queue, f"the crawl stopped at {PAGE_LIMIT} pages with {len(queue)} addresses left"
    return result


def revisit(browser: Browser, addresses: list[str], markers: dict[str, str]) -> Crawl:
    """Open each of ``addresses`` directly, as someone who was given or guessed them."""
    result = Crawl()
    for address in addresses:
        result.record(browser.get(address, follow=False), markers)
    return result


def test_only_the_author_meets_private_text_and_only_supervisors_shared(app, make, capsys):
    """Six other people crawl everything they can reach, then open every address where the author
    or the supervisor met a marker, and never meet one they may not see; the author meets every
    private marker and the supervisor the shared one."""
    hidden = Markers()
    people = _build_world(app, make, hidden)
    markers = {**hidden.private_parts(), "SHARED": hidden.shared}
    crawls, revisits = {}, {}
    with serve(app) as address:
        browsers = {person: Browser(address) for person in people}
        for person, (email, password) in people.items():
            browsers[person].log_in(email, password)
            crawls[person] = crawl(browsers[person], markers, hidden.search_word)
        guessed = list(dict.fromkeys(crawls["author"].holding + crawls["supervisor"].holding))
        for person, browser in browsers.items():
            if person != "author":
                revisits[person] = revisit(browser, guessed, markers)

    with capsys.disabled():
        print("\nprivacy crawl: person, pages, bytes read, documents by kind, statuses, query variants skipped")
        for person, result in crawls.items():
            print(
                f"  {person:24} {result.pages:5} {result.bytes:>10,} {dict(result.kinds)} {dict(result.statuses)} "
                f"{result.skipped_queries}"
            )
        print(f"  then each other person opened the {len(guessed)} addresses where the author or supervisor met one:")
        for person, result in revisits.items():
            print(f"  {person:24} {result.pages:5} {result.bytes:>10,} {dict(result.kinds)} {dict(result.statuses)}")

    may_see = {"author": set(markers), "supervisor": {"SHARED"}}
    leaks = {
        f"{person} ({how})": {
            label: where[:3] for label, where in result.found.items() if label not in may_see.get(person, ())
        }
        for how, results in (("crawling", crawls), ("opening the others' addresses", revisits))
        for person, result in results.items()
    }
    assert not any(leaks.values()), f"hidden text met: { {who: found for who, found in leaks.items() if found} }"
    errors = [person for person, result in [*crawls.items(), *revisits.items()] if 500 in result.statuses]
    assert not errors, f"server errors met by {errors}"

    author = crawls["author"]
    missed = set(markers) - set(author.found)
    assert not missed, f"the author's crawl never met {sorted(missed)}: the crawl does not reach their pages"
    exported = {label for label, where in author.found.items() if any("/export!" in name for name in where)}
    assert set(hidden.private_parts()) - {"draft", "first version"} <= exported, (
        f"the author's journal export lacks {sorted(set(hidden.private_parts()) - exported)}"
    )
    assert "SHARED" in crawls["supervisor"].found, "the supervisor's crawl never met the shared entry"
    # The downloads were reached, so their contents were read.
    for person in ("supervisor", "reviewer", "coordinator"):
        assert crawls[person].kinds["pdf"] and crawls[person].kinds["zip"], f"{person} reached no PDF or zip"
    assert crawls["author"].kinds["zip"], "the author never reached the journal export"
