"""The edit form marks a name as the intern types it, on a phone: in the text itself (a copy drawn
behind the text box), in the list under it with why, and choosing it there selects it in the text."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from journal.deid.finding import REASONS
from journal.extensions import db
from journal.models import Entry, User

from .test_journal import INTERN, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone, save_screenshot

pytestmark = pytest.mark.e2e

TYPED = " Later Mrs Wanjiru Kamau came back with her son."
NAME = "Wanjiru Kamau"


def _an_entry_of(app, email: str) -> int:
    """The id of one of the demo intern's entries."""
    with app.app_context():
        return db.session.scalar(
            select(Entry.id).join(User, Entry.author_id == User.id).where(User.email == email).order_by(Entry.id)
        )


def test_a_name_typed_into_the_edit_form_is_marked_at_phone_width(app, phone_page, live_server, browsing, output_dir):
    page = phone_page
    log_in_as(page, INTERN)
    page.goto(f"/entries/{_an_entry_of(app, INTERN)}/edit")
    body = page.locator("textarea#body")
    section = page.get_by_role("region", name="Possible identifiers in your text")
    expect(section).to_be_visible()

    body.click()
    page.keyboard.press("Control+End")
    body.press_sequentially(TYPED, delay=5)

    # Marked in the text itself, where the words are.
    mark = page.locator(".mark-mirror mark", has_text=NAME)
    expect(mark).to_have_count(1)
    box, area = mark.bounding_box(), body.bounding_box()
    assert box["width"] > 0 and area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
    mirrored = page.locator(".mark-mirror").evaluate("mirror => mirror.textContent")
    assert mirrored == body.input_value() + " "

    # Listed under the text, with why; the count is said politely to screen readers.
    item = section.locator("li", has=page.locator("mark", has_text=NAME))
    expect(item).to_contain_text(str(REASONS["name"]))
    body.evaluate("area => area.scrollTop = area.scrollHeight")
    expect(section.get_by_role("status")).to_contain_text(re.compile(r"\d+ possible identifiers? to check"))

    # Choosing it selects the words in the text.
    item.get_by_role("link").click()
    expect(body).to_be_focused()
    selected = body.evaluate("area => area.value.slice(area.selectionStart, area.selectionEnd)")
    assert selected == NAME

    body.evaluate("area => area.blur()")
    save_screenshot(page, output_dir, "edit-identifier-marks")
    assert_fits_phone(page, "the edit page with a name marked")
    assert_accessible(page, "the edit page with a name marked")

    # Taking the name out takes its mark away.
    body.fill(body.input_value().replace(TYPED, ""))
    body.press("End")
    expect(page.locator(".mark-mirror mark", has_text=NAME)).to_have_count(0)
    expect(section.locator("li mark", has_text=NAME)).to_have_count(0)

    # Text a script puts back in the form (a draft kept on this device) is checked too.
    body.evaluate("area => { area.value += ' Mr Tetteh Owusu called.'; }")
    expect(page.locator(".mark-mirror mark", has_text="Tetteh Owusu")).to_have_count(1)
    assert not browsing.problems, str(browsing.problems)
