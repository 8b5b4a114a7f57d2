"""Phones (390 px): no table hides an action, and the competencies page is short and filterable.

Each role opens every page of theirs that holds a table. The page must not scroll sideways, and every
link, button or field inside a table, and every cell of it, must either lie within what can be seen (the
screen, 0 to 390 px across, and the box that clips the table) or sit in a region that visibly scrolls and
says so: a hint tied to it by ``aria-describedby`` or a ``.scroll-hint`` just before it
(templates/macros/tables.html): a cell cut off by a silent scroll box reads "Not r…" with no sign of more.
Closed ``<details>`` are opened first, so what they hold is measured too. Screenshots go to
test-output/e2e/phone/ (and desktop ones for comparison).
"""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from journal.extensions import db
from journal.models import Cohort, Submission, User
from tests import factories

from .conftest import DESKTOP, PHONE
from .test_journal import follow, log_in_as
from .test_login_pages import assert_accessible, assert_fits_phone
from .test_portfolio import choose_a_few

pytestmark = pytest.mark.e2e

INTERN = "intern1@demo.test"
SUPERVISOR = "supervisor@demo.test"
REVIEWER = "reviewer@demo.test"
COORDINATOR = "coordinator@demo.test"
LONG_EMAIL = "a.very.long.address.to.check.wrapping@department-of-tropical-medicine.example.org"

# What each role opens: (email, address, whether the page holds a table). {cohort}, {intern} and
# {submission} are the demo's.
PAGES = [
    (INTERN, "/competencies/{cohort}/", False),
    (INTERN, "/journal/{cohort}/progress", True),
    (INTERN, "/portfolio/{cohort}/", True),
    (INTERN, "/account/security", True),
    (INTERN, "/submissions/{submission}", True),
    (SUPERVISOR, "/home/{cohort}", True),
    (SUPERVISOR, "/review/{cohort}/", True),
    (SUPERVISOR, "/review/{cohort}/interns/{intern}", True),
    (SUPERVISOR, "/portfolio/{cohort}/submissions", True),
    (SUPERVISOR, "/submissions/{submission}", True),
    (REVIEWER, "/portfolio/{cohort}/submissions", True),
    (REVIEWER, "/submissions/{submission}", True),
    (COORDINATOR, "/cohorts/{cohort}", True),
    (COORDINATOR, "/cohorts/frameworks/", True),
    (COORDINATOR, "/cohorts/{cohort}/audit", True),
    (COORDINATOR, "/review/{cohort}/", True),
    (COORDINATOR, "/review/{cohort}/interns/{intern}", True),
    (COORDINATOR, "/portfolio/{cohort}/submissions", True),
]

# Every control inside a table that a person on a phone could not reach, and every cell they could not read
# whole: off the screen sideways (or cut by the box that clips the table) and not in a scrolling region that
# says it scrolls. Cells hidden on purpose (a visually hidden header row, a closed section) are left out.
HIDDEN_ACTIONS = """() => {
    const width = window.innerWidth;
    const shown = (e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const onScreen = (e) => { const r = e.getBoundingClientRect(); return r.left >= -0.5 && r.right <= width + 0.5; };
    const scroller = (e) => {
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            const overflow = getComputedStyle(p).overflowX;
            if ((overflow === 'auto' || overflow === 'scroll') && p.scrollWidth > p.clientWidth + 1) return p;
        }
        return null;
    };
    const hinted = (box) => {
        const ids = (box.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
        const hints = ids.map((id) => document.getElementById(id)).filter(Boolean);
        const before = box.previousElementSibling;
        if (before && before.matches('.scroll-hint')) hints.push(before);
        return hints.some((hint) => shown(hint) && onScreen(hint) && hint.innerText.trim().length > 0);
    };
    const hiddenAway = (e) => {
        if (e.closest('details:not([open])')) return true;  // measured once the sections are opened
        for (let p = e; p && p !== document.body; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (style.clip !== 'auto' || style.clipPath !== 'none') return true;
        }
        return false;
    };
    const seenWhole = (e) => {
        const r = e.getBoundingClientRect();
        let left = 0, right = width;
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX === 'visible') continue;
            const clip = p.getBoundingClientRect();
            left = Math.max(left, clip.left + p.clientLeft);
            right = Math.min(right, clip.left + p.clientLeft + p.clientWidth);
        }
        return r.left >= left - 1 && r.right <= right + 1;
    };
    const found = [];
    const report = (what, e, table, box) => {
        const r = e.getBoundingClientRect();
        found.push(`${what} ${e.innerText.trim().replace(/\\s+/g, ' ').slice(0, 60)} ` +
            `(${Math.round(r.left)}..${Math.round(r.right)}px, in table.${table.className.replace(/ /g, '.')}` +
            `${box ? ', scrolling without a hint' : ''})`);
    };
    const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    for (const table of document.querySelectorAll('main table')) {
        for (const control of table.querySelectorAll(controls)) {
            if (!shown(control) || onScreen(control)) continue;
            const box = scroller(control);
            if (box && hinted(box)) continue;
            report('control', control, table, box);
        }
        for (const cell of table.querySelectorAll('th, td')) {
            if (!shown(cell) || hiddenAway(cell) || seenWhole(cell)) continue;
            const box = scroller(cell);
            if (box && hinted(box)) continue;
            report('cell', cell, table, box);
        }
    }
    return found;
}"""


