"""One browser, two interns: an unsent draft kept on the device is ciphertext that only its author's
pages can read, send or offer back (the privacy promise, point 7).

Amira is writing when her session ends (she is logged out from another tab); she keeps typing and
the draft stays on the device. Bruno then logs in on the same browser: none of his pages sends or
offers her text, and his key cannot open it. When Amira logs in again, her text comes back.

What is kept is what can be sent later (an error page from a server in trouble); what the server
refuses for good is shown with its reason, and never dropped unseen.
"""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from journal import device_keys
from journal.extensions import db
from journal.models import Cohort, Draft, User
from tests import factories

from .conftest import Problems
from .test_login_pages import log_in

pytestmark = pytest.mark.e2e

# A word nobody else writes: wherever it shows up, Amira's text is there.
MARKER = "Quetzalcoatl7731"
KEPT_ON_DEVICE = re.compile(r"^Saved on this device \(encrypted\); it will be sent when")
DEVICE = "intern-journal:device:"
LEGACY = "intern-journal:pending-drafts"

TRY_TO_OPEN = """async ([owner, keys]) => {
    const { openStore } = await import("/static/js/device-store.js");
    const prefix = `intern-journal:device:${owner}:`;
    const [, record] = Object.entries(localStorage).find(([slot]) => slot.startsWith(prefix));
    const attempt = async (key) => {
        try {
            return JSON.stringify(await (await openStore(owner, key)).unseal(record));
        } catch (error) {
            return `refused: ${error.name}`;
        }
    };
    // Bruno's key as it is (AES-GCM straight from its bytes), in case the store's derivation were the only lock.
    const { iv, data } = JSON.parse(record);
    const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const raw = await crypto.subtle.importKey("raw", bytes(keys.bruno), "AES-GCM", false, ["decrypt"]);
    let direct;
    try {
        await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(iv) }, raw, bytes(data));
        direct = "decrypted";
    } catch (error) {
        direct = `refused: ${error.name}`;
    }
    return { bruno: await attempt(keys.bruno), direct, amira: await attempt(keys.amira) };
}"""


def watch(browsing, page: Page) -> Page:
    """Record the errors of a further tab as the fixture records those of its own pages."""
    page.on("response", browsing._on_response)
    page.on("console", browsing._on_console)
    page.on("pageerror", browsing._on_page_error)
    return page


def log_in_as(page: Page, email: str) -> None:
    """Log in through the form and wait for the home page to have loaded completely."""
    log_in(page, email, factories.PASSWORD)
    page.wait_for_url(re.compile(r"/home/\d+$"))


def log_out(page: Page) -> None:
    """Log out with the button in the navigation."""
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))


def without_refused_drafts(problems: Problems) -> Problems:
    """The problems, less the refusals of drafts (and of the identifier check of the text typed) sent by
    Amira's page while she was logged out (401) or Bruno logged in (400, "retry"), and Chromium's
    console lines for them."""
    responses = [r for r in problems.responses if not re.fullmatch(r"40[01] POST .*/(drafts|identifiers)", r)]
    console = [line for line in problems.console if not re.search(r"status of 40[01]", line)]
    return Problems(responses=responses, console=console, scripts=list(problems.scripts))


def kept_slots(page: Page, owner: str) -> list[str]:
    """The localStorage keys under which the page's browser keeps something for ``owner``."""
    return [slot for slot in page.evaluate("Object.keys(localStorage)") if slot.startswith(f"{DEVICE}{owner}:")]


def stored_drafts(app, user_id: int) -> list[str]:
    """The text of every server draft of the user (title and body)."""
    with app.app_context():
        contents = db.session.scalars(select(Draft.content).where(Draft.user_id == user_id)).all()
    return [f"{content.get('title', '')} {content.get('body', '')}" for content in contents]


@pytest.fixture
def interns(app, live_server):
    """Two interns of the demo cohort: {name: (id, email, device key, owner marker)}."""
    with app.app_context():
        cohort = db.session.get(Cohort, live_server.cohort_id)
        people = {name: factories.member(db.session, cohort, "intern") for name in ("amira", "bruno")}
        db.session.commit()
        with app.test_request_context():
            found = {}
            for name, person in people.items():
                person = db.session.get(User, person.id)
                found[name] = (person.id, person.email, person.device_key, device_keys.owner_marker(person))
        return found


