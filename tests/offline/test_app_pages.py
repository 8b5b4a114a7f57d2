"""The installable app: its manifest and icons, the offline page every visitor gets alike, and the
start address that opens each person's own place (journal/offline/app_views.py)."""

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from PIL import Image

from journal.i18n import LANGUAGES
from tests.html import attributes, links, meta, one, page, text_of

STATIC = Path(__file__).resolve().parents[2] / "static"
BRAND = (0x0F, 0x5E, 0x66)


def fetch(client, address: str):
    """The answer to a GET, read whole and closed (a static file left open is a ResourceWarning)."""
    response = client.get(address)
    response.get_data()
    response.close()
    return response


def png(client, address: str) -> Image.Image:
    """The PNG served at ``address``, decoded (fails unless it is one)."""
    response = fetch(client, address)
    assert response.status_code == 200, address
    assert response.mimetype == "image/png", address
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG", address
    image.load()
    return image


def paper_colour() -> str:
    """The page colour the stylesheet gives (``--paper`` in static/css/app.css)."""
    return re.search(r"--paper:\s*(#[0-9a-f]{6});", (STATIC / "css" / "app.css").read_text()).group(1)


# -- the manifest and its icons --


def test_manifest_describes_the_app(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert {key: value for key, value in manifest.items() if key not in ("icons", "description")} == {
        "name": "Intern Journal",
        "short_name": "Journal",
        "id": "/start",
        "start_url": "/start",
        "scope": "/",
        "display": "standalone",
        "lang": "en",
        "theme_color": "#0f5e66",
        "background_color": paper_colour(),
    }
    assert manifest["description"]
    icons = {(icon["sizes"], icon["purpose"], icon["type"]) for icon in manifest["icons"]}
    assert icons == {
        ("192x192", "any", "image/png"),
        ("512x512", "any", "image/png"),
        ("512x512", "maskable", "image/png"),
    }
    # Versioned addresses (journal/assets.py), like every other static file the pages name.
    assert all(re.fullmatch(r"/static/[0-9a-f]{12}/icons/[a-z0-9-]+\.png", icon["src"]) for icon in manifest["icons"])


def test_manifest_is_the_same_for_everyone(client, make, auth):
    anonymous = client.get("/manifest.webmanifest").data
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    auth.login(intern.email)
    assert client.get("/manifest.webmanifest").data == anonymous


def test_every_icon_is_a_png_of_the_size_the_manifest_states(client):
    for icon in client.get("/manifest.webmanifest").get_json(force=True)["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert png(client, icon["src"]).size == (width, height), icon


def test_maskable_icon_keeps_its_mark_inside_the_safe_zone(client):
    (icon,) = [
        i for i in client.get("/manifest.webmanifest").get_json(force=True)["icons"] if i["purpose"] == "maskable"
    ]
    image = png(client, icon["src"]).convert("RGB")
    size = image.width
    centre, safe_radius = size / 2, 0.4 * size  # the central 80%, as a circle
    outside, inside = set(), set()
    for y in range(size):
        for x in range(size):
            distance = ((x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2) ** 0.5
            (outside if distance > safe_radius else inside).add(image.getpixel((x, y)))
    # Full bleed: only the brand colour beyond the safe zone (one step of rounding at the drawn edges).
    assert all(max(abs(a - b) for a, b in zip(pixel, BRAND, strict=True)) <= 2 for pixel in outside), outside
    assert (255, 255, 255) in inside  # the white page of the mark


def test_pages_name_the_manifest_theme_colour_and_apple_touch_icon(client):
    body = client.get("/login").get_data(as_text=True)
    (manifest,) = attributes(body, 'link[rel="manifest"]', "href")
    assert manifest == "/manifest.webmanifest"
    assert meta(body, "theme-color") == "#0f5e66"
    (apple,) = attributes(body, 'link[rel="apple-touch-icon"]', "href")
    assert png(client, apple).size == (180, 180)


# -- the offline page --


@pytest.fixture
def offline_pages(app, make, auth):
    """The offline page as an anonymous visitor, an intern (with a message waiting to be shown) and a
    supervisor see it, each in a browser of their own; with the intern and the supervisor."""
    cohort = make.cohort(name="Moshi 2026")
    intern = make.member(cohort, "intern", name="Amina Juma")
    supervisor = make.member(cohort, "supervisor", name="Dr Okello")
    pages = {"anonymous": fetch(app.test_client(), "/offline")}
    for name, person in (("intern", intern), ("supervisor", supervisor)):
        client = app.test_client()
        auth.client = client
        auth.login(person.email)
        fetch(client, f"/home/{cohort.id}")  # the cohort they last used, in their session
        if name == "intern":
            with client.session_transaction() as session:
                session["_flashes"] = [("success", "Entry saved for Amina Juma.")]
        pages[name] = fetch(client, "/offline")
    return pages, intern, supervisor


def test_offline_page_is_the_same_bytes_for_everyone(offline_pages):
    pages, _, _ = offline_pages
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(pages, 200)
    assert pages["intern"].data == pages["anonymous"].data
    assert pages["supervisor"].data == pages["anonymous"].data


def test_offline_page_carries_nothing_of_the_person(offline_pages):
    pages, intern, supervisor = offline_pages
    body = pages["intern"].get_data(as_text=True)
    for name in ("csrf-token", "device-owner", "device-key"):
        assert meta(body, name) is None, name
    assert 'name="csrf_token"' not in body
    for said in (intern.display_name, intern.email, supervisor.display_name, "Moshi 2026", "Entry saved"):
        assert said not in body
    assert not attributes(body, "nav", "aria-label")  # no navigation, which depends on who is asking
    sections = len(attributes(body, "main section[lang]", "lang"))
    assert links(body) == ["#main", "/start"] + ["/start"] * sections  # skip link, brand, "Open my journal" in each


def test_offline_page_looks_like_the_app_and_says_what_works(offline_pages, client):
    pages, _, _ = offline_pages
    body = pages["anonymous"].get_data(as_text=True)
    login = client.get("/login").get_data(as_text=True)
    assert attributes(body, 'link[rel="stylesheet"]', "href") == attributes(login, 'link[rel="stylesheet"]', "href")
    assert text_of(body, ".site-header") == "Intern Journal"
    assert text_of(body, ".site-footer p") == text_of(login, ".site-footer p")
    assert not attributes(body, ".site-footer form", "action")  # no language switcher: it carries a form token
    assert text_of(body, "h1") == "You are offline"
    text = text_of(body, "main")
    assert "has not been kept on this device" in text
    assert "your journal and the entry forms you opened before" in text
    assert "kept on this device, encrypted, and sent when you are back online" in text
    assert one(body, "a.button.primary", "Open my journal")["href"] == "/start"
    retry = one(body, 'section[lang="en"] button[data-reload]')
    assert text_of(retry) == "Try again" and retry.has_attr("hidden") and retry["type"] == "button"


def test_offline_page_says_it_in_every_language_whatever_the_browser_asks(app, client):
    english = client.get("/offline").data
    assert client.get("/offline", headers={"Accept-Language": "fr"}).data == english
    body = english.decode()
    assert page(body).html["lang"] == "en"
    assert attributes(body, "main section[lang]", "lang") == list(LANGUAGES)
    for code in LANGUAGES:
        with app.test_request_context(), force_locale(code):
            heading, retry = gettext("You are offline"), gettext("Try again")
        assert text_of(body, f'section[lang="{code}"] :is(h1, h2)') == heading
        assert text_of(body, f'section[lang="{code}"] button[data-reload]') == retry


def test_offline_page_reload_button_is_handled_by_the_app_script():
    # The CSP forbids inline scripts: app.js, which every page loads, shows and handles the button.
    script = (STATIC / "js" / "app.js").read_text()
    assert 'querySelectorAll("[data-reload]")' in script
    assert "location.reload()" in script


# -- the start address --


def test_start_sends_anonymous_visitors_to_log_in_and_back(client):
    response = client.get("/start")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/start"


def test_start_opens_the_journal_of_the_cohort_an_intern_last_used(client, make, auth):
    older = make.cohort(name="Lima 2026", start=date.today() - timedelta(days=40))
    newer = make.cohort(name="Moshi 2026", start=date.today() - timedelta(days=5))
    intern = make.member(older, "intern")
    make.membership(intern, newer, "intern")
    auth.login(intern.email)
    # Nothing used yet: the newest cohort.
    assert client.get("/start").headers["Location"] == f"/journal/{newer.id}/"
    client.get(f"/home/{older.id}")
    assert client.get("/start").headers["Location"] == f"/journal/{older.id}/"
    client.get(f"/home/{newer.id}")
    assert client.get("/start").headers["Location"] == f"/journal/{newer.id}/"


def test_start_opens_an_intern_journal_even_after_supervising_elsewhere(client, make, auth):
    older = make.cohort(start=date.today() - timedelta(days=40))
    newer = make.cohort(start=date.today() - timedelta(days=5))
    person = make.member(older, "intern")
    make.membership(person, newer, "supervisor")
    auth.login(person.email)
    client.get(f"/home/{newer.id}")  # last used as a supervisor, where there is no journal to open
    assert client.get("/start").headers["Location"] == f"/journal/{older.id}/"


@pytest.mark.parametrize("role", ["supervisor", "reviewer"])
def test_start_sends_other_members_home(client, make, auth, role):
    cohort = make.cohort()
    person = make.member(cohort, role)
    auth.login(person.email)
    assert client.get("/start").headers["Location"] == "/"


def test_start_sends_coordinators_home(client, make, auth):
    coordinator = make.admin()
    auth.login(coordinator.email)
    assert client.get("/start").headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/cohorts/"
