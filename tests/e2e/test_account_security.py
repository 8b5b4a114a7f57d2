"""Two-factor authentication and sessions in a real browser: a supervisor turns two-factor on
by typing what an authenticator app would show, logs in with a code, ends another browser's
session, and every page passes axe-core and fits a phone."""

import pyotp
import pytest
from playwright.sync_api import expect

from .test_login_pages import assert_accessible, assert_fits_phone, log_in, save_screenshot

pytestmark = pytest.mark.e2e

SUPERVISOR = "supervisor@demo.test"


def test_two_factor_from_set_up_to_login_and_ending_another_session(browsing, live_server, output_dir):
    other_browser = browsing.page()
    log_in(other_browser, SUPERVISOR)
    page = browsing.page()
    log_in(page, SUPERVISOR)

    page.goto("/account")
    page.get_by_role("link", name="Sign-in and security").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in and security")
    expect(page.get_by_text("This browser")).to_be_visible()
    assert_accessible(page, "the security page")

    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page, "the two-factor set-up page")
    secret = page.locator(".secret-key").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_text("That code does not match")).to_be_visible()
    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page, "the recovery codes page")
    page.get_by_role("link", name="I have saved them").click()

    page.get_by_role("button", name="Log out everywhere else").click()
    expect(page.get_by_text("Logged out of 1 other session.")).to_be_visible()
    other_browser.goto("/account")
    expect(other_browser).to_have_url(f"{live_server.url}/login?next=/account")

    page.get_by_role("button", name="Log out").click()
    log_in(page, SUPERVISOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page, "the code page")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Enter your code")
    page.goto("/account/security")
    expect(page.get_by_text("9 unused recovery codes left.")).to_be_visible()
    expect(page.get_by_role("cell", name="Logged in").first).to_be_visible()
    assert not browsing.problems, str(browsing.problems)


def test_security_pages_fit_a_phone(phone_page, browsing, output_dir):
    page = phone_page
    log_in(page, SUPERVISOR)
    page.goto("/account/security")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_fits_phone(page, "the security page")
    assert_accessible(page, "the security page on a phone")
    save_screenshot(page, output_dir, "account-security")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_fits_phone(page, "the two-factor set-up page")
    assert_accessible(page, "the two-factor set-up page on a phone")
    save_screenshot(page, output_dir, "two-factor-setup")
    assert not browsing.problems, str(browsing.problems)
