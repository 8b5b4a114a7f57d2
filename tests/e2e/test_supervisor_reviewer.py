"""The supervisor's reading path, the reviewer's credit table and the public verification page, in a real
browser at a phone's width and a desktop's: every figure and action visible, nothing scrolling sideways.
Screenshots go to test-output/e2e/supervisor_reviewer/."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from journal.extensions import db
from journal.models import Submission, User

from .conftest import DESKTOP, PHONE
from .test_journal import follow, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

SUPERVISOR = "supervisor@demo.test"
REVIEWER = "reviewer@demo.test"
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture
def shots(output_dir):
    """Save a full-page screenshot as ``<name>-<width>.png`` in test-output/e2e/supervisor_reviewer/."""
    folder = output_dir / "supervisor_reviewer"
    folder.mkdir(exist_ok=True)

    def save(page: Page, name: str) -> None:
        path = folder / f"{name}-{page.viewport_size['width']}.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=str(path), full_page=True)
        assert path.exists() and path.stat().st_size > 0, f"no screenshot at {path}"

    return save


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_supervisor_reads_the_queue_entry_by_entry(browsing, live_server, shots, width):
    page = browsing.page(viewport=WIDTHS[width], mobile=width == "phone")
    log_in_as(page, SUPERVISOR)
    page.goto(f"/review/{live_server.cohort_id}/queue")
    first = page.locator("main h2 a").first
    title = first.inner_text()
    follow(first)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    path = page.get_by_role("navigation", name="Reviewing shared entries")
    expect(path.get_by_role("link", name=re.compile("Review queue"))).to_be_visible()
    expect(path).to_contain_text("waiting")
    expect(path.get_by_role("link", name=re.compile("^Intern page: "))).to_be_visible()
    following = path.get_by_role("link", name=re.compile(r"^Next in queue\s*: "))
    expect(following).to_be_visible()
    end = page.get_by_role("navigation", name="Next in the review queue")
    next_title = end.locator(".reading-next-title").inner_text()
    assert next_title and next_title != title
    expect(following).to_have_accessible_name(re.compile(rf"^Next in queue\s*: {re.escape(next_title)}$"))
    assert_accessible(page, "an entry with the supervisor's reading path")
    if width == "phone":
        assert_fits_phone(page, "an entry with the supervisor's reading path")
    shots(page, "supervisor-entry")

    follow(following)
    expect(page.get_by_role("heading", level=1)).to_have_text(next_title)
    # Back to the queue, without any script.
    follow(page.get_by_role("navigation", name="Reviewing shared entries").get_by_role("link", name="Review queue"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review queue")
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_reviewer_reads_what_was_submitted(browsing, live_server, shots, width):
    page = browsing.page(viewport=WIDTHS[width], mobile=width == "phone")
    log_in_as(page, REVIEWER)
    page.goto(f"/portfolio/{live_server.cohort_id}/submissions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Portfolios and credit")
    table = page.locator("table.credit-table")
    submitted = table.locator("tr.credit-submitted")
    expect(submitted).to_have_count(2)  # the demo's two submissions
    expect(table.locator("tr.credit-live").first).to_contain_text("Live, not submitted")
    # Every submission's figures and its files are on screen, at any width.
    for row in submitted.all():
        expect(row.get_by_role("link", name="PDF", exact=True)).to_be_visible()
        expect(row.get_by_role("link", name="JSON", exact=True)).to_be_visible()
        expect(row.locator("td[data-label='Clinical hours']")).to_be_visible()
        expect(row.locator("td[data-label='Requirements']")).to_be_visible()
    assert_accessible(page, "the reviewer's credit table")
    if width == "phone":
        assert_fits_phone(page, "the reviewer's credit table")
    shots(page, "reviewer-cohort")
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_verify_names_the_zone_of_the_moment(browsing, live_server, shots, width):
    with live_server.app.app_context():
        submission = db.session.scalars(select(Submission).order_by(Submission.id)).first()
        code, zone = submission.code, db.session.scalar(select(User.timezone).where(User.email == REVIEWER))
    anonymous = browsing.page(viewport=WIDTHS[width], mobile=width == "phone")
    anonymous.goto(f"/verify/{code}")
    submitted_on = anonymous.locator("dl.facts div").filter(has_text="Submitted on").locator("dd")
    expect(submitted_on).to_have_text(re.compile(r"^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$"))
    assert_accessible(anonymous, "the public verification page")
    if width == "phone":
        assert_fits_phone(anonymous, "the public verification page")
    shots(anonymous, "verify")

    reader = browsing.page(viewport=WIDTHS[width], mobile=width == "phone")
    log_in_as(reader, REVIEWER)
    reader.goto(f"/verify/{code}")
    local = reader.locator("dl.facts div").filter(has_text="Submitted on").locator("dd")
    shown = "UTC" if zone == "UTC" else f"({zone.replace('_', ' ')})"
    expect(local).to_have_text(re.compile(rf"^\d{{1,2}} \w{{3}} \d{{4}}, \d{{2}}:\d{{2}} {re.escape(shown)}$"))
    assert not browsing.problems, str(browsing.problems)
