"""The intern's journal in a real browser: writing each kind of entry, getting an autosaved draft back,
the identifier check before sharing, sharing and unsharing as a supervisor sees it, and how the journal's
pages read (axe-core) and fit a phone."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from journal.i18n import format_date
from journal.models.entries import KINDS, VISIBILITY_NAMES

from .conftest import Problems
from .test_login_pages import assert_accessible, assert_fits_phone, log_in, save_screenshot

pytestmark = pytest.mark.e2e

INTERN = "intern1@demo.test"
INTERN_NAME = "Amira Haddad"
SUPERVISOR = "supervisor@demo.test"
ENTRY_URL = re.compile(r"/entries/(\d+)$")
# A sentence that the identifier check flags three times: a name, a record number and a date of birth.
IDENTIFYING_TEXT = "Saw Mrs Achieng, MRN 00417733, born 12/03/1958, on the ward round."
IDENTIFIERS = ["Achieng", "00417733", "12/03/1958"]
# What each kind's form asks beyond the common fields, and how the entry page then shows it.
KIND_SAMPLES = {
    "clinical": {
        "title": "Lumbar puncture on the children's ward",
        "body": "## What happened\n\nI watched a lumbar puncture on a febrile toddler.",
        "shown": {"Setting": "Ward", "Involvement": "Assisted", "Specialty": "paediatrics", "Hours": "1.5"},
    },
    "cultural": {
        "title": "Asking the family before the patient",
        "body": "## What I noticed\n\nThe doctor spoke to the eldest son first.",
        "shown": {"Theme": "Family and decision-making"},
    },
    "ethics": {
        "title": "A test result nobody could pay for",
        "body": "## The situation\n\nThe scan was needed but the family could not pay for it.",
        "shown": {"Principles at stake": "Autonomy, Justice"},
    },
}


def journal_path(live_server, suffix: str = "") -> str:
    return f"/journal/{live_server.cohort_id}/{suffix}"


def follow(locator: Locator) -> None:
    """Click a link or button that opens a page, and wait until that page has completely loaded.

    Moving on while a page's scripts are still loading makes the browser drop those requests, and the
    development server then leaves the static file open: a ResourceWarning, which this suite treats as an error.
    """
    with locator.page.expect_navigation():
        locator.click()


def log_in_as(page: Page, email: str) -> None:
    """Log in through the form and wait until the home page has completely loaded."""
    log_in(page, email)
    page.wait_for_url(re.compile(r"/(home/\d+|cohorts/)$"))


def entry_id_of(page: Page) -> int:
    """The id of the entry whose page is open."""
    expect(page).to_have_url(ENTRY_URL)
    return int(ENTRY_URL.search(page.url).group(1))


def a_past_date() -> date:
    """A date that is in the past in every time zone (the form refuses future dates)."""
    return date.today() - timedelta(days=3)


def fill_entry(page: Page, kind: str, title: str, body: str, tags: str = "") -> None:
    """Fill in the entry form as a person would: the common fields, the kind's own, then the text."""
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Date it happened").fill(a_past_date().isoformat())
    page.get_by_label("Tags", exact=True).fill(tags)
    if kind == "clinical":
        page.get_by_label("Setting").select_option(label="Ward")
        page.get_by_label("My involvement").select_option(label="Assisted")
        page.get_by_label("Specialty").fill("paediatrics")
        page.get_by_label("Hours", exact=True).fill("1.5")
    elif kind == "cultural":
        page.get_by_label("Theme").select_option(label="Family and decision-making")
    elif kind == "ethics":
        principles = page.get_by_role("group", name="Principles at stake")
        principles.get_by_label("Autonomy").check()
        principles.get_by_label("Justice").check()
    page.get_by_label("Your entry").fill(body)


def write_entry(page: Page, live_server, kind: str, title: str, body: str, tags: str = "") -> int:
    """Write and save an entry through the form; return its id once its page is open."""
    page.goto(journal_path(live_server, f"new?kind={kind}"))
    fill_entry(page, kind, title, body, tags)
    follow(page.get_by_role("button", name="Save entry"))
    expect(page.get_by_text("Entry saved. Only you can see it.")).to_be_visible()
    return entry_id_of(page)


# What the visibility badge says next to it: who can read the entry, the supervisors by name.
READERS = {
    "private": re.compile(r"Only you can read this entry\.$"),
    "supervisors": re.compile(r"You and the supervisors of .+ \(.+\) can read this entry\.$"),
    "cohort": re.compile(r"You, the supervisors of .+ \(.+\) and the interns of .+ can read this entry\.$"),
}


