"""Emails in a real browser: the email settings page saved as a person would, an email's unsubscribe
link opened logged out, and the HTML emails themselves, at phone and desktop widths, each accessible."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from journal import schedule
from journal.emails import preferences
from journal.extensions import db
from journal.models import EmailOptOut, Notification, OutgoingEmail, User

from .conftest import DESKTOP, PHONE
from .test_login_pages import assert_accessible, assert_fits_phone, log_in, save_screenshot

pytestmark = pytest.mark.e2e

INTERN = "intern1@demo.test"


def shoot(page, output_dir, name: str) -> None:
    """Screenshots of the page at phone width (``<name>-phone.png``) and desktop width (``<name>-desktop.png``)."""
    page.set_viewport_size(PHONE)
    assert_fits_phone(page, name)
    save_screenshot(page, output_dir, name)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(output_dir / f"{name}-desktop.png"), full_page=True)


def test_an_intern_chooses_their_emails(browsing, live_server, output_dir):
    page = browsing.page(viewport=PHONE, mobile=True)
    log_in(page, INTERN)
    page.goto("/account")
    shoot(page, output_dir, "account-with-email-settings")
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Email settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email settings")
    expect(page.get_by_text("No mail server is set up here")).to_be_visible()
    assert_accessible(page, "the email settings page")
    shoot(page, output_dir, "email-settings")

    # An intern is offered the intern's emails only: no supervisor digest, no cadence to choose.
    expect(page.get_by_role("checkbox")).to_have_count(3)
    expect(page.get_by_text("Supervisor digest")).to_have_count(0)
    expect(page.get_by_label("Every Monday morning")).to_have_count(0)

    page.get_by_label("Comments on your entries").uncheck()
    page.get_by_role("button", name="Save email settings").click()
    expect(page.get_by_text("Your email settings are saved.")).to_be_visible()
    expect(page.get_by_label("Comments on your entries")).not_to_be_checked()
    expect(page.get_by_label("Sign-off decisions")).to_be_checked()
    with live_server.app.app_context():
        intern = db.session.scalar(select(User).where(User.email == INTERN))
        assert preferences.turned_off(intern) == {"comment"} and intern.digest_cadence == "daily"
    assert not browsing.problems, str(browsing.problems)


def test_a_supervisor_is_offered_the_digest_and_its_cadence(browsing, live_server, output_dir):
    page = browsing.page(viewport=PHONE, mobile=True)
    log_in(page, "supervisor@demo.test")
    page.goto("/account/emails")
    expect(page.get_by_label("Supervisor digest")).to_be_checked()
    expect(page.get_by_label("Comments on your entries")).to_have_count(0)
    page.get_by_label("Every Monday morning").check()
    assert_accessible(page, "the supervisor's email settings")
    shoot(page, output_dir, "email-settings-supervisor")
    page.get_by_role("button", name="Save email settings").click()
    expect(page.get_by_label("Every Monday morning")).to_be_checked()
    assert not browsing.problems, str(browsing.problems)


def test_the_unsubscribe_link_asks_then_stops_that_kind(browsing, live_server, output_dir):
    with live_server.app.test_request_context():
        intern = db.session.scalar(select(User).where(User.email == INTERN))
        link = preferences.unsubscribe_url(intern, "signoff_decided").split("/", 3)[3]
    page = browsing.page(viewport=PHONE, mobile=True)
    page.goto(f"/{link}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop emails about “Sign-off decisions”?")
    assert_accessible(page, "the unsubscribe page")
    shoot(page, output_dir, "email-unsubscribe")
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails stopped")
    assert_accessible(page, "the unsubscribed page")
    shoot(page, output_dir, "email-unsubscribed")
    with live_server.app.app_context():
        kinds = db.session.scalars(select(EmailOptOut.kind).where(EmailOptOut.user_id == intern.id)).all()
    assert kinds == ["signoff_decided"]
    page.goto("/email/unsubscribe/not-a-token")
    expect(page.get_by_role("heading", level=1)).to_have_text("This unsubscribe link does not work")
    assert browsing.problems.responses == [f"404 GET {live_server.url}/email/unsubscribe/not-a-token"]


def test_the_html_emails_read_on_a_phone_and_a_desktop(browsing, live_server, output_dir):
    """The demo's notifications written as emails, each kind shown as a mail reader would."""
    now = datetime.now(UTC)
    with live_server.app.app_context():
        # The demo's notifications are days old, too old to email: as if they had just happened.
        db.session.execute(update(Notification).values(created_at=now - timedelta(minutes=1)))
        db.session.commit()
        schedule.run_due_jobs(now, only=("notification_emails",))
        emails = {email.kind: email.body_html for email in db.session.scalars(select(OutgoingEmail))}
    assert {"comment", "signoff_decided"} <= set(emails)
    page = browsing.page()
    for kind, html in sorted(emails.items()):
        page.set_content(html)
        assert_accessible(page, f"the {kind} email")
        shoot(page, output_dir, f"email-{kind}")
