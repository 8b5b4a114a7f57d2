"""“Download my journal” in a real browser, once the password typed at login is older than 10 minutes:
the confirmation asks in words that fit a download, and confirming leads to a page that says the
download has started (and starts it), not back to the password form. The file holds the comments on
the intern's entries and their sign-offs. Checked with axe-core, on a phone and at desktop width."""

import json
import re
import zipfile
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update

from journal.extensions import db
from journal.models import UserSession
from journal.models.types import utcnow
from journal.seed.demo import DEMO_PASSWORD

from .conftest import DESKTOP, OUTPUT_DIR, PHONE
from .test_journal import follow, journal_path, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

INTERN = "intern1@demo.test"
SHOTS = OUTPUT_DIR / "account_download"


def password_typed_long_ago(live_server) -> None:
    """Every session's password as if typed 11 minutes ago, so the next download asks for it again."""
    with live_server.app.app_context():
        db.session.execute(update(UserSession).values(password_confirmed_at=utcnow() - timedelta(minutes=11)))
        db.session.commit()


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{page.viewport_size['width']}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.exists() and path.stat().st_size > 0, f"no screenshot at {path}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_confirming_the_password_starts_the_download_on_a_page_that_says_so(browsing, live_server, tmp_path, viewport):
    page = browsing.page(viewport=viewport, mobile=viewport is PHONE)
    log_in_as(page, INTERN)
    password_typed_long_ago(live_server)
    page.goto(journal_path(live_server))
    follow(page.get_by_role("link", name="Download my journal"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your password")
    main = page.get_by_role("main")
    expect(main).to_contain_text("so we ask for your password before downloading it")
    expect(main).not_to_contain_text("cannot be undone")
    assert_accessible(page, "the password confirmation for a download")
    if viewport is PHONE:
        assert_fits_phone(page, "the password confirmation for a download")
    screenshot(page, "confirm-password")

    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_download() as started:
        follow(page.get_by_role("button", name="Confirm and download"))
    expect(page).to_have_url(re.compile(rf"/account/download/{live_server.cohort_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal is downloading")
    expect(page.get_by_role("link", name="Download again")).to_be_visible()
    expect(page.get_by_role("link", name="Back to my journal")).to_be_visible()
    assert_accessible(page, "the page that says the download started")
    if viewport is PHONE:
        assert_fits_phone(page, "the page that says the download started")
    screenshot(page, "download-started")

    archive = tmp_path / "journal.zip"
    started.value.save_as(archive)
    assert re.fullmatch(r"journal-demo-cohort-\d{4}-\d{2}-\d{2}\.zip", started.value.suggested_filename)
    with zipfile.ZipFile(archive) as opened:
        document = json.loads(opened.read("journal.json"))
        signoffs = opened.read("signoffs.md").decode()
    assert "## CH1 " in signoffs and "## GPH3 " in signoffs
    assert "- Approved at level 2 · Acts with direct supervision by Dr Joseph Mwangi" in signoffs
    commented = [entry for entry in document["entries"] if entry["comments"]]
    assert commented and any(c["author"] == "Dr Joseph Mwangi" for e in commented for c in e["comments"])

    # Downloading again needs no password for 10 minutes, and leaves the page as it is.
    with page.expect_download() as again:
        page.get_by_role("link", name="Download again").click()
    assert again.value.suggested_filename == started.value.suggested_filename
    expect(page.get_by_role("heading", level=1)).to_have_text("Your journal is downloading")
    follow(page.get_by_role("link", name="Back to my journal"))
    expect(page).to_have_url(re.compile(rf"/journal/{live_server.cohort_id}/$"))
    assert not browsing.problems, str(browsing.problems)
