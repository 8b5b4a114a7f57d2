"""The intern's home, journal list and search results in a real browser (issue #17), on a phone and a desktop:
what each says, that each reads well (axe-core) and fits, and a screenshot of each at both widths in
``test-output/e2e/intern_pages/`` to look at."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import DESKTOP, PHONE
from .test_journal import INTERN, follow, journal_path, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def _home(page: Page, live_server) -> None:
    page.goto(f"/home/{live_server.cohort_id}")
    # The demo intern left a draft, has comments to read and sign-offs waiting and decided.
    drafts = page.get_by_role("region", name=re.compile(r"^You have \d+ unsaved drafts?$"))
    expect(drafts.get_by_role("link", name=re.compile("^Continue writing"))).to_have_count(1)
    expect(drafts.locator("ul")).to_have_css("list-style-type", "none")  # the page's styles are there
    comments = page.get_by_role("region", name="New comments")
    expect(comments.get_by_role("link", name=re.compile(r" commented on “"))).not_to_have_count(0)
    signoffs = page.get_by_role("region", name="Your sign-offs")
    expect(signoffs.get_by_role("heading", name="Waiting for a decision")).to_be_visible()
    expect(signoffs.locator(".status-badge-approved")).not_to_have_count(0)


def _journal(page: Page, live_server) -> None:
    page.goto(journal_path(live_server))
    first = page.locator(".entry-row").first
    expect(first.locator(".entry-readers")).to_have_text(re.compile(r"^Who can read: "))
    expect(first.locator(".entry-comments")).to_have_text(re.compile(r"^(No comments|\d+ comments?)$"))
    expect(page.locator(".entry-row").get_by_role("button")).to_have_count(0)


def _search(page: Page, live_server) -> None:
    page.goto(journal_path(live_server))
    page.get_by_role("search").get_by_label("Search my entries").fill("consent")
    follow(page.get_by_role("search").get_by_role("button", name="Search"))
    expect(page.get_by_role("search").get_by_label("Search my entries")).to_have_value("consent")
    hit = page.locator(".search-hit").first
    expect(hit.locator(".badge")).to_be_visible()
    expect(hit.locator(".search-excerpt mark").first).to_have_text(re.compile("consent", re.IGNORECASE))
    expect(hit.locator(".search-excerpt")).not_to_contain_text("##")


PAGES = [("home", _home), ("journal", _journal), ("search", _search)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "open_page"), PAGES, ids=[name for name, _ in PAGES])
def test_intern_page_reads_well_and_fits(browsing, live_server, output_dir, name, open_page, width):
    page = browsing.page(viewport=WIDTHS[width], mobile=width == "phone")
    log_in_as(page, INTERN)
    open_page(page, live_server)

    folder = output_dir / "intern_pages"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{width}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    if width == "phone":
        assert_fits_phone(page, f"the intern's {name} page")
    assert_accessible(page, f"the intern's {name} page ({width})")
    assert not browsing.problems, str(browsing.problems)