def test_an_unsent_draft_is_kept_for_its_author_only(browsing, app, live_server, interns):
    amira_id, amira_email, amira_key, amira_owner = interns["amira"]
    bruno_id, bruno_email, bruno_key, _ = interns["bruno"]
    form_path = f"/journal/{live_server.cohort_id}/new?kind=cultural"
    tab = browsing.page()
    context = tab.context

    # What the first autosave left in plain text, for whichever account came next, is gone on the next page.
    tab.goto("/login")
    tab.evaluate(f"localStorage.setItem('{LEGACY}', JSON.stringify({{x: {{payload: {{fields: {{body: 'old'}}}}}}}}))")

    # Amira starts writing; the first autosave reaches the server.
    log_in_as(tab, amira_email)
    assert tab.evaluate(f"localStorage.getItem('{LEGACY}')") is None
    tab.goto(form_path)
    tab.get_by_label("Title", exact=True).fill(f"Market morning {MARKER}")
    body = tab.get_by_label("Your entry")
    body.fill(f"The grandmother spoke first. {MARKER}-one")
    status = tab.locator(".autosave-status")
    expect(status).to_have_text(re.compile(r"^Draft saved \d"), timeout=10_000)

    # Her session ends in another tab; she keeps typing, and the draft stays on the device, encrypted.
    other_tab = watch(browsing, context.new_page())
    sent_by_bruno = []
    other_tab.goto(f"/home/{live_server.cohort_id}")
    log_out(other_tab)
    body.fill(f"The grandmother spoke first. {MARKER}-one. Then the son, {MARKER}-two.")
    expect(status).to_have_text(KEPT_ON_DEVICE, timeout=10_000)
    kept = dict(tab.evaluate("Object.entries(localStorage)"))
    assert kept_slots(tab, amira_owner)
    assert not [item for item in kept.items() if MARKER in item[0] or MARKER in item[1]], kept
    assert not [slot for slot in kept if amira_email in slot or f":{amira_id}:" in slot]
    assert stored_drafts(app, amira_id) == [f"Market morning {MARKER} The grandmother spoke first. {MARKER}-one"]

    # Bruno logs in on the same browser and writes: his pages neither send nor offer Amira's text.

    def record(request):
        if request.url.endswith("/drafts"):
            sent_by_bruno.append(request.post_data or "")

    other_tab.on("request", record)
    log_in_as(other_tab, bruno_email)
    other_tab.goto(form_path)
    expect(other_tab.locator(".draft-banner")).to_have_count(0)
    expect(other_tab.locator(".device-draft")).to_have_count(0)
    other_tab.get_by_label("Title", exact=True).fill("Bruno's clinic day")
    expect(other_tab.locator(".autosave-status")).to_have_text(re.compile(r"^Draft saved \d"), timeout=10_000)
    # Amira's page, still open, tries again once the browser is online: Bruno's session refuses it,
    # and her page keeps the text for her.
    with tab.expect_response(lambda r: r.url.endswith("/drafts")) as retried:
        tab.evaluate("window.dispatchEvent(new Event('online'))")
    assert (retried.value.status, retried.value.json()["retry"]) == (400, True)
    expect(status).to_have_text(KEPT_ON_DEVICE)
    assert sent_by_bruno and not [data for data in sent_by_bruno if MARKER in data or amira_owner in data]
    (bruno_draft,) = stored_drafts(app, bruno_id)
    assert "Bruno's clinic day" in bruno_draft and MARKER not in bruno_draft

    # Bruno's key opens nothing of Amira's; hers does (so the attempt itself is sound).
    opened = other_tab.evaluate(TRY_TO_OPEN, [amira_owner, {"bruno": bruno_key, "amira": amira_key}])
    assert opened["bruno"] == "refused: DeviceStoreError"
    assert opened["direct"] == "refused: OperationError"
    assert f"{MARKER}-two" in opened["amira"]

    # Amira logs in again: her first page sends what the device kept, and the form offers it back.
    log_out(other_tab)
    other_tab.remove_listener("request", record)
    with other_tab.expect_response(lambda r: r.url.endswith("/drafts")) as delivered:
        log_in_as(other_tab, amira_email)
    assert delivered.value.status == 200
    assert any(f"{MARKER}-two" in text for text in stored_drafts(app, amira_id))
    assert stored_drafts(app, bruno_id) == [bruno_draft]
    other_tab.goto(form_path)
    banner = other_tab.locator(".draft-banner")
    expect(banner).to_contain_text("You have unsaved text")
    with other_tab.expect_navigation():
        banner.get_by_role("link", name="Restore it").click()
    expect(other_tab.get_by_label("Your entry")).to_have_value(re.compile(f"{MARKER}-two"))
    assert kept_slots(other_tab, amira_owner) == []

    problems = without_refused_drafts(browsing.problems)
    assert not problems, str(problems)


