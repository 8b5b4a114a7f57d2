"""Portfolios for credit in a real browser: an intern chooses entries (a private one too), previews the
document and who will read it, confirms and submits; a reviewer downloads the PDF and exports the cohort;
anyone, without an account, checks the downloaded file on the public verification page, and a changed
file does not match. Every page is checked with axe-core, the intern's and the public ones on a phone too."""

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from .conftest import Problems
from .test_journal import follow, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone, save_screenshot

pytestmark = pytest.mark.e2e

INTERN = "intern3@demo.test"
INTERN_NAME = "Mei Lin"
REVIEWER = "reviewer@demo.test"
READERS = {
    "Supervisors": "Dr Joseph Mwangi",
    "University reviewers": "Prof. Sarah O'Connor",
    "Programme coordinators": "Dr Ana Ribeiro",
}
CODE = re.compile(r"Its verification code is ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\.")
SUBMISSION_URL = re.compile(r"/submissions/(\d+)$")
NOT_TICKED = "Tick the box to confirm who will read your portfolio."


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def entry_boxes(page: Page) -> Locator:
    return page.locator(".portfolio-choose input[name=entries]")


def title_of(box: Locator) -> str:
    """The entry title a checkbox stands for, as its label shows it."""
    return box.locator("xpath=following-sibling::label[1]").locator(".choice-title").inner_text()


