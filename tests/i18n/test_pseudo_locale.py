"""Every page of the demo in a pseudo-language: each message of the catalog reads ``⟦message⟧``, so any visible
text outside the brackets was never translated, whatever checked the sources missed (text built in Python at
run time, a label passed into a sentence, a template's forgotten word) (issue #16).

The app reads the pseudo-catalog as its Spanish one. Each role of the demo (all accounts set to that
language) opens its pages — the home page, the pages its links lead to (up to PAGES_PER_ENDPOINT of each
route) and a few forms sent wrong on purpose — with the test client. A text node or a read attribute (title,
aria-label, placeholder, alt, a button's value) holding a word outside ``⟦…⟧`` fails the test, unless it is
data: what the database holds (names, entry text, cohort and framework names...), a date, a code, a time
zone's name, a language's own name, or the product's name.
"""

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString
from sqlalchemy import JSON, String, Text, select, update
from wtforms.i18n import get_translations

from journal.extensions import db
from journal.i18n import CATALOGS, LANGUAGES
from journal.models import Cohort, User
from tests.conftest import log_in_as
from tests.e2e.conftest import _seed_demo
from tests.e2e.conftest import demo_password_hash as demo_password_hash  # a fixture

PSEUDO = "es"  # the language whose catalog the pseudo-catalog stands in for
PAGES_PER_ENDPOINT = 2
PAGES_PER_ROLE = 60
ROLES = ("intern1@demo.test", "supervisor@demo.test", "reviewer@demo.test", "coordinator@demo.test")
SKIPPED = re.compile(
    r"/offline|/logout|/download|\.(pdf|zip|json|csv|xml|js|webmanifest)$|/static/|/service-worker|/offline/session|/exports/"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
WORD = re.compile(r"[A-Za-z]{2,}")
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
# Data that is the same in every language.
SAME_EVERYWHERE = {
    *("Intern Journal", "CanMEDS", "PDF", "JSON", "CSV", "CLR", "Leap2A", "SHA-256", "UTC", "DELETE"),
    *LANGUAGES.values(),
}
DATA_SHAPES = re.compile(
    r"[A-Z][\w-]*(/[\w +-]+)+"  # a time zone (America/Port of Spain)
    r"|[0-9a-f]{12,}"  # a hash
    r"|[A-Z0-9]{4}(-[A-Z0-9]{4}){2}"  # a verification code
    r"|[\w.+-]+@[\w.-]+"  # an email address
    r"|https?://\S+"
)


def _bracketed(text: str) -> str:
    """A message in brackets, the placeholders of its text (what the app fills in) outside them; those inside
    its tags (``<a href="%(url)s">``) stay as they are."""
    parts = re.split(r"(<[^>]*>)", text)
    outside = (PLACEHOLDER.sub(lambda found: "⟧" + found.group(0) + "⟦", part) for part in parts[::2])
    parts[::2] = outside
    return "⟦" + "".join(parts) + "⟧"


@pytest.fixture(scope="module")
def pseudo_catalogs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pseudo")
    with (CATALOGS / PSEUDO / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=PSEUDO)
    for message in catalog:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            forms = len(message.string) if isinstance(message.string, tuple) else 1
            strings = [_bracketed(ids[min(n, len(ids) - 1)]) for n in range(forms)]
            message.string = tuple(strings) if isinstance(message.string, tuple) else strings[0]
    target = folder / PSEUDO / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as mo_file:
        write_mo(mo_file, catalog)
    return folder


@pytest.fixture
def app_config(pseudo_catalogs):
    return {"BABEL_TRANSLATION_DIRECTORIES": str(pseudo_catalogs)}


def _outside_brackets(text: str) -> str:
    depth, kept = 0, []
    for character in text:
        if character == "⟦":
            depth += 1
            kept.append("·")
        elif character == "⟧":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(character)
    return " ".join("".join(kept).split())


def _babel_words() -> set[str]:
    """The words Babel and WTForms write themselves in the pseudo-language's real one: months, days, languages'
    names, form validators' messages."""
    locale = Locale.parse(PSEUDO)
    words = {
        name.rstrip(".")
        for names in (locale.months, locale.days)
        for kind in names.values()
        for width in kind.values()
        for name in width.values()
    }
    # WTForms' own messages ("This field is required.") come translated from its own catalog.
    wtforms = get_translations([PSEUDO])._catalog.values()  # noqa: SLF001 (the catalog's messages)
    return words | {locale.languages[code] for code in LANGUAGES} | {str(message) for message in wtforms}


class Reader:
    """What the pages showed outside the brackets that is not data."""

    def __init__(self, data: str):
        self.data = data.casefold()
        self.words = {word.strip(" .").casefold() for word in _babel_words()}
        self.found: dict[str, set[str]] = defaultdict(set)

    def is_data(self, text: str) -> bool:
        for part in re.split(r"\s*[·|:,;()–—→]\s*", text):
            part = " ".join(word for word in part.split() if not word.startswith("#"))  # tags
            part = re.sub(r"^[A-Z]{1,5}\d+\s", "", part.strip(" .…-·\"“”'!?"))  # a competency's code
            if not part or not WORD.search(part) or part in SAME_EVERYWHERE or part.casefold() in self.data:
                continue
            if part.casefold() in self.words:
                continue
            if DATA_SHAPES.fullmatch(part) or re.fullmatch(r"[\d\s]+\w{3,5}\.?(\s\d{4})?", part):  # 3 mar. 2026
                continue
            return False
        return True

    def read(self, where: str, html: str) -> None:
        page = BeautifulSoup(html, "html.parser")
        for hidden in page(["script", "style", "template", "textarea", "pre", "code"]):  # code: typed as it is
            hidden.decompose()
        # A text node may close a bracket a later node opens again (a message with markup inside it):
        # the page's whole text is read in order, each node keeping what lies outside every bracket.
        depth = 0
        for node in page.descendants:
            if not isinstance(node, NavigableString) or isinstance(node, (Comment, Doctype)):
                continue
            kept = []
            for character in str(node):
                if character == "⟦":
                    depth += 1
                    kept.append("·")  # what a message stood between is read apart
                elif character == "⟧":
                    depth = max(0, depth - 1)
                elif depth == 0:
                    kept.append(character)
            text = " ".join("".join(kept).split())
            if WORD.search(text) and not self.is_data(text):
                self.found[text].add(where)
        for tag in page.find_all(True):
            values = [tag.get(name) for name in READ_ATTRIBUTES]
            if tag.name in ("input", "button") and tag.get("type") in ("submit", "button"):
                values.append(tag.get("value"))
            for value in values:
                text = _outside_brackets(value) if isinstance(value, str) else ""
                if WORD.search(text) and not self.is_data(text):
                    self.found[f"[attribute] {text}"].add(where)


def _database_text(app) -> str:
    """Every text the database holds, in one string (names, titles, entry text...), and the default framework's
    words in the pseudo-language's real one (they are data, translated with the framework, not messages)."""
    found = [str(words) for words in _framework_words()]
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text, JSON))]
            for row in db.session.execute(select(*columns)) if columns else ():
                found += [str(value) for value in row if value is not None]
    return " ".join(" ".join(found).split())