@pytest.fixture
def demo(live_server):
    """The demo's ids for the addresses, with two open invitations added (one with a very long address)."""
    with live_server.app.app_context():
        cohort = db.session.get(Cohort, live_server.cohort_id)
        factories.invitation(db.session, cohort, email=LONG_EMAIL, role="supervisor")
        factories.invitation(db.session, cohort, email="new.intern@example.org")
        db.session.commit()
        intern = db.session.scalar(select(User.id).where(User.email == INTERN))
        submission = db.session.scalar(select(Submission.id).where(Submission.cohort_id == cohort.id))
    assert submission is not None, "the demo has a submitted portfolio"
    return {"cohort": live_server.cohort_id, "intern": intern, "submission": submission}


def shoot(page: Page, output_dir, name: str) -> None:
    """A full-page screenshot into test-output/e2e/phone/."""
    folder = output_dir / "phone"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


def slug(email: str, path: str) -> str:
    return re.sub(r"[^a-z]+", "-", f"{email.split('@')[0]}{path}".replace("{", "").replace("}", "")).strip("-")


def assert_no_hidden_action(page: Page, what: str) -> None:
    """Nothing in a table is out of reach, with every <details> of the page closed and then open."""
    assert_fits_phone(page, what)
    hidden = page.evaluate(HIDDEN_ACTIONS)
    assert not hidden, f"{what}: table actions or cells off a 390px screen with no scroll hint:\n" + "\n".join(hidden)
    page.evaluate("() => document.querySelectorAll('main details').forEach((d) => { d.open = true; })")
    assert_fits_phone(page, f"{what}, every section open")
    hidden = page.evaluate(HIDDEN_ACTIONS)
    assert not hidden, f"{what} (sections open): table actions or cells cut off with no hint:\n" + "\n".join(hidden)


@pytest.mark.parametrize("email", [INTERN, SUPERVISOR, REVIEWER, COORDINATOR])
def test_no_table_hides_an_action_on_a_phone(phone_page, live_server, browsing, demo, output_dir, email):
    page = phone_page
    log_in_as(page, email)
    for who, path, has_table in PAGES:
        if who != email:
            continue
        address = path.format(**demo)
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if has_table:
            assert page.locator("main table").count() > 0, f"{address} shows no table any more: update PAGES"
        shoot(page, output_dir, slug(email, path))
        assert_no_hidden_action(page, f"{address} as {email}")
    assert not browsing.problems, str(browsing.problems)


def test_the_portfolio_preview_fits_a_phone(phone_page, live_server, browsing, output_dir):
    page = phone_page
    log_in_as(page, INTERN)
    page.goto(f"/portfolio/{live_server.cohort_id}/new")
    choose_a_few(page)
    follow(page.get_by_role("button", name="Preview the portfolio"))
    expect(page.locator("table.matrix")).to_be_visible()
    shoot(page, output_dir, "intern-portfolio-preview")
    assert_no_hidden_action(page, "the portfolio preview")
    # The competency matrix reads as one card per competency: each state beside its label, on the screen.
    cell = page.locator("table.matrix tbody td[data-label]").first
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert not browsing.problems, str(browsing.problems)


def test_the_interns_own_tables_show_every_column_on_a_phone(phone_page, live_server, demo):
    """The intern's submissions read in full (each a card), and the weekly figures say they scroll for more."""
    page = phone_page
    log_in_as(page, INTERN)
    page.goto(f"/portfolio/{demo['cohort']}/")
    row = page.get_by_role("region", name="Submissions").locator("table tbody tr").first
    for cell in (row.locator("td").filter(has_text=re.compile(r"^(Met|Not met)$")), row.locator(".badge")):
        box = cell.bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], f"{cell} is cut off: {box}"

    page.goto(f"/journal/{demo['cohort']}/progress")
    region = page.get_by_role("region", name="Entries per week, table")
    expect(region.get_by_role("columnheader", name="All")).to_have_count(1)
    hint = page.locator(f"#{region.get_attribute('aria-describedby')}")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(re.compile("scrolls sideways"))


def test_a_rosters_long_problem_wraps_on_a_phone(phone_page, live_server, demo, output_dir):
    """The roster's problems name what was wrong, a long address included, without widening the page (the page
    answers 422, as a refused form does)."""
    page = phone_page
    log_in_as(page, COORDINATOR)
    page.goto(f"/cohorts/{demo['cohort']}/roster")
    roster = f"email,name,role\n{LONG_EMAIL.replace('@', '.at.')},Somebody,intern\nnew@example.org,New,wizard\n"
    page.get_by_label("Roster file (CSV)").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": roster.encode()}]
    )
    follow(page.get_by_role("button", name="Check and import"))
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    shoot(page, output_dir, "coordinator-roster-problems")
    assert_no_hidden_action(page, "the roster's problems")


