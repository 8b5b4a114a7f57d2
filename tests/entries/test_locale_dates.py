"""Entry dates typed by hand, as people write them in their language (journal/typed_input.py).

Browsers with a date picker send ISO dates; one without sends what was typed. Those are read day, month,
year, as the app writes dates in every language, with month names in the reader's language or in English.
"""

from datetime import date

import pytest
from sqlalchemy import select

from journal.models import Entry, User
from journal.typed_input import typed_date

CULTURAL = {"title": "Market greetings", "theme": "language", "body": "Elders are greeted first."}


def _speaking(query, person: User, language: str) -> None:
    """Set the account's language (the account page's setting)."""

    def update(session):
        session.get(User, person.id).locale = language
        session.commit()

    query(update)


def _written_on(query) -> date | None:
    return query(lambda s: s.scalar(select(Entry.occurred_on)))


def test_a_spanish_date_typed_by_hand_is_day_first(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "es")
    data = CULTURAL | {"occurred_on": "05/12/2025"}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data, headers={"Accept-Language": "es"})
    assert response.status_code == 302
    assert _written_on(query) == date(2025, 12, 5)


def test_a_month_typed_in_words_is_read_in_the_persons_language(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "fr")
    data = CULTURAL | {"occurred_on": "4 mars 2025"}
    assert client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data).status_code == 302
    assert _written_on(query) == date(2025, 3, 4)


def test_english_reads_day_first_too_as_the_app_writes_dates(client, intern, query):
    _, cohort = intern
    data = CULTURAL | {"occurred_on": "05/12/2025"}
    assert client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data).status_code == 302
    assert _written_on(query) == date(2025, 12, 5)


def test_the_iso_date_of_a_date_picker_still_comes_first(client, intern, query):
    person, cohort = intern
    _speaking(query, person, "es")
    data = CULTURAL | {"occurred_on": "2025-03-04"}
    assert client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data).status_code == 302
    assert _written_on(query) == date(2025, 3, 4)


def test_what_is_not_a_date_is_refused_with_the_form(client, intern, query):
    _, cohort = intern
    data = CULTURAL | {"occurred_on": "31/02/2025"}
    response = client.post(f"/journal/{cohort.id}/new?kind=cultural", data=data)
    assert response.status_code == 200
    assert "Not a valid date value." in response.get_data(as_text=True)
    assert _written_on(query) is None


def test_the_journal_filters_read_typed_dates_too(client, intern, make):
    person, cohort = intern
    make.entry(person, cohort, title="Early clinic visit", occurred_on=date(2025, 11, 30))
    make.entry(person, cohort, title="Late clinic visit", occurred_on=date(2025, 12, 2))
    page = client.get(f"/journal/{cohort.id}/?start=01/12/2025").get_data(as_text=True)
    assert "Late clinic visit" in page and "Early clinic visit" not in page


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("es", "05/12/2025", date(2025, 12, 5)),
        ("es", "5-12-25", date(2025, 12, 5)),
        ("es", "5 dic 2025", date(2025, 12, 5)),
        ("es", "5 de diciembre de 2025", date(2025, 12, 5)),
        ("fr", "5 déc. 2025", date(2025, 12, 5)),
        ("fr", "5.12.2025", date(2025, 12, 5)),
        ("pt", "5 de dez. de 2025", date(2025, 12, 5)),
        ("pt", "5 Dec 2025", date(2025, 12, 5)),
        ("en", "05/12/2025", date(2025, 12, 5)),
        ("en", "December 5, 2025", date(2025, 12, 5)),
        ("en", "2025/12/05", date(2025, 12, 5)),
        ("es", "31/02/2025", None),
        ("es", "mañana", None),
        ("es", "12/2025", None),
    ],
)
def test_dates_are_read_as_people_type_them(app, language, typed, expected):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert typed_date(typed) == expected


CLINICAL = {"title": "Night shift", "setting": "ward", "involvement": "observed", "body": "Two admissions."}


@pytest.mark.parametrize(("typed", "expected"), [("1,5", "1.50"), ("0,25", "0.25"), ("2.75", "2.75"), ("8", "8.00")])
def test_hours_read_a_decimal_comma_as_people_type_it(client, intern, query, typed, expected):
    person, cohort = intern
    _speaking(query, person, "pt")
    data = CLINICAL | {"occurred_on": "2025-03-04", "hours": typed}
    assert client.post(f"/journal/{cohort.id}/new?kind=clinical", data=data).status_code == 302
    assert str(query(lambda s: s.scalar(select(Entry.hours)))) == expected


def test_hours_with_two_separators_are_refused_and_kept(client, intern, query):
    _, cohort = intern
    data = CLINICAL | {"occurred_on": "2025-03-04", "hours": "1,5.5"}
    response = client.post(f"/journal/{cohort.id}/new?kind=clinical", data=data)
    assert response.status_code == 200 and 'value="1,5.5"' in response.get_data(as_text=True)
    assert query(lambda s: s.scalar(select(Entry.id))) is None
