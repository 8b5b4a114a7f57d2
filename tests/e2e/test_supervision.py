"""Supervision in a real browser: the supervisor reads the dashboard, opens the review queue,
comments on an entry, approves one sign-off request and returns another; the intern then sees the
comment, both decisions and the notifications. Every page is checked with axe-core and on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_journal import follow, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone, save_screenshot

pytestmark = pytest.mark.e2e

SUPERVISOR = "supervisor@demo.test"
INTERN = "intern1@demo.test"
INTERN_NAME = "Amira Haddad"
COMMENT = "Well observed. Next time ask the interpreter to check the family understood the plan."
FEEDBACK = "Add an entry about a consultation you led yourself, then ask again."


def open_request(page: Page, code: str) -> None:
    """From the intern page, open the pending request for the competency ``code``."""
    follow(page.get_by_role("link", name=re.compile(rf"Decide the request for {code}\b")))
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)


def test_supervisor_reviews_and_decides_then_the_intern_sees_it(page, live_server, browsing, output_dir):
    cohort = live_server.cohort_id
    log_in_as(page, SUPERVISOR)

    # The dashboard: one row per intern, the totals and the chart with its text alternative.
    follow(page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort dashboard")
    rows = page.locator("table.dashboard-table tbody tr")
    expect(rows).to_have_count(3)
    for name in (INTERN_NAME, "Lukas Becker", "Mei Lin"):
        expect(rows.filter(has_text=name)).to_have_count(1)
    expect(page.locator("svg")).not_to_have_count(0)
    assert_accessible(page, "the cohort dashboard")

    # The review queue: the intern's longest waiting shared entry without feedback; comment on it.
    follow(page.get_by_role("navigation", name="Main").get_by_role("link", name="To review"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review queue")
    assert_accessible(page, "the review queue")
    first = page.locator("li.queue-item").filter(has_text=INTERN_NAME).locator("h2 a").first
    title = first.inner_text()
    follow(first)
    page.get_by_label("Add a comment").fill(COMMENT)
    follow(page.get_by_role("button", name="Send comment"))
    expect(page.locator("#comments")).to_contain_text(COMMENT)
    assert_accessible(page, "an entry with its comments")

    # The intern page: approve one request, return another.
    page.goto(f"/review/{cohort}/")
    follow(page.get_by_role("link", name=INTERN_NAME, exact=True).first)
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERN_NAME)
    assert_accessible(page, "the intern page")
    open_request(page, "CH1")
    assert_accessible(page, "a sign-off request")
    page.get_by_label("Level to sign off at").select_option("2")
    page.get_by_label("Note to the intern (optional)").fill("You handled the family meeting well.")
    follow(page.get_by_role("button", name="Sign off"))
    expect(page.locator("body")).to_contain_text("Signed off CH1 at level 2")
    # The other straight from the dashboard's list of requests waiting for a decision.
    page.goto(f"/review/{cohort}/")
    follow(page.get_by_role("link", name=f"Decide on EP1 for {INTERN_NAME}"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("EP1")
    page.get_by_role("textbox", name="Feedback").fill(FEEDBACK)
    follow(page.get_by_role("button", name=re.compile("Return to")))
    expect(page.locator("body")).to_contain_text(FEEDBACK)
    save_screenshot(page, output_dir, "supervisor-signoff")

    # The intern: notifications, the comment, both decisions on the checklist.
    page.context.clear_cookies()
    log_in_as(page, INTERN)
    badge = page.locator(".site-nav .nav-count")
    expect(badge).to_be_visible()
    assert int(badge.inner_text().split()[0]) >= 3
    follow(page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("Notifications")))
    notes = page.locator(".notification-list")
    expect(notes).to_contain_text(f"Dr Joseph Mwangi commented on “{title}”")
    expect(notes).to_contain_text("Dr Joseph Mwangi approved your sign-off request for CH1")
    expect(notes).to_contain_text("Dr Joseph Mwangi returned your sign-off request for EP1")
    assert_accessible(page, "the notifications")
    follow(notes.get_by_role("link", name=re.compile("commented on")).first)
    expect(page.locator("#comments")).to_contain_text(COMMENT)
    page.goto(f"/competencies/{cohort}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My competencies")
    ch1 = page.locator("li.checklist-item").filter(has_text=re.compile(r"\bCH1\b"))
    expect(ch1).to_contain_text("Signed off at level")
    expect(ch1).to_contain_text("Acts with direct supervision")
    ep1 = page.locator("li.checklist-item").filter(has_text=re.compile(r"\bEP1\b"))
    expect(ep1).to_contain_text("Returned with feedback")
    expect(ep1).to_contain_text(FEEDBACK)
    assert_accessible(page, "the intern's checklist")
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize(
    "email, path",
    [
        (SUPERVISOR, "/review/{cohort}/"),
        (SUPERVISOR, "/review/{cohort}/queue"),
        (SUPERVISOR, "/notifications/"),
        (INTERN, "/competencies/{cohort}/"),
        ("coordinator@demo.test", "/review/{cohort}/"),
        ("coordinator@demo.test", "/cohorts/frameworks/"),
        ("coordinator@demo.test", "/cohorts/{cohort}/audit"),
    ],
)
def test_supervision_pages_fit_a_phone_and_pass_axe(phone_page, live_server, browsing, output_dir, email, path):
    log_in_as(phone_page, email)
    phone_page.goto(path.format(cohort=live_server.cohort_id))
    expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    what = f"{path} as {email}"
    assert_fits_phone(phone_page, what)
    assert_accessible(phone_page, what)
    slug = re.sub(r"[^a-z]+", "-", f"{email.split('@')[0]}{path}".replace("{cohort}", "")).strip("-")
    save_screenshot(phone_page, output_dir, f"phone-{slug}")
    assert not browsing.problems, str(browsing.problems)
