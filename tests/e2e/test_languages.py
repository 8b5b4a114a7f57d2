"""The demo in every language, as every role, in Chromium at a phone's width and a desktop's (issue #16).

For each role and language the person logs in from a browser that asks for that language (the demo accounts
have chosen none, so the browser's decides; were the page in another, the footer's switcher picks it), and opens
their pages: the navigation's and
those they lead to, up to PAGES_PER_ROLE. On every page: ``<html lang>`` is the language; no English message
of the app's catalog is shown on a page in another language (messages whose translation is the English
word itself aside) — names and entry text are the demo's own and are not in the catalog, so they never
count; axe-core finds nothing serious (in full for each role in one other language, and its rules about
language and names in the others: FULL_AXE); nothing scrolls sideways at 390 px or at 1280 px. A screenshot of each
role's home page, per language and width, goes to ``test-output/e2e/languages/``.
"""

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from journal.i18n import LANGUAGES
from journal.seed.demo import DEMO_PASSWORD

from .conftest import DESKTOP, PHONE
from .test_login_pages import ROLE_ACCOUNTS, assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

CATALOGS = Path(__file__).resolve().parents[2] / "translations"
PAGES_PER_ROLE = 5
# axe-core in full for each role in one other language (the pages' structure is the same in every language; the
# English pages are checked in full by the other browser tests), and in every language its rules about what the
# words make: the language attributes, and names of controls, links, headings and the page.
FULL_AXE = {"intern": "es", "supervisor": "fr", "reviewer": "pt", "coordinator": "es"}
WORDING_RULES = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "rule",
        "values": [
            "html-has-lang",
            "html-lang-valid",
            "valid-lang",
            "document-title",
            "label",
            "button-name",
            "link-name",
            "select-name",
            "empty-heading",
            "input-button-name",
        ],
    },
}
# Links a crawl does not follow: leaving, downloads, machine-read answers, and the offline app's own pages.
SKIPPED = re.compile(r"/logout|/download|\.(pdf|zip|json|csv|xml)$|/export|/static/|/offline|/start$|/service-worker")
# What people wrote, in whatever language they wrote it (an entry's text may hold the writing prompts' English
# headings): entries' and comments' bodies, and the portfolio's entries.
WRITTEN_BY_PEOPLE = ".entry-body, .comment-body, article.entry > .body, textarea"
# The visible text nodes of the page (not inside scripts, styles or hidden elements), each trimmed.
TEXTS_SCRIPT = """(WRITTEN_BY_PEOPLE) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\\s+/g, ' ').trim();
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('script, style, template, [hidden]')) continue;
        if (parent.closest(WRITTEN_BY_PEOPLE)) continue;
        found.push(text);
    }
    return found;
}"""


@cache
def english_messages(language: str) -> tuple[re.Pattern, ...]:
    """Patterns matching a whole text node that is one of the catalog's English messages with two words or more
    of its own (besides its placeholders, which stand for anything) — those whose translation in ``language``
    differs."""
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if "<" in english or english in strings or len(english.split()) < 2:
                continue
            parts = re.split(r"%\(\w+\)[sd]|%[sd]", english)
            if len(re.findall(r"[A-Za-z]{2,}", " ".join(parts))) < 2:  # "%(a)s of %(b)s" would match a place's name
                continue
            patterns.append(re.compile(".+?".join(re.escape(part) for part in parts)))
    return tuple(patterns)


def untranslated(texts: list[str], language: str) -> list[str]:
    """The text nodes that are an English message of the app."""
    return [text for text in texts if any(pattern.fullmatch(text) for pattern in english_messages(language))]


def choose_language(page: Page, language: str) -> None:
    """Pick the language with the footer's switcher, as a person would."""
    switcher = page.locator("form.language-switcher")
    switcher.locator("select").select_option(language)
    with page.expect_navigation():
        switcher.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def log_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def crawl(page: Page, base: str, limit: int) -> Iterator[str]:
    """Open the page the browser is on, then the pages its links lead to, breadth first, up to ``limit`` paths;
    yield each path while its page is open (at the desktop's width), once."""
    seen = [urlsplit(page.url).path]
    queue = list(seen)
    while queue:
        path = queue.pop(0)
        page.set_viewport_size(DESKTOP)
        page.goto(path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(href)
            found = parts.path
            eligible = href.startswith(base) and not parts.query and not SKIPPED.search(found)
            if eligible and found not in seen and len(seen) < limit:
                seen.append(found)
                queue.append(found)
        yield path


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("role", sorted(ROLE_ACCOUNTS))
def test_every_page_speaks_the_language(browsing, live_server, output_dir, role, language):
    page = browsing.page(viewport=DESKTOP)
    page.context.set_extra_http_headers({"Accept-Language": f"{language},en;q=0.1"})
    log_in(page, ROLE_ACCOUNTS[role])
    if page.locator("html").get_attribute("lang") != language:  # the demo accounts' own setting is English
        choose_language(page, language)
    home = urlsplit(page.url).path
    shots = output_dir / "languages"
    shots.mkdir(exist_ok=True)
    problems = []
    for path in crawl(page, live_server.url, PAGES_PER_ROLE):
        what = f"{path} as {role} in {language}"
        if page.locator("html").get_attribute("lang") != language:
            problems.append(f"{what}: <html lang> is {page.locator('html').get_attribute('lang')!r}")
        if language != "en":
            problems += [
                f"{what}: untranslated {text!r}"
                for text in untranslated(page.evaluate(TEXTS_SCRIPT, WRITTEN_BY_PEOPLE), language)
            ]
        if language == FULL_AXE[role]:
            assert_accessible(page, what)
        elif language != "en":  # English pages: axe in full in the other browser tests
            problems += [
                f"{what}: axe: {v['id']} {v['help']}"
                for v in Axe().run(page, options=WORDING_RULES).response["violations"]
            ]
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if sizes[0] > sizes[1]:
            problems.append(f"{what}: scrolls sideways at {DESKTOP['width']} px ({sizes[0]} > {sizes[1]})")
        if path == home:
            page.screenshot(path=str(shots / f"{role}-{language}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        try:
            assert_fits_phone(page, what)
        except AssertionError as error:
            problems.append(str(error))
        if path == home:
            page.screenshot(path=str(shots / f"{role}-{language}-phone.png"), full_page=True)
    assert not problems, "\n".join(problems)
    assert not browsing.problems, str(browsing.problems)


def test_the_untranslated_check_sees_english(app):
    """The check is not blind: an English message of the catalog on a Spanish page is found, a translated one
    and a person's name are not."""
    with (CATALOGS / "es" / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        catalog = read_po(po_file, locale="es")
    message = next(
        m
        for m in catalog
        if isinstance(m.id, str) and len(m.id.split()) >= 3 and m.string != m.id and not re.search("[<%]", m.id)
    )
    assert untranslated([message.id, message.string, "Amira Haddad"], "es") == [message.id]