def expect_visibility(page: Page, visibility: str, where: Page | Locator | None = None) -> None:
    """The entry page (or a row of the journal) says in words who can read the entry."""
    now = (where or page).locator(".visibility-now")
    expect(now).to_contain_text(str(VISIBILITY_NAMES[visibility]))
    expect(now).to_have_text(READERS[visibility])


def without_expected_404(problems: Problems, url: str) -> Problems:
    """The problems, less the 404 the test asked for (its response and the console line Chromium logs for it)."""
    expected = f"404 GET {url}"
    responses = [r for r in problems.responses if r != expected]
    console = list(problems.console)
    for _ in range(len(problems.responses) - len(responses)):
        logged = next((c for c in console if "status of 404" in c), None)
        if logged is not None:
            console.remove(logged)
    return Problems(responses=responses, console=console, scripts=list(problems.scripts))


# 1. Writing each kind of entry on a phone.


def test_intern_writes_an_entry_of_each_kind_on_a_phone(phone_page, live_server, browsing):
    page = phone_page
    log_in_as(page, INTERN)
    expect(page).to_have_url(re.compile(rf"/home/{live_server.cohort_id}$"))

    for kind, sample in KIND_SAMPLES.items():
        follow(page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal"))
        expect(page).to_have_url(re.compile(re.escape(journal_path(live_server)) + "$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("My journal")
        follow(page.get_by_role("link", name="Write an entry").first)
        expect(page.get_by_role("heading", level=1)).to_have_text("What would you like to write?")
        follow(page.get_by_role("link", name=str(KINDS[kind])))

        expect(page).to_have_url(re.compile(rf"/new\?kind={kind}$"))
        body_field = page.get_by_label("Your entry")
        expect(body_field).to_have_value(re.compile(r"^## \w"))  # the kind's prompts, as headings
        assert_fits_phone(page, f"the {kind} entry form")
        fill_entry(page, kind, sample["title"], sample["body"], tags="placement, week-3")
        follow(page.get_by_role("button", name="Save entry"))

        entry_id_of(page)
        expect(page.get_by_text("Entry saved. Only you can see it.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(sample["title"])
        expect(page.locator(f".badge.kind-{kind}")).to_have_text(str(KINDS[kind]))
        facts = page.locator(".facts")
        expect(facts).to_contain_text(format_date(a_past_date()))
        for name, shown in sample["shown"].items():
            expect(facts.locator("div", has=page.get_by_text(name, exact=True)).locator("dd")).to_have_text(shown)
        expect(page.locator(".entry-body")).to_contain_text(sample["body"].split("\n\n")[1])
        expect(page.get_by_text("#placement")).to_be_visible()
        expect_visibility(page, "private")
        assert_fits_phone(page, f"the {kind} entry's page")

    # All three are in the journal, newest first among today's writing.
    follow(page.get_by_role("navigation", name="Main").get_by_role("link", name="Journal"))
    for sample in KIND_SAMPLES.values():
        expect(page.get_by_role("link", name=sample["title"], exact=True)).to_be_visible()
    assert not browsing.problems, str(browsing.problems)


# 2. Autosaved drafts.


def test_reloading_mid_typing_offers_the_draft_back(page, live_server, browsing):
    log_in_as(page, INTERN)
    page.goto(journal_path(live_server, "new?kind=clinical"))
    title = "Half-written: sickle cell crisis in clinic"
    body = "## What happened\n\nA boy came in with a painful crisis and the team started"
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Specialty").fill("haematology")
    page.get_by_label("Your entry").fill(body)

    # The draft goes to the server 3 s after typing stops.
    expect(page.locator(".autosave-status")).to_have_text(re.compile(r"^Draft saved \d"), timeout=10_000)
    page.reload()

    banner = page.locator(".draft-banner")
    expect(banner).to_contain_text("You have unsaved text")
    expect(banner).to_contain_text(title)
    # The reloaded form starts blank again: the draft is only offered.
    expect(page.get_by_label("Title", exact=True)).to_have_value("")
    follow(banner.get_by_role("link", name="Restore it"))

    expect(page).to_have_url(re.compile(r"/new\?kind=clinical&draft=restore$"))
    expect(page.get_by_text("Your unsaved text is back in the form.")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value(title)
    expect(page.get_by_label("Specialty")).to_have_value("haematology")
    expect(page.get_by_label("Your entry")).to_have_value(body)
    expect(page.locator(".draft-banner")).to_have_count(0)

    # Saving the restored text makes it an entry and the draft is gone.
    page.get_by_label("Setting").select_option(label="Outpatient clinic")
    page.get_by_label("My involvement").select_option(label="Observed")
    follow(page.get_by_role("button", name="Save entry"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(journal_path(live_server, "new?kind=clinical"))
    expect(page.locator(".draft-banner")).to_have_count(0)
    assert not browsing.problems, str(browsing.problems)


# 3. Suspected patient identifiers.


def test_identifiers_are_marked_and_block_sharing_until_confirmed(page, live_server, browsing):
    log_in_as(page, INTERN)
    title = "Busy ward round"
    write_entry(page, live_server, "clinical", title, f"## What happened\n\n{IDENTIFYING_TEXT}")

    expect(page.get_by_text("It may contain patient identifiers: they are marked below.")).to_be_visible()
    section = page.get_by_role("region", name="Possible patient identifiers")
    expect(section).to_be_visible()
    for text in IDENTIFIERS:
        expect(section.locator("li mark", has_text=text)).to_have_count(1)
    # The marks also show where they are in the text.
    section.get_by_text("Show them in the text").click()
    marked = section.locator(".marked-source")
    expect(marked).to_contain_text(IDENTIFYING_TEXT)
    expect(marked.locator("mark")).to_have_text(IDENTIFIERS)
    expect_visibility(page, "private")

    # One click on "Share with supervisors" does not share: it returns to the marked identifiers.
    follow(page.get_by_role("button", name=re.compile(r"^Share with supervisors")))
    expect(page).to_have_url(re.compile(r"\?share=supervisors#identifiers$"))
    expect(page.get_by_text("Before sharing, check the possible patient identifiers marked below.")).to_be_visible()
    expect(section).to_be_in_viewport()
    expect_visibility(page, "private")

    # Confirming without ticking the box still does not share.
    follow(section.get_by_role("button", name="Confirm and share"))
    expect(page.get_by_text("Tick the box to confirm")).to_be_visible()
    expect_visibility(page, "private")

    section.get_by_label("I have checked: none of the marked text identifies a patient or anyone else.").check()
    expect(section.get_by_label("Then share with")).to_have_value("supervisors")
    follow(section.get_by_role("button", name="Confirm and share"))

    expect(page.get_by_text(f"Confirmed. “{title}”")).to_be_visible()
    expect_visibility(page, "supervisors")
    checked = page.get_by_role("region", name="Identifiers checked")
    expect(checked).to_be_visible()
    expect(checked.locator("li mark")).to_have_count(len(IDENTIFIERS))
    expect(page.get_by_role("region", name="Possible patient identifiers")).to_have_count(0)
    assert not browsing.problems, str(browsing.problems)


# 4. Sharing in one click, as the supervisor sees it.


@pytest.mark.parametrize("where", ["list", "entry page"])
def test_supervisor_sees_a_shared_entry_until_it_is_private_again(page, live_server, browsing, where):
    log_in_as(page, INTERN)
    title = f"Handover in two languages ({where})"
    text = "The night nurse handed over in Swahili and the registrar translated for me."
    entry_id = write_entry(page, live_server, "cultural", title, f"## What I noticed\n\n{text}")
    entry_path = f"/entries/{entry_id}"

    if where == "list":
        page.goto(journal_path(live_server))
        row = page.locator(".entry-row", has=page.get_by_role("link", name=title, exact=True))
        # No share button on the list (issue #17): one link, described by its entry's title, opens the entry's
        # sharing, where the identifier check runs.
        link = row.get_by_role("link", name="Change who can read", exact=True)
        expect(link).to_have_accessible_description(title)
        follow(link)
        expect(page).to_have_url(re.compile(re.escape(entry_path) + "#sharing$"))
        follow(page.get_by_role("button", name=re.compile(r"^Share with supervisors")))
        expect(page.get_by_text(f"“{title}”: you and the cohort's supervisors can see it now.")).to_be_visible()
        expect_visibility(page, "supervisors")
        # Back on the list, the row says who reads it now.
        page.goto(journal_path(live_server))
        expect(row.locator(".entry-readers")).to_have_text("Who can read: You and your supervisors")
    else:
        follow(page.get_by_role("button", name=re.compile(r"^Share with supervisors")))
        expect(page).to_have_url(re.compile(re.escape(entry_path) + "$"))
        expect_visibility(page, "supervisors")

    supervisor = browsing.page()
    log_in_as(supervisor, SUPERVISOR)
    expect(supervisor.get_by_role("heading", level=1)).to_be_visible()
    supervisor.goto(entry_path)
    expect(supervisor.get_by_role("heading", level=1)).to_have_text(title)
    expect(supervisor.locator(".eyebrow")).to_contain_text(INTERN_NAME)
    expect(supervisor.locator(".entry-body")).to_contain_text(text)
    # The supervisor reads it, but cannot change or share it.
    expect(supervisor.get_by_role("link", name="Edit")).to_have_count(0)
    expect(supervisor.get_by_role("button", name=re.compile("^(Make private|Share)"))).to_have_count(0)

    page.goto(entry_path)
    follow(page.get_by_role("button", name=re.compile(r"^Make private")))
    expect_visibility(page, "private")

    supervisor.goto(entry_path)
    expect(supervisor.locator(".error-page")).to_be_visible()
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(supervisor.get_by_text(text)).to_have_count(0)
    expect(supervisor).to_have_title(re.compile("^Page not found"))
    problems = without_expected_404(browsing.problems, live_server.url + entry_path)
    assert len(problems.responses) == len(browsing.problems.responses) - 1, "the supervisor did not get a 404"
    assert not problems, str(problems)


# 5. How the journal's pages read and fit a phone.


def _open_list(page: Page, live_server) -> None:
    page.goto(journal_path(live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("My journal")
    expect(page.locator(".entry-row").first).to_be_visible()


def _open_chooser(page: Page, live_server) -> None:
    page.goto(journal_path(live_server, "new"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What would you like to write?")


def _form_opener(kind: str):
    def open_form(page: Page, live_server) -> None:
        page.goto(journal_path(live_server, f"new?kind={kind}"))
        expect(page.get_by_role("button", name="Save entry")).to_be_visible()

    return open_form


def _open_entry_with_identifiers(page: Page, live_server) -> None:
    write_entry(page, live_server, "clinical", "Ward round with names", f"## What happened\n\n{IDENTIFYING_TEXT}")
    section = page.get_by_role("region", name="Possible patient identifiers")
    section.get_by_text("Show them in the text").click()
    expect(section.locator(".marked-source mark")).to_have_count(len(IDENTIFIERS))


def _open_history(page: Page, live_server) -> None:
    # A demo entry that was saved twice.
    page.goto(journal_path(live_server))
    follow(page.get_by_role("link", name="First ward round on paediatrics"))
    follow(page.get_by_role("link", name="History (2 versions)"))
    expect(page).to_have_url(re.compile(r"/entries/\d+/history$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Every saved version")
    expect(page.locator(".history li")).to_have_count(2)


def _open_trash(page: Page, live_server) -> None:
    # Delete an entry first, so that the trash has something in it to restore.
    page.goto(journal_path(live_server))
    follow(page.get_by_role("link", name="Homesick in the fourth week"))
    follow(page.get_by_role("link", name="Delete"))
    follow(page.get_by_role("button", name="Move to trash"))
    follow(page.get_by_role("link", name="Trash", exact=True))
    expect(page).to_have_url(re.compile(r"/trash$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trash")
    expect(page.get_by_role("button", name="Restore Homesick in the fourth week")).to_be_visible()


def _open_search(page: Page, live_server) -> None:
    page.goto(journal_path(live_server))
    page.get_by_role("search").get_by_label("Search my entries").fill("consent")
    follow(page.get_by_role("search").get_by_role("button", name="Search"))
    expect(page).to_have_url(re.compile(r"/search\?q=consent$"))
    expect(page.locator(".search-hit").first).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_have_text(re.compile("consent", re.IGNORECASE))


# page name, how to open it, the screenshot to save (if any)
JOURNAL_PAGES = [
    ("the journal list", _open_list, "journal-list"),
    ("the kind chooser", _open_chooser, None),
    ("the clinical entry form", _form_opener("clinical"), "entry-form-clinical"),
    ("the cultural entry form", _form_opener("cultural"), None),
    ("the ethics entry form", _form_opener("ethics"), None),
    ("an entry page with identifiers", _open_entry_with_identifiers, "entry-identifiers"),
    ("the history page", _open_history, None),
    ("the trash page", _open_trash, None),
    ("the search results", _open_search, None),
]


@pytest.mark.parametrize(("what", "open_page", "screenshot"), JOURNAL_PAGES, ids=[p[0] for p in JOURNAL_PAGES])
def test_journal_page_is_accessible_and_fits_a_phone(
    phone_page, live_server, browsing, output_dir, what, open_page, screenshot
):
    log_in_as(phone_page, INTERN)
    expect(phone_page).to_have_url(re.compile(rf"/home/{live_server.cohort_id}$"))
    open_page(phone_page, live_server)

    if screenshot:
        save_screenshot(phone_page, output_dir, screenshot)
    assert_fits_phone(phone_page, what)
    assert_accessible(phone_page, what)
    assert not browsing.problems, str(browsing.problems)
