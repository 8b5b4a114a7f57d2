"""Logging in and out in a real browser, and how the login page and each role's home look and read."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from journal.seed.demo import DEMO_ACCOUNTS, DEMO_COHORT, DEMO_PASSWORD

from .conftest import PHONE

pytestmark = pytest.mark.e2e

NAMES = {email: name for email, name, _ in DEMO_ACCOUNTS}
ROLES = {email: role for email, _, role in DEMO_ACCOUNTS}
# One account per role, for the pages each role sees.
ROLE_ACCOUNTS = {
    "intern": "intern1@demo.test",
    "supervisor": "supervisor@demo.test",
    "reviewer": "reviewer@demo.test",
    "coordinator": "coordinator@demo.test",
}
BLOCKING_IMPACTS = {"serious", "critical"}


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in the login form as a person would and submit it."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def expect_home(page: Page, live_server, email: str) -> None:
    """The page is this person's home page, not an error page."""
    role = ROLES[email]
    path = live_server.home_path(role)
    expect(page).to_have_url(re.compile(re.escape(live_server.url + path) + r"$"))
    expect(page.locator(".error-page")).to_have_count(0)
    heading = page.get_by_role("heading", level=1)
    if role == "coordinator":
        expect(heading).to_have_text("Cohorts")
    elif role == "intern":
        expect(heading).to_have_text(f"Welcome, {NAMES[email]}")
    else:
        expect(heading).to_have_text(DEMO_COHORT)


def axe_report(violations: list[dict]) -> str:
    """Each violation with its rule, impact, help text and the elements it was found on."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            lines.append(f"    target {node['target']}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> None:
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical violations on {what}:\n{axe_report(blocking)}"


WIDTHS_SCRIPT = """() => {
    let widest = {right: 0, e: null};
    for (const e of document.querySelectorAll('body *')) {
        const right = e.getBoundingClientRect().right;
        if (right > widest.right) widest = {right, e};
    }
    return {
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        widest: widest.e ? widest.e.outerHTML.slice(0, 200) : null,
        widestRight: Math.round(widest.right),
    };
}"""


def assert_fits_phone(page: Page, what: str) -> None:
    """No horizontal scrolling at phone width.

    A mobile browser zooms out when content is wider than the screen, which makes ``innerWidth`` grow
    past the device width; that counts as not fitting too.
    """
    sizes = page.evaluate(WIDTHS_SCRIPT)
    widest = f"the widest element reaches {sizes['widestRight']}px: {sizes['widest']}"
    assert sizes["inner"] == PHONE["width"], (
        f"{what} is wider than a {PHONE['width']}px phone (the browser zoomed out to {sizes['inner']}px); {widest}"
    )
    assert sizes["scroll"] <= sizes["inner"], (
        f"{what} scrolls sideways at phone width: scrollWidth {sizes['scroll']}px > {sizes['inner']}px; {widest}"
    )


def save_screenshot(page: Page, output_dir, name: str) -> None:
    path = output_dir / f"{name}-phone.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.exists() and path.stat().st_size > 0, f"no screenshot at {path}"


def test_intern_logs_in_and_reaches_their_home(page, live_server, browsing):
    log_in(page, "intern1@demo.test")

    expect(page).to_have_url(re.compile(rf"/home/{live_server.cohort_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Amira Haddad")
    assert not browsing.problems, str(browsing.problems)


def test_coordinator_logs_in_and_reaches_the_cohorts(page, live_server, browsing):
    log_in(page, "coordinator@demo.test")

    expect(page).to_have_url(re.compile(r"/cohorts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohorts")
    expect(page.get_by_role("main")).to_contain_text(DEMO_COHORT)
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize("email", [email for email, _, _ in DEMO_ACCOUNTS])
def test_each_demo_account_logs_in_and_out(page, live_server, browsing, email):
    log_in(page, email)
    expect_home(page, live_server, email)

    page.get_by_role("button", name="Log out").click()

    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    # The session really ended: the home page now asks to log in again.
    page.goto(live_server.home_path(ROLES[email]))
    expect(page).to_have_url(re.compile(r"/login(\?.*)?$"))
    assert not browsing.problems, str(browsing.problems)


def test_wrong_password_shows_an_error_and_keeps_the_email(page, browsing):
    log_in(page, "intern1@demo.test", password="not-the-password")

    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("Email or password is incorrect.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("intern1@demo.test")
    expect(page.get_by_label("Password")).to_have_value("")
    assert not browsing.problems, str(browsing.problems)


def test_login_page_is_accessible_and_fits_a_phone(phone_page, browsing, output_dir):
    phone_page.goto("/login")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Log in")

    save_screenshot(phone_page, output_dir, "login")
    assert_fits_phone(phone_page, "the login page")
    assert_accessible(phone_page, "the login page")
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_home_page_is_accessible_and_fits_a_phone(phone_page, live_server, browsing, output_dir, role):
    email = ROLE_ACCOUNTS[role]
    log_in(phone_page, email)
    expect_home(phone_page, live_server, email)

    save_screenshot(phone_page, output_dir, f"{role}-home")
    assert_fits_phone(phone_page, f"the {role}'s home page")
    assert_accessible(phone_page, f"the {role}'s home page")
    assert not browsing.problems, str(browsing.problems)