def test_the_coordinators_long_invitation_wraps_and_keeps_its_buttons(phone_page, live_server, demo, output_dir):
    page = phone_page
    log_in_as(page, COORDINATOR)
    page.goto(f"/cohorts/{demo['cohort']}")
    row = page.locator("table.invitations-table tbody tr").filter(has_text=LONG_EMAIL)
    for name in ("New link", "Cancel"):
        button = row.get_by_role("button", name=re.compile(f"^{name}"))
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], f"{name} is off the screen: {box}"
        assert box["height"] >= 44, f"{name} is too small to tap: {box}"  # 2.75rem


def document_height(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollHeight")


def test_the_competencies_page_is_short_and_filters_on_a_phone(phone_page, live_server, browsing, output_dir):
    page = phone_page
    cohort = live_server.cohort_id
    log_in_as(page, INTERN)
    page.goto(f"/competencies/{cohort}/")
    domains = page.locator("details.checklist-domain")
    assert domains.count() >= 6
    closed = page.locator("details.checklist-domain:not([open])")
    assert closed.count() >= domains.count() - 1  # at most the domain with returned feedback is open
    total = page.locator("li.checklist-item").count()
    height = document_height(page)
    shoot(page, output_dir, "intern-competencies")
    page.evaluate("() => document.querySelectorAll('details.checklist-domain').forEach((d) => { d.open = true; })")
    everything = document_height(page)
    assert height * 2 < everything, f"collapsed {height}px is not much shorter than every domain open, {everything}px"

    # Filter by state: only the requests waiting, their domains open; the filter stays in the address.
    page.goto(f"/competencies/{cohort}/")
    page.get_by_label("State").select_option(label="Sign-off requested")
    follow(page.get_by_role("button", name="Apply filters"))
    expect(page).to_have_url(re.compile(r"state=requested"))
    items = page.locator("li.checklist-item")
    assert items.count() >= 1
    for n in range(items.count()):
        expect(items.nth(n)).to_be_visible()
        expect(items.nth(n)).to_contain_text("Sign-off requested")
    expect(page.locator(".checklist-filter-status")).to_contain_text(re.compile(r"\d+ competenc(y matches|ies match)"))
    expect(page.get_by_label("State")).to_have_value("requested")
    assert_fits_phone(page, "the filtered competencies page")
    assert_accessible(page, "the filtered competencies page")
    shoot(page, output_dir, "intern-competencies-requested")

    # A domain and a state with nothing in common: an empty state and the way back.
    page.get_by_label("Domain").select_option(index=1)
    page.get_by_label("State").select_option(label="Revoked")
    follow(page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_text("No competency matches these filters.")).to_be_visible()
    follow(page.get_by_role("link", name="Show every competency"))
    assert page.url.endswith(f"/competencies/{cohort}/#find")
    expect(page.locator("li.checklist-item")).to_have_count(total)
    assert not browsing.problems, str(browsing.problems)


def test_the_filter_works_without_javascript(browser, live_server, output_dir):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in_as(page, SUPERVISOR)
        page.goto(f"/review/{live_server.cohort_id}/")
        # The dashboard's count of pending requests leads to the intern's checklist filtered to them.
        link = page.locator("table.dashboard-table a[href*='state=requested']").first
        follow(link)
        expect(page).to_have_url(re.compile(r"state=requested#checklist$"))
        rows = page.locator("table.checklist-table tbody tr")
        assert rows.count() >= 1
        for n in range(rows.count()):
            decide = rows.nth(n).get_by_role("link", name=re.compile("^Decide"))
            expect(decide).to_be_visible()
            box = decide.bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], f"Decide is off the screen: {box}"
        page.get_by_label("State").select_option(label="Every state")
        follow(page.get_by_role("button", name="Apply filters"))
        expect(page).to_have_url(re.compile(r"state=&|state=$|state=#"))
        shoot(page, output_dir, "supervisor-intern-no-javascript")
    finally:
        context.close()


@pytest.mark.parametrize(
    "email, path",
    [
        (INTERN, "/competencies/{cohort}/"),
        (INTERN, "/portfolio/{cohort}/"),
        (INTERN, "/journal/{cohort}/progress"),
        (SUPERVISOR, "/review/{cohort}/"),
        (SUPERVISOR, "/review/{cohort}/interns/{intern}"),
        (COORDINATOR, "/cohorts/{cohort}"),
        (REVIEWER, "/submissions/{submission}"),
    ],
)
def test_the_same_pages_on_a_wide_screen(page, live_server, browsing, demo, output_dir, email, path):
    """On a desktop the tables stay tables (no card layout) and nothing scrolls sideways."""
    page.set_viewport_size(DESKTOP)
    log_in_as(page, email)
    page.goto(path.format(**demo))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], f"{path} scrolls sideways on a desktop: {sizes}"
    for table in page.locator("main table.stack-on-phone").all():
        assert table.evaluate("(t) => getComputedStyle(t).display") == "table"
    shoot(page, output_dir, f"desktop-{slug(email, path)}")
    assert not browsing.problems, str(browsing.problems)
