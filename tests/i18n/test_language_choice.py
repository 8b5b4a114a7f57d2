"""Which language a page is in: the account's setting, else the switcher's choice, else Accept-Language, else
English; ``<html lang>`` follows; dates and numbers are written the language's way (issue #16)."""

from datetime import date, datetime

import pytest
from flask_babel import force_locale, gettext

from journal import i18n
from journal.extensions import db
from journal.models import User
from tests.conftest import log_in_as
from tests.html import page as parse


def _lang(response) -> str:
    return parse(response.get_data(as_text=True)).html["lang"]


def _translated(app, language: str, message: str) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(message)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("es-PE,es;q=0.9,en;q=0.5", "es"),
        ("fr-HT", "fr"),
        ("pt-BR,pt;q=0.9", "pt"),
        ("de-DE,de;q=0.9", "en"),
        ("sw, fr;q=0.4", "fr"),
        ("", "en"),
    ],
)
def test_before_login_the_browser_chooses(client, accept, expected):
    response = client.get("/login", headers={"Accept-Language": accept} if accept else {})
    assert response.status_code == 200
    assert _lang(response) == expected


def test_the_page_speaks_the_language_it_says(app, client):
    page = client.get("/login", headers={"Accept-Language": "es"}).get_data(as_text=True)
    switcher = parse(page).select_one("form.language-switcher")
    assert switcher.select_one("label").get_text(strip=True) == _translated(app, "es", "Language") == "Idioma"
    assert switcher.select_one("option[selected]")["value"] == "es"
    assert [option.get_text(strip=True) for option in switcher.select("option")] == list(i18n.LANGUAGES.values())


def test_the_switcher_wins_over_the_browser_and_returns_to_the_page(client):
    response = client.post(
        "/language", data={"lang": "pt"}, headers={"Referer": "http://localhost/login?next=%2Fentries"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fentries"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{i18n.COOKIE}=pt;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert _lang(client.get("/login", headers={"Accept-Language": "fr"})) == "pt"


@pytest.mark.parametrize(
    "referer", ["https://evil.example/phish", "http://evil.example/login", "http://localhost/\\evil.example", ""]
)
def test_the_switcher_never_sends_anyone_to_another_site(client, referer):
    response = client.post("/language", data={"lang": "fr"}, headers={"Referer": referer} if referer else {})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("lang", ["de", "", "es\nSet-Cookie: x=1", "../en"])
def test_the_switcher_refuses_a_language_it_does_not_have(client, lang):
    response = client.post("/language", data={"lang": lang})
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers or i18n.COOKIE not in response.headers["Set-Cookie"]


def test_until_a_person_chooses_their_browser_decides_then_their_choice_wins(app, client, make, query):
    person = make.user()
    assert query(lambda session: session.get(User, person.id).locale) is None
    log_in_as(client, person)
    assert _lang(client.get("/account", headers={"Accept-Language": "fr"})) == "fr"
    client.post("/language", data={"lang": "es"})
    assert query(lambda session: session.get(User, person.id).locale) == "es"
    client.set_cookie(i18n.COOKIE, "fr")  # another browser's choice does not override the account's
    assert _lang(client.get("/account", headers={"Accept-Language": "fr"})) == "es"


def test_the_language_picked_on_the_login_page_stays_after_login(client, make, auth):
    person = make.user()
    client.post("/language", data={"lang": "pt"}, headers={"Referer": "http://localhost/login"})
    assert _lang(client.get("/login")) == "pt"
    assert auth.login(person.email).status_code == 302
    assert _lang(client.get("/account", headers={"Accept-Language": "en"})) == "pt"


def test_the_account_page_sets_the_language(client, make, query):
    person = make.user()
    log_in_as(client, person)
    response = client.post(
        "/account", data={"display_name": person.display_name, "timezone": "America/Lima", "locale": "fr"}
    )
    assert response.status_code == 302
    assert query(lambda session: session.get(User, person.id).locale) == "fr"
    page = client.get("/account")
    assert _lang(page) == "fr"
    assert parse(page.get_data(as_text=True)).select_one("select#locale option[selected]")["value"] == "fr"
    refused = client.post("/account", data={"display_name": "x", "timezone": "UTC", "locale": "xx"})
    assert refused.status_code == 200 and query(lambda session: session.get(User, person.id).locale) == "fr"


def test_two_people_on_one_browser_each_get_their_own_language(client, make):
    first, second = make.user(), make.user()
    with client.application.app_context():
        db.session.get(User, second.id).locale = "pt"
        db.session.commit()
    log_in_as(client, first)
    client.post("/language", data={"lang": "fr"})  # the first person chooses French; the browser remembers it
    client.post("/logout")
    log_in_as(client, second)
    assert _lang(client.get("/account")) == "pt"
    client.post("/logout")
    assert _lang(client.get("/login")) == "fr"


@pytest.mark.parametrize(
    ("language", "day", "moment", "number", "hours"),
    [
        ("en", "3 Mar 2026", "3 Mar 2026, 14:05", "1,234.5", "12.5"),
        ("es", "3 mar 2026", "3 mar 2026, 14:05", "1.234,5", "12,5"),
        ("fr", "3 mars 2026", "3 mars 2026, 14:05", "1\u202f234,5", "12,5"),
        ("pt", "3 mar. 2026", "3 mar. 2026, 14:05", "1.234,5", "12,5"),
    ],
)
def test_dates_and_numbers_follow_the_language(app, language, day, moment, number, hours):
    with app.test_request_context(), force_locale(language):
        assert i18n.format_date(date(2026, 3, 3)) == day
        assert i18n.format_local_datetime(datetime(2026, 3, 3, 14, 5)) == moment
        assert i18n.format_number(1234.5) == number
        assert i18n.format_hours("12.50") == hours
        assert i18n.format_hours(8) == "8"
