"""Offline-first writing in Chromium: the service worker, pages kept on the device, the outbox.

"Offline" here is real: the browser context is set offline (so pages see ``navigator.onLine``
false and get the ``offline`` event) and the server stops listening (so the service worker's own
fetches fail, as they do with no network). Back online, the server listens again on its port.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from journal.entries import services
from journal.extensions import db
from journal.models import Draft, Entry, User
from journal.models.entries import CONTENT_FIELDS
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.test_journal import fill_entry, log_in_as
from tests.e2e.test_login_pages import assert_accessible, assert_fits_phone

pytestmark = pytest.mark.e2e

INTERN = "intern1@demo.test"
OTHER_INTERN = "intern2@demo.test"


def offline(page: Page, live_server) -> None:
    """Cut the network: the browser knows it, and the server cannot be reached."""
    page.context.set_offline(True)
    live_server.network_off()


def online(page: Page, live_server) -> None:
    """Bring the network back."""
    live_server.network_on()
    page.context.set_offline(False)


def kept_urls(page: Page) -> list[str]:
    """The addresses the service worker keeps pages of (sealed: only the addresses are readable)."""
    return page.evaluate("caches.open('pages').then((c) => c.keys()).then((ks) => ks.map((r) => r.url))")


def open_journal_kept(page: Page, live_server) -> list[str]:
    """Open the intern's journal and wait until the worker keeps every page the journal lists."""
    page.goto(f"/journal/{live_server.cohort_id}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    listed = [live_server.url + p["url"] for p in json.loads(page.locator("#offline-pages").text_content())]
    for _ in range(200):
        if set(listed) <= set(kept_urls(page)):
            return listed
        page.wait_for_timeout(50)
    raise AssertionError(f"not kept: {sorted(set(listed) - set(kept_urls(page)))}")


def save_cultural_entry(page: Page, live_server, title: str, body: str) -> None:
    """Write a cultural reflection in its form and press Save (offline, it waits on the device)."""
    page.goto(f"/journal/{live_server.cohort_id}/new?kind=cultural")
    fill_entry(page, "cultural", title, body)
    page.get_by_role("button", name="Save entry").click()


def entry_count(app, email: str, title: str | None = None) -> int:
    """How many entries the person has (with that title)."""
    with app.app_context():
        author = db.session.scalar(select(User).where(User.email == email))
        query = select(func.count(Entry.id)).where(Entry.author_id == author.id)
        if title is not None:
            query = query.where(Entry.title == title)
        return db.session.scalar(query)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login"))


def device_values(page: Page) -> str:
    """Everything this browser keeps in localStorage, as one text."""
    return page.evaluate("JSON.stringify(Object.entries(localStorage))")


def test_the_journal_and_its_forms_open_offline_and_other_pages_show_the_offline_page(browsing, live_server):
    page = browsing.page()
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    offline(page, live_server)
    page.reload()
    expect(page.get_by_role("heading", name="My journal")).to_be_visible()
    expect(page.locator("#offline-status")).to_contain_text("Offline")
    for kind, heading in (("clinical", "New clinical"), ("cultural", "New cultural"), ("ethics", "New ethics")):
        page.goto(f"/journal/{live_server.cohort_id}/new?kind={kind}")
        expect(page.get_by_role("heading", name=re.compile(heading, re.I))).to_be_visible()
    page.goto(f"/journal/{live_server.cohort_id}/search?q=never-visited")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    online(page, live_server)
    browsing.problems.responses.clear()
    browsing.problems.console.clear()


def test_an_entry_saved_offline_waits_on_the_device_and_is_sent_once(browsing, live_server, app):
    page = browsing.page()
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    before = entry_count(app, INTERN)
    offline(page, live_server)
    save_cultural_entry(
        page, live_server, "Market day offline", "Written on the bus with no signal.\nSecond line, exactly."
    )
    expect(page).to_have_url(re.compile(rf"/journal/{live_server.cohort_id}/$"))
    expect(page.locator("#outbox-list")).to_contain_text("Market day offline")
    expect(page.locator("#outbox-list")).to_contain_text("waiting to be sent")
    expect(page.locator("#offline-status")).to_contain_text("1 entry waiting")
    online(page, live_server)
    expect(page.locator("#offline-status")).to_contain_text("Sent", timeout=15_000)
    assert entry_count(app, INTERN) == before + 1
    page.reload()
    expect(page.locator("#outbox-list")).to_be_hidden()
    assert entry_count(app, INTERN) == before + 1


def test_nothing_typed_is_lost_when_the_tab_closes_offline(browsing, live_server, app):
    page = browsing.page()
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    offline(page, live_server)
    saved_body = "Saved offline.\n\n- first point\n- second point with ünïcödé and 中文"
    save_cultural_entry(page, live_server, "Saved while offline", saved_body)
    expect(page.locator("#outbox-list")).to_contain_text("Saved while offline")

    typed_body = "Typed, never saved: the tab closes a second after this"
    page.goto(f"/journal/{live_server.cohort_id}/new?kind=ethics")
    page.get_by_label("Title", exact=True).fill("Closed mid-thought")
    page.get_by_label("Your entry").fill("")
    page.get_by_label("Your entry").press_sequentially(typed_body, delay=5)
    page.wait_for_timeout(1000)
    page.close()

    # The same browser, opened again, still offline.
    page = page.context.new_page()
    page.goto(f"/journal/{live_server.cohort_id}/")
    waiting = page.locator("#outbox-list")
    expect(waiting).to_contain_text("Saved while offline")
    waiting.get_by_role("link", name="Open it to change it").click()
    expect(page.get_by_label("Your entry")).to_have_value(saved_body)
    page.goto(f"/journal/{live_server.cohort_id}/new?kind=ethics")
    expect(page.get_by_label("Title", exact=True)).to_have_value("Closed mid-thought")
    expect(page.get_by_label("Your entry")).to_have_value(typed_body)

    # Back online: the saved entry is sent once, and the typed text becomes the form's draft.
    online(page, live_server)
    expect(page.locator("#offline-status")).to_contain_text("Sent", timeout=15_000)
    expect(page.locator(".autosave-status")).to_contain_text("Draft saved", timeout=15_000)
    page.reload()
    assert entry_count(app, INTERN, "Saved while offline") == 1
    assert entry_count(app, INTERN, "Closed mid-thought") == 0
    with app.app_context():
        entry = db.session.scalar(select(Entry).where(Entry.title == "Saved while offline"))
        assert entry.body == saved_body
        drafts = [d.content for d in db.session.scalars(select(Draft))]
    assert [d.get("body") for d in drafts if d.get("title") == "Closed mid-thought"] == [typed_body]


def test_an_offline_edit_meeting_a_newer_version_opens_the_conflict_page(browsing, live_server, app):
    page = browsing.page()
    log_in_as(page, INTERN)
    listed = open_journal_kept(page, live_server)
    edit_url = next(url for url in listed if url.endswith("/edit"))
    entry_id = int(re.search(r"/entries/(\d+)/edit", edit_url).group(1))
    offline(page, live_server)
    page.goto(edit_url)
    page.get_by_label("Your entry").fill("My offline edit, written on the bus.")
    page.get_by_role("button", name="Save entry").click()
    expect(page).to_have_url(re.compile(rf"/journal/{live_server.cohort_id}/$"))  # where a kept save goes
    expect(page.locator("#offline-status")).to_contain_text("1 entry waiting")
    # Opened again, the edit form holds the edit that waits (saving again replaces it).
    page.goto(edit_url)
    expect(page.get_by_label("Your entry")).to_have_value("My offline edit, written on the bus.")
    page.goto(f"/journal/{live_server.cohort_id}/")

    # Meanwhile the entry is saved from another device.
    with app.app_context():
        entry = db.session.get(Entry, entry_id)
        fields = {name: getattr(entry, name) for name in CONTENT_FIELDS} | {"body": "Saved elsewhere, newer."}
        services.save_entry(entry, fields, entry.tag_names, entry.version)
        db.session.commit()
        newer = entry.version

    online(page, live_server)
    expect(page.get_by_text("My offline edit, written on the bus.").first).to_be_attached(timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("changed|conflict|newer|saved", re.I))
    with app.app_context():
        entry = db.session.get(Entry, entry_id)
        assert (entry.version, entry.body) == (newer, "Saved elsewhere, newer.")


def test_a_second_intern_on_the_browser_never_sees_or_sends_the_first_ones_entries(browsing, live_server, app):
    page = browsing.page()
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    offline(page, live_server)
    save_cultural_entry(page, live_server, "Amira's queued entry", "Only Amira may ever read or send this.")
    expect(page.locator("#outbox-list")).to_contain_text("Amira's queued entry")
    page.close()
    context = browsing.contexts[-1]
    context.clear_cookies()  # her session is over (it expired, or she left): the next intern logs in
    before = entry_count(app, INTERN)

    page = context.new_page()
    online(page, live_server)
    log_in_as(page, OTHER_INTERN)
    page.goto(f"/journal/{live_server.cohort_id}/")
    expect(page.get_by_role("heading", name="My journal")).to_be_visible()
    page.wait_for_timeout(500)
    expect(page.locator("#outbox-list")).to_be_hidden()
    expect(page.locator("#offline-status")).not_to_contain_text("waiting")
    assert "Amira" not in device_values(page)  # what she kept is ciphertext
    assert all(live_server.url + "/journal/" in url or "/entries/" in url or "/start" in url for url in kept_urls(page))
    assert entry_count(app, INTERN) == before
    # Her pages were forgotten when nobody was logged in; the device keeps only the second intern's.
    with app.app_context():
        theirs = {e.id for e in db.session.scalars(select(Entry).join(User).where(User.email == INTERN))}
    assert not [
        url
        for url in kept_urls(page)
        if re.search(r"/entries/(\d+)", url) and int(re.search(r"/entries/(\d+)", url).group(1)) in theirs
    ]

    # She logs in again on the same browser: her entry is sent (by her first page), once.
    log_out(page)
    log_in_as(page, INTERN)
    for _ in range(300):
        if entry_count(app, INTERN) > before:
            break
        page.wait_for_timeout(50)
    page.goto(f"/journal/{live_server.cohort_id}/")
    expect(page.get_by_role("heading", name="My journal")).to_be_visible()
    expect(page.locator("#outbox-list")).to_be_hidden()
    assert entry_count(app, INTERN) == before + 1
    assert entry_count(app, INTERN, "Amira's queued entry") == 1


def test_logging_out_forgets_the_pages_kept_for_the_account(browsing, live_server):
    page = browsing.page()
    log_in_as(page, INTERN)
    assert open_journal_kept(page, live_server)
    # Offline, logging out cannot reach the journal: the intern is told they are still logged in.
    offline(page, live_server)
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#offline-status")).to_contain_text("still logged in")
    online(page, live_server)
    log_out(page)
    for _ in range(100):
        if not kept_urls(page):
            break
        page.wait_for_timeout(50)
    assert kept_urls(page) == []
    offline(page, live_server)
    page.goto(f"/journal/{live_server.cohort_id}/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    online(page, live_server)
    browsing.problems.console.clear()


def test_the_offline_page_and_the_waiting_list_pass_axe_and_fit_a_phone(browsing, live_server):
    page = browsing.page(viewport={"width": 390, "height": 844}, mobile=True)
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    offline(page, live_server)
    save_cultural_entry(page, live_server, "A long title for a phone screen that has to wrap neatly", "Text.")
    expect(page.locator("#outbox-list")).to_be_visible()
    expect(page.locator("#offline-status")).to_contain_text("1 entry waiting")
    assert_accessible(page, "the journal with an entry waiting to be sent")
    assert_fits_phone(page, "the journal with an entry waiting to be sent")
    page.goto(f"/journal/{live_server.cohort_id}/search?q=not-kept")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    assert_accessible(page, "the offline page")
    assert_fits_phone(page, "the offline page")
    online(page, live_server)


def test_a_deploy_with_changed_files_replaces_the_old_shell(browsing, live_server, app):
    page = browsing.page()
    log_in_as(page, INTERN)
    open_journal_kept(page, live_server)
    shells = page.evaluate("caches.keys()")
    assert len([name for name in shells if name.startswith("shell-")]) == 1
    # A new release: the static files' version changes, so the worker's script does too.
    app.extensions["static_version"] = "0123456789ab"
    app.extensions.pop("service_worker", None)
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    for _ in range(200):
        now = [name for name in page.evaluate("caches.keys()") if name.startswith("shell-")]
        if len(now) == 1 and now[0] not in shells:
            break
        page.wait_for_timeout(50)
    assert len(now) == 1 and now[0] not in shells, (shells, now)
    entry_page = next(url for url in kept_urls(page) if re.search(r"/entries/\d+$", url))
    page.reload()
    assert "/static/0123456789ab/" in page.content()
    # A page kept before the release still works offline: its scripts are this release's.
    offline(page, live_server)
    page.goto(entry_page)
    expect(page.locator("#offline-status")).to_contain_text("Offline")
    online(page, live_server)


def test_chromium_can_install_the_app(browser, live_server, tmp_path):
    """Chromium's own installability check (what makes it offer "Install"): a manifest with its icons
    and start address, and a service worker controlling the page. In a browser profile of its own,
    since Chromium installs nothing from a private (incognito) window, which Playwright's contexts are."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=live_server.url,
    )
    try:
        page = context.new_page()
        log_in_as(page, INTERN)
        open_journal_kept(page, live_server)
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        check = context.new_cdp_session(page)
        assert check.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")
        page.goto(manifest["start_url"])
        expect(page).to_have_url(re.compile(rf"/journal/{live_server.cohort_id}/$"))
        # The check is not blind: a page whose manifest cannot be had is refused.
        page.evaluate("document.querySelector('link[rel=manifest]').href = '/no-such.webmanifest'")
        assert context.new_cdp_session(page).send("Page.getInstallabilityErrors")["installabilityErrors"] != []
    finally:
        context.close()


def test_a_supervisors_pages_are_never_kept_and_show_the_offline_page(browsing, live_server):
    page = browsing.page()
    log_in_as(page, "supervisor@demo.test")
    page.goto(f"/review/{live_server.cohort_id}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the worker
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert kept_urls(page) == []
    offline(page, live_server)
    page.reload()
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    online(page, live_server)
    browsing.problems.console.clear()


def test_a_choice_about_identifiers_goes_with_the_save_it_was_made_for(browsing, live_server, app):
    """Saving a shared entry with a suspected identifier opens the journal's own page for it (422);
    the button chosen there travels with the save through the outbox, and the entry stays shared."""
    with app.app_context():
        author = db.session.scalar(select(User).where(User.email == INTERN))
        entry = db.session.scalar(
            select(Entry).where(Entry.author_id == author.id, Entry.visibility == "supervisors").limit(1)
        )
        entry_id, before = entry.id, entry.version
    page = browsing.page()
    log_in_as(page, INTERN)
    page.goto(f"/entries/{entry_id}/edit")
    page.get_by_label("Your entry").fill("Mrs Achieng Odhiambo came back to clinic today, much better.")
    page.get_by_role("button", name="Save entry").click()
    choose = page.get_by_role("button", name=re.compile("identify nobody"))
    expect(choose).to_be_visible()
    with app.app_context():
        assert db.session.get(Entry, entry_id).version == before  # nothing saved yet
    choose.click()
    expect(page).to_have_url(re.compile(rf"/entries/{entry_id}$"))
    with app.app_context():
        saved = db.session.get(Entry, entry_id)
        assert (saved.version, saved.visibility) == (before + 1, "supervisors")
        assert saved.body.startswith("Mrs Achieng Odhiambo")
    problems = [r for r in browsing.problems.responses if not r.startswith("422 POST")]
    assert not problems, problems
