"""Forgetting a password in a real browser: from the login page to an emailed link, a new password, and
logging in with it; how each page looks on a phone and on a desktop.

The email goes to a real SMTP server on loopback (the outbox erases a sent reset email's text): the test
reads the link from what it received, as the person would from their mailbox.
"""

import email
import email.policy
import logging
import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.emails.conftest import mail_settings, smtp  # noqa: F401 (smtp is a fixture, used by name)

from .conftest import DESKTOP, PHONE
from .test_login_pages import assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.e2e

EMAIL = "intern1@demo.test"
NEW_PASSWORD = "a very new passphrase for the ward"
LINK = re.compile(r"https?://[^/\s]+(/password/reset/[A-Za-z0-9_-]+)")


def shoot(page: Page, output_dir, name: str, width: dict) -> None:
    """A full-page screenshot into ``test-output/e2e/password_reset/``."""
    folder = output_dir / "password_reset"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{width['width']}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


@pytest.fixture
def app_config(smtp):  # noqa: F811 (the fixture imported above)
    """Real CSRF protection, and emails sent to the SMTP server on loopback."""
    controller, _ = smtp
    return {"WTF_CSRF_ENABLED": True, **mail_settings(controller.port)}


def newest_link(smtp) -> str:  # noqa: F811
    """The path of the reset link in the newest email received (sent by a background job: waited for)."""
    _, inbox = smtp
    deadline = time.monotonic() + 30
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    message = email.message_from_bytes(inbox.messages[-1].content, policy=email.policy.default)
    return LINK.search(message.get_body(("plain",)).get_content()).group(1)


def assert_no_other_problems(browsing) -> None:
    """No script error and no console error but the browser's note of the expected 404 page."""
    expected = "Failed to load resource: the server responded with a status of 404 (NOT FOUND)"
    assert [c for c in browsing.problems.console if c != expected] == [], str(browsing.problems)
    assert not browsing.problems.scripts, str(browsing.problems)


def ask_for_a_link(page: Page, output_dir, width: dict) -> None:
    """From the login page, ask for a link for the demo intern, through the forms."""
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    shoot(page, output_dir, "forgot", width)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    shoot(page, output_dir, "sent", width)


def test_a_forgotten_password_is_reset_by_email(page, live_server, browsing, output_dir, caplog, smtp):  # noqa: F811
    caplog.set_level(logging.INFO, logger="werkzeug")
    ask_for_a_link(page, output_dir, DESKTOP)
    assert_accessible(page, "the link-sent page")
    link = newest_link(smtp)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD + " typo")
    page.get_by_role("button", name="Set my new password").click()
    expect(page.get_by_text("The two passwords are not the same.")).to_be_visible()
    shoot(page, output_dir, "reset-mistyped", DESKTOP)
    assert_accessible(page, "the new-password form")

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set my new password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("Log in with your new password.")).to_be_visible()
    shoot(page, output_dir, "done", DESKTOP)

    log_in(page, EMAIL, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(rf"/home/{live_server.cohort_id}$"))

    # The link worked once: opened again, it says so and offers a new one.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This password-reset link does not work")
    expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()
    shoot(page, output_dir, "invalid", DESKTOP)
    assert browsing.problems.responses == [f"404 GET {live_server.url}{link}"], str(browsing.problems)
    assert_no_other_problems(browsing)
    # The development server's access log shows the path without its key.
    assert "/password/reset/[hidden]" in caplog.text
    assert link.rsplit("/", 1)[1] not in caplog.text


def test_the_reset_pages_fit_a_phone(phone_page, live_server, browsing, output_dir, smtp):  # noqa: F811
    ask_for_a_link(phone_page, output_dir, PHONE)
    assert_fits_phone(phone_page, "the link-sent page")
    link = newest_link(smtp)

    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    phone_page.get_by_role("button", name="Set my new password").click()  # nothing typed: what to fix
    expect(phone_page.locator(".error-summary")).to_be_visible()
    shoot(phone_page, output_dir, "reset-mistyped", PHONE)
    assert_fits_phone(phone_page, "the new-password form")
    assert_accessible(phone_page, "the new-password form")

    # A long address, as typed, wraps rather than widening the page.
    phone_page.goto("/password/forgot")
    phone_page.get_by_label("Email").fill("first.middle.lastname.department@university-teaching-hospital.example.org")
    phone_page.get_by_role("button", name="Send me a link").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_fits_phone(phone_page, "the link-sent page with a long address")

    phone_page.goto("/password/reset/not-a-link")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("This password-reset link does not work")
    shoot(phone_page, output_dir, "invalid", PHONE)
    assert_fits_phone(phone_page, "the page of a link that does not work")
    assert_accessible(phone_page, "the page of a link that does not work")
    assert [r.split()[0] for r in browsing.problems.responses] == ["404"], str(browsing.problems)
    assert_no_other_problems(browsing)