def _framework_words():
    from journal.framework_words import translations

    for table in (translations.FRAMEWORK, translations.DOMAINS, translations.COMPETENCIES, translations.CANMEDS_ROLES):
        yield repr(table)


def _crawl(client, reader: Reader, who: str, start: list[str]) -> int:
    adapter = client.application.url_map.bind("localhost")
    seen, per_endpoint, queue, opened = set(), defaultdict(int), list(start), 0
    while queue and opened < PAGES_PER_ROLE:
        address = queue.pop(0)
        path = urlsplit(address).path
        if address in seen or SKIPPED.search(path):
            continue
        seen.add(address)
        try:
            endpoint = adapter.match(path, method="GET")[0]
        except Exception:  # noqa: BLE001 (a 404 address is read once, as any page)
            endpoint = "not found"
        if per_endpoint[endpoint] >= PAGES_PER_ENDPOINT:
            continue
        per_endpoint[endpoint] += 1
        response = client.get(address)
        opened += 1
        if response.status_code in (301, 302, 303):
            queue.insert(0, response.headers["Location"])
            continue
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        reader.read(f"{who} {address}", html)
        for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            href = link["href"].split("#")[0]
            if href.startswith("/") and not href.startswith("//") and href not in seen:
                queue.append(href)
    return opened


def test_every_page_of_the_demo_is_translated(app, saved_databases, demo_password_hash):
    cohort_id = saved_databases.load(app, "demo", lambda app: _seed_demo(app, demo_password_hash))
    with app.app_context():
        db.session.execute(update(User).values(locale=PSEUDO))
        db.session.commit()
        people = {user.email: user for user in db.session.scalars(select(User).where(User.email.in_(ROLES)))}
        assert db.session.get(Cohort, cohort_id) is not None
    reader = Reader(_database_text(app))
    # (The offline page is said in every language at once, from the real catalogs: tests/offline.)
    common = ["/", "/notifications/", "/account", "/account/security", "/account/password", "/no-such-page"]
    opened = {}
    for email in ROLES:
        client = app.test_client()
        log_in_as(client, people[email])
        opened[email] = _crawl(client, reader, email.split("@")[0], common)
        # Forms sent wrong on purpose: their errors and the pages they give back.
        reader.read(f"{email} account refused", client.post("/account", data={"display_name": ""}).get_data(True))
    anonymous = app.test_client()
    browser = {"Accept-Language": PSEUDO}
    for address in ("/login", "/verify/", "/verify/NOPE-NOPE-NOPE", "/invitations/no-such-token"):
        reader.read(f"anonymous {address}", anonymous.get(address, headers=browser).get_data(True))
    refused = anonymous.post("/login", data={"email": "nobody@example.org", "password": "x"}, headers=browser)
    reader.read("anonymous refused login", refused.get_data(True))

    assert all(count >= 10 for count in opened.values()), opened  # the crawl saw each role's pages
    leftovers = [f"{text!r} on {sorted(where)[:2]}" for text, where in sorted(reader.found.items())]
    assert not leftovers, f"{len(leftovers)} texts not translated:\n" + "\n".join(leftovers[:60])


def test_the_reader_sees_untranslated_text_and_passes_data():
    reader = Reader(data="Amira Haddad Demo cohort Malaria in a pregnant woman")
    reader.read(
        "sample",
        "<h1>⟦Welcome, ⟧Amira Haddad</h1><p>⟦Signed off at level⟧ 3 · 12 mar. 2026</p>"
        "<p>Malaria in a pregnant woman</p><p>Not translated</p><button title='Close it'>×</button>"
        "<select><option>America/Port of Spain</option></select><p>⟦Cohort⟧: Demo cohort</p>",
    )
    assert set(reader.found) == {"Not translated", "[attribute] Close it"}