def open_choose_page(page: Page, live_server) -> None:
    """From the intern's home: the nav's Portfolio link, then Build my portfolio."""
    follow(main_nav(page).get_by_role("link", name="Portfolio", exact=True))
    expect(page).to_have_url(re.compile(rf"/portfolio/{live_server.cohort_id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My portfolio")
    follow(page.get_by_role("link", name="Build my portfolio"))
    expect(page).to_have_url(re.compile(rf"/portfolio/{live_server.cohort_id}/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose the entries to include")


def choose_a_few(page: Page) -> tuple[list[str], list[str]]:
    """Clear the selection, then tick two shared entries and one private one.

    Returns the titles chosen and the titles left out."""
    page.get_by_role("button", name="Clear").click()
    boxes = entry_boxes(page)
    shared = boxes.locator(":scope:not([data-visibility=private])")
    private = boxes.locator(":scope[data-visibility=private]")
    picked = [shared.nth(0), shared.nth(1), private.nth(0)]
    for box in picked:
        box.check()
    chosen = [title_of(box) for box in picked]
    left_out = [title_of(boxes.nth(i)) for i in range(boxes.count()) if not boxes.nth(i).is_checked()]
    return chosen, left_out


def submit_ticked(page: Page) -> str:
    """On the preview: tick the confirmation, submit, and return the verification code from the message."""
    page.get_by_label(re.compile("^I understand that the people listed above")).check()
    follow(page.get_by_role("button", name="Submit my portfolio"))
    expect(page).to_have_url(SUBMISSION_URL)
    message = page.get_by_text(CODE)
    expect(message).to_be_visible()
    return CODE.search(message.inner_text()).group(1)


def submit_a_portfolio(page: Page, live_server) -> str:
    """The intern's shortest way to a submission (a few entries, one of them private); returns its code."""
    log_in_as(page, INTERN)
    open_choose_page(page, live_server)
    choose_a_few(page)
    follow(page.get_by_role("button", name="Preview the portfolio"))
    return submit_ticked(page)


def without_expected(problems: Problems, status: int, method: str, url: str) -> Problems:
    """The problems, less one response the test asked for (and the console line Chromium logs for it)."""
    expected = f"{status} {method} {url}"
    responses = [r for r in problems.responses if r != expected]
    console = list(problems.console)
    for _ in range(len(problems.responses) - len(responses)):
        logged = next((c for c in console if f"status of {status}" in c), None)
        if logged is not None:
            console.remove(logged)
    return Problems(responses=responses, console=console, scripts=list(problems.scripts))


def check_file(page: Page, path: Path) -> Locator:
    """Upload ``path`` in the verification form and return the outcome shown."""
    page.get_by_label("Portfolio file (PDF or JSON)").set_input_files(str(path))
    follow(page.get_by_role("button", name="Check the file"))
    result = page.locator(".verify-result")
    expect(result).to_have_count(1)
    return result


# 1. The intern builds, previews and submits.


def test_intern_chooses_previews_confirms_and_submits(page, live_server, browsing):
    cohort = live_server.cohort_id
    log_in_as(page, INTERN)
    follow(main_nav(page).get_by_role("link", name="Portfolio", exact=True))
    expect(page.get_by_role("main")).to_contain_text("You have not submitted a portfolio yet.")
    assert_accessible(page, "My portfolio (nothing submitted)")
    follow(page.get_by_role("link", name="Build my portfolio"))

    # Every entry is offered with a badge saying who can see it; the shortcuts tick and clear them.
    boxes = entry_boxes(page)
    expect(boxes).to_have_count(10)
    private = boxes.locator(":scope[data-visibility=private]")
    assert 0 < private.count() < boxes.count()
    expect(page.locator(".entry-choices .badge.vis-private").first).to_be_visible()
    count = page.locator("[data-selected-count]")
    page.get_by_role("button", name="Select all").click()
    expect(count).to_have_text("10 of 10 selected")
    page.get_by_role("button", name="Select shared entries").click()
    expect(count).to_have_text(f"{10 - private.count()} of 10 selected")
    for i in range(private.count()):
        expect(private.nth(i)).not_to_be_checked()
    page.get_by_role("button", name="Clear").click()
    expect(count).to_have_text("0 of 10 selected")
    assert_accessible(page, "the choose page")
    chosen, left_out = choose_a_few(page)
    expect(count).to_have_text("3 of 10 selected")

    # The preview: who will read it, and the document with the chosen entries only.
    follow(page.get_by_role("button", name="Preview the portfolio"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your portfolio before submitting")
    readers = page.locator("dl.readers")
    for group, name in READERS.items():
        expect(readers.locator("div", has_text=group).locator("dd")).to_contain_text(name)
    document = page.locator(".portfolio-document")
    expect(document).to_contain_text("Not yet submitted (preview)")
    expect(document.locator("article.entry")).to_have_count(3)
    for title in chosen:
        expect(document.get_by_role("heading", name=title, exact=True)).to_be_visible()
    for title in left_out:
        expect(document.get_by_role("heading", name=title, exact=True)).to_have_count(0)
    assert_accessible(page, "the preview")

    # Without the tick the browser stops the form; past the browser (its check removed, as in a browser
    # without one) the server returns the preview with the error, and nothing is submitted.
    confirm = page.get_by_label(re.compile("^I understand that the people listed above"))
    page.get_by_role("button", name="Submit my portfolio").click()
    expect(page).to_have_url(re.compile(rf"/portfolio/{cohort}/new$"))
    assert confirm.evaluate("box => box.validity.valueMissing")
    confirm.evaluate("box => box.removeAttribute('required')")
    follow(page.get_by_role("button", name="Submit my portfolio"))
    expect(page).to_have_url(re.compile(rf"/portfolio/{cohort}/submit$"))
    expect(page.get_by_role("alert")).to_contain_text(NOT_TICKED)
    expect(confirm).to_have_attribute("aria-invalid", "true")
    expect(confirm).not_to_be_checked()
    expect(page.locator(".portfolio-document article.entry")).to_have_count(3)
    assert_accessible(page, "the preview with its error")
    problems = without_expected(browsing.problems, 422, "POST", f"{live_server.url}/portfolio/{cohort}/submit")
    assert not problems, str(problems)
    nothing_yet = browsing.page()
    log_in_as(nothing_yet, INTERN)
    nothing_yet.goto(f"/portfolio/{cohort}/")
    expect(nothing_yet.get_by_role("main")).to_contain_text("You have not submitted a portfolio yet.")

    # Ticked: submitted, with its code, downloads and public page.
    code = submit_ticked(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Portfolio of {INTERN_NAME}")
    expect(page.locator(".verification-code")).to_have_text(code)
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Download JSON record")).to_be_visible()
    expect(page.get_by_role("link", name="Public verification page")).to_have_attribute("href", f"/verify/{code}")
    expect(page.locator(".portfolio-document article.entry")).to_have_count(3)
    assert_accessible(page, "the submission page")

    # My portfolio lists it as the current submission.
    follow(page.get_by_role("link", name="My portfolio"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(code)
    expect(rows.first.locator(".badge")).to_have_text("Current")
    expect(rows.first.locator("td[data-label=Entries]")).to_have_text("3")
    assert_accessible(page, "My portfolio (one submission)")
    problems = without_expected(browsing.problems, 422, "POST", f"{live_server.url}/portfolio/{cohort}/submit")
    assert not problems, str(problems)


# 2. The reviewer downloads it; anyone can check the file.


def test_reviewer_downloads_the_pdf_and_the_public_page_verifies_it(page, live_server, browsing, tmp_path):
    code = submit_a_portfolio(page, live_server)
    page.context.clear_cookies()

    log_in_as(page, REVIEWER)
    follow(main_nav(page).get_by_role("link", name="Portfolios", exact=True))
    expect(page).to_have_url(re.compile(rf"/portfolio/{live_server.cohort_id}/submissions$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Portfolios and credit")
    expect(page.get_by_role("link", name="Credit summary (CSV)")).to_be_visible()
    row = page.locator("table.credit-table tbody tr").filter(has=page.get_by_role("rowheader", name=INTERN_NAME))
    expect(row).to_contain_text(code)
    assert_accessible(page, "the reviewer's Portfolios page")

    with page.expect_download() as pdf_download:
        row.get_by_role("link", name="PDF", exact=True).click()
    assert pdf_download.value.suggested_filename == f"portfolio-{code}.pdf"
    pdf = tmp_path / "portfolio.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert code in text, "the PDF does not carry its verification code"
    assert INTERN_NAME in text
    with page.expect_download() as json_download:
        row.get_by_role("link", name="JSON", exact=True).click()
    record = tmp_path / "portfolio.json"
    json_download.value.save_as(record)

    # The cohort export: a progress bar, then the zip with this portfolio in it.
    follow(page.get_by_role("button", name="Export every latest portfolio (zip)"))
    expect(page).to_have_url(re.compile(r"/exports/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort export")
    expect(page.get_by_role("progressbar")).to_be_visible()
    # The link is in the page from the start with the hidden attribute; the script removes it once built.
    download_zip = page.locator("a[data-download]:not([hidden])")
    expect(download_zip).to_have_text("Download the zip", timeout=30_000)
    expect(page.locator("[data-label]")).to_have_text(re.compile(r"^Ready: \d+ portfolios? and the credit summary, "))
    expect(page.locator("[data-help-ready]")).to_be_visible()
    expect(page.locator("[data-help-building]")).to_be_hidden()
    assert_accessible(page, "the export page")
    with page.expect_download() as zip_download:
        download_zip.click()
    archive = tmp_path / "export.zip"
    zip_download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
    assert f"portfolios/mei-lin-{code}.pdf" in names, names
    assert "credit-summary.csv" in names, names

    # No account: the public page for the code, and the files checked against it.
    public = browsing.page()
    public.goto(f"/verify/{code}")
    expect(public.get_by_role("heading", level=1)).to_have_text(f"Portfolio {code}")
    facts = public.locator("dl.facts")
    expect(facts).to_contain_text(INTERN_NAME)
    expect(facts).to_contain_text("Demo cohort")
    expect(public.get_by_role("main")).to_contain_text("This is the intern's latest submission")
    assert_accessible(public, "the public verification page")
    expect(check_file(public, pdf)).to_contain_text(f"This PDF file matches the portfolio submitted by {INTERN_NAME}")
    assert_accessible(public, "the public verification page with a match")
    expect(check_file(public, record)).to_contain_text(
        f"This JSON file matches the portfolio submitted by {INTERN_NAME}"
    )

    changed_pdf = tmp_path / "changed.pdf"
    changed_pdf.write_bytes(pdf.read_bytes() + b"\n% edited\n")
    expect(check_file(public, changed_pdf)).to_contain_text("This PDF file does not match this submission")
    changed_record = tmp_path / "changed.json"
    changed_record.write_bytes(record.read_bytes().replace(INTERN_NAME.encode(), b"Mei Lim", 1))
    result = check_file(public, changed_record)
    expect(result).to_contain_text("This JSON file does not match this submission")
    expect(result).to_contain_text(f"It says it is the portfolio with code {code}")
    assert_accessible(public, "the public verification page with a mismatch")

    # The start page finds the submission from the file alone, and from the code typed in.
    public.goto("/verify/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Check a portfolio or a credential")
    assert_accessible(public, "the verification start page")
    result = check_file(public, pdf)
    expect(result).to_contain_text(f"matches the portfolio submitted by {INTERN_NAME}")
    expect(check_file(public, changed_pdf)).to_contain_text("does not match any submitted portfolio")
    public.get_by_role("textbox", name="Verification code").fill(code.lower().replace("-", " "))
    follow(public.get_by_role("button", name="Look it up"))
    expect(public).to_have_url(re.compile(rf"/verify/{code}$"))
    assert not browsing.problems, str(browsing.problems)


# 3. On a phone.


def test_portfolio_pages_fit_a_phone_and_pass_axe(phone_page, live_server, browsing, output_dir):
    page = phone_page
    log_in_as(page, INTERN)
    follow(main_nav(page).get_by_role("link", name="Portfolio", exact=True))

    def check(slug: str, what: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_fits_phone(page, what)
        assert_accessible(page, f"{what} on a phone")
        save_screenshot(page, output_dir, f"portfolio-{slug}")

    check("index", "My portfolio")
    follow(page.get_by_role("link", name="Build my portfolio"))
    check("choose", "the choose page")
    choose_a_few(page)
    follow(page.get_by_role("button", name="Preview the portfolio"))
    check("preview", "the preview")
    code = submit_ticked(page)
    check("submission", "the submission page")

    page.context.clear_cookies()
    page.goto("/verify/")
    check("verify-start", "the verification start page")
    page.goto(f"/verify/{code}")
    check("verify-submission", "the public verification page")
    assert not browsing.problems, str(browsing.problems)