def without_answers(problems: Problems, statuses: str) -> Problems:
    """The problems, less the answers with the given statuses (a regex) to drafts and to the identifier
    check of the text typed, and their console lines."""
    responses = [r for r in problems.responses if not re.fullmatch(rf"({statuses}) POST .*/(drafts|identifiers)", r)]
    console = [line for line in problems.console if not re.search(rf"status of ({statuses})", line)]
    return Problems(responses=responses, console=console, scripts=list(problems.scripts))


def test_trouble_keeps_the_text_and_a_refusal_says_why(browsing, app, live_server, interns):
    """A 503 error page (the database down) keeps the draft on the device; a refusal that sending
    again cannot cure is shown with the server's reason, and a kept copy refused later is offered back."""
    amira_id, amira_email, _, amira_owner = interns["amira"]
    with app.app_context():
        entry_id = factories.entry(
            db.session,
            db.session.get(User, amira_id),
            db.session.get(Cohort, live_server.cohort_id),
            kind="cultural",
            title="Naming ceremony",
        ).id
        db.session.commit()
    tab = browsing.page()
    log_in_as(tab, amira_email)
    tab.goto(f"/entries/{entry_id}/edit")
    status = tab.locator(".autosave-status")
    body = tab.get_by_label("Your entry")

    # The server answers with an HTML error page: the text is kept on the device, encrypted.
    tab.route("**/drafts", lambda route: route.fulfill(status=503, content_type="text/html", body="<h1>Down</h1>"))
    body.fill(f"The baby was named on the seventh day. {MARKER}")
    expect(status).to_have_text(
        re.compile(r"^Saved on this device \(encrypted\); it will be sent when the journal answers again"),
        timeout=10_000,
    )
    assert len(kept_slots(tab, amira_owner)) == 1

    # Sent again from another page of the account, it is refused; the form, opened next, offers it
    # back with the reason (a copy still waiting to be sent would be put straight back instead).
    reason = "Part of the draft (the title) is not text, so it was not kept. Copy your text, then reload the page."
    tab.unroute("**/drafts")
    tab.route("**/drafts", lambda route: route.fulfill(status=422, json={"error": reason}))
    [slot] = kept_slots(tab, amira_owner)
    sealed = tab.evaluate("(slot) => localStorage.getItem(slot)", slot)
    with tab.expect_response("**/drafts"):
        tab.goto(f"/journal/{live_server.cohort_id}/")
    # Marked as refused: sealed again, so the record changes.
    tab.wait_for_function("([slot, sealed]) => localStorage.getItem(slot) !== sealed", arg=[slot, sealed])
    tab.goto(f"/entries/{entry_id}/edit")
    offer = tab.locator(".device-draft")
    expect(offer).to_contain_text(f"Text kept on this device could not be saved: {reason}")
    expect(body).not_to_have_value(re.compile(MARKER))
    offer.get_by_role("button", name="Put it back in the form").click()
    expect(body).to_have_value(re.compile(MARKER))
    expect(status).to_have_text(f"Not saved: {reason}")
    assert kept_slots(tab, amira_owner) == []

    # A real refusal: the entry went to the trash in another tab. The reason shows; the text stays in the form.
    tab.unroute("**/drafts")
    other_tab = watch(browsing, tab.context.new_page())
    other_tab.goto(f"/entries/{entry_id}/delete")
    with other_tab.expect_navigation():
        other_tab.get_by_role("button", name="Move to trash").click()
    body.fill(f"The baby was named on the seventh day. {MARKER}, and the grandmother chose.")
    expect(status).to_have_text(
        re.compile(r"^Not saved: This journal or entry is not open to your account"), timeout=10_000
    )
    expect(body).to_have_value(re.compile("the grandmother chose"))
    assert kept_slots(tab, amira_owner) == []

    problems = without_answers(browsing.problems, "404|422|503")
    assert not problems, str(problems)
