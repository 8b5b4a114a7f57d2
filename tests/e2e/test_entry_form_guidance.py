"""The entry form in a real browser, at a phone's width and a desktop's (issue #17): required fields marked
before saving, each prompt's question open right above the text box, a save with the prompts untouched
keeping none of them, and hours coming back as they were typed, "2.5" in English and "2,5" in French.
Screenshots go to ``test-output/e2e/entry_form/``."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import DESKTOP, PHONE
from .test_journal import INTERN, a_past_date, entry_id_of, follow, journal_path, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

SIZES = {"phone": PHONE, "desktop": DESKTOP}


def _screenshot(page: Page, output_dir, name: str) -> None:
    folder = output_dir / "entry_form"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0, f"no screenshot at {path}"


def _mark_after(page: Page, field_id: str) -> str:
    """What the stylesheet draws after the field's label, as shown (its alternative text aside)."""
    return page.evaluate(
        """(id) => {
            const content = getComputedStyle(document.querySelector(`label[for="${id}"]`), "::after").content;
            return content === "none" ? "" : content.match(/^"([^"]*)"/)[1].trim();
        }""",
        field_id,
    )


def _open(browsing, size: str, language: str) -> Page:
    page = browsing.page(viewport=SIZES[size], mobile=size == "phone")
    log_in_as(page, INTERN)
    page.set_extra_http_headers({"Accept-Language": language})  # the demo intern has chosen no language
    return page


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_form_marks_required_fields_and_shows_the_prompts(browsing, live_server, output_dir, size):
    page = _open(browsing, size, "en")
    page.goto(journal_path(live_server, "new?kind=clinical"))

    expect(page.get_by_text("Fields marked * are required.")).to_be_visible()
    for label in ("Title", "Date it happened", "Setting", "My involvement"):
        field = page.get_by_label(label, exact=True)  # the mark is no part of the label's words
        expect(field).to_have_attribute("required", "")
        assert _mark_after(page, field.get_attribute("id")) == "*"
    for label in ("Tags", "Specialty", "Hours", "Your entry"):
        field = page.get_by_label(label, exact=True)
        expect(field).not_to_have_attribute("required", re.compile(".*"))
        assert _mark_after(page, field.get_attribute("id")) == ""

    guide = page.locator("details.prompt-guide")
    expect(guide).to_have_attribute("open", "")
    expect(guide.get_by_text("Did you observe, assist, or perform under supervision?")).to_be_visible()
    body = page.get_by_label("Your entry", exact=True)
    expect(body).to_have_value(re.compile(r"^## What happened\n"))
    # On a phone the questions take under half the screen: with them at the top, the text box starts on it.
    guide_box, body_box = guide.bounding_box(), body.bounding_box()
    assert body_box["y"] - guide_box["y"] < SIZES[size]["height"] / 2, (guide_box, body_box)
    if size == "phone":
        assert_fits_phone(page, "the clinical entry form")
    assert_accessible(page, f"the clinical entry form ({size})")
    guide.scroll_into_view_if_needed()
    _screenshot(page, output_dir, f"new-clinical-{size}")

    # Saving with nothing filled in: the server names what is missing; nothing else is lost.
    follow(page.get_by_role("button", name="Save entry"))
    expect(page.locator("#title-error")).to_be_visible()
    expect(page.locator("#setting-error")).to_have_text("Choose a setting.")
    expect(page.locator("#involvement-error")).to_have_text("Choose your involvement.")
    expect(body).to_have_value(re.compile(r"^## What happened\n"))
    _screenshot(page, output_dir, f"refused-clinical-{size}")
    assert not browsing.problems, str(browsing.problems)


@pytest.mark.parametrize(("language", "typed", "hours_label"), [("en", "2.5", "Hours"), ("fr", "2,5", "Heures")])
def test_untouched_prompts_are_not_saved_and_hours_come_back_as_typed(
    browsing, live_server, output_dir, language, typed, hours_label
):
    page = _open(browsing, "desktop", language)
    page.goto(journal_path(live_server, "new?kind=clinical"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("#title").fill(f"Night shift ({language})")
    page.locator("#occurred_on").fill(a_past_date().isoformat())
    page.locator("#setting").select_option("ward")
    page.locator("#involvement").select_option("observed")
    page.locator("#hours").fill(typed)
    follow(page.locator("#entry-form button[type=submit]"))

    entry_id = entry_id_of(page)
    facts = page.locator(".facts")
    expect(facts.locator("div", has=page.get_by_text(hours_label, exact=True)).locator("dd")).to_have_text(typed)
    expect(page.locator(".entry-body")).to_have_text("")  # the prompts alone are not the intern's text

    page.goto(f"/entries/{entry_id}/edit")
    expect(page.locator("#hours")).to_have_value(typed)
    # No text yet: the prompts are offered again, their questions open.
    expect(page.locator("details.prompt-guide")).to_have_attribute("open", "")
    expect(page.locator("#body")).to_have_value(re.compile(r"^## \w"))
    _screenshot(page, output_dir, f"edit-clinical-{language}-desktop")
    phone = _open(browsing, "phone", language)
    phone.goto(f"/entries/{entry_id}/edit")
    expect(phone.locator("#hours")).to_have_value(typed)
    assert_fits_phone(phone, f"the edit form ({language})")
    _screenshot(phone, output_dir, f"edit-clinical-{language}-phone")
    assert not browsing.problems, str(browsing.problems)
