"""Full-text search: own entries only, every word, ranked, highlighted, the same on SQLite and PostgreSQL."""

from datetime import date

import pytest

from journal import search

TEXTS = [
    ("Consent through an interpreter", "The husband translated and the midwife explained again.", ("consent",)),
    ("Night shift", "Sutured a scalp wound; the oxygen concentrator failed twice.", ("emergency",)),
    ("Vaccination day", "Measles and polio vaccines under a mango tree. Consent from mothers.", ("outreach",)),
    ("Market talk", "Health education about bed nets and handwashing.", ("bed-nets",)),
    ("Café conversation", "We talked about naïve assumptions in café culture.", ()),
]


@pytest.fixture
def journal(make, auth):
    cohort = make.cohort()
    person = make.member(cohort, "intern")
    from journal.entries import services

    ids = {}
    with make.app.app_context():
        from journal.extensions import db
        from journal.models import Cohort, User

        author, place = db.session.get(User, person.id), db.session.get(Cohort, cohort.id)
        for title, body, tags in TEXTS:
            entry = services.create_entry(
                author,
                place,
                "cultural",
                {
                    "title": title,
                    "body": body,
                    "theme": "other",
                    "occurred_on": date(2026, 1, 5),
                },
                list(tags),
            )
            ids[title] = entry.id
        db.session.commit()
    auth.login(person.email)
    return person, cohort, ids


def _found(app, person, cohort, query):
    with app.app_context():
        return [hit.entry_id for hit in search.search_entries(person.id, cohort.id, query)]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("consent", {"Consent through an interpreter", "Vaccination day"}),
        ("CONSENT mothers", {"Vaccination day"}),
        ("oxygen", {"Night shift"}),
        ("emergency", {"Night shift"}),
        ("café", {"Café conversation"}),
        ("naïve", {"Café conversation"}),
        ("interpreter nowhere", set()),
        ("", set()),
        ("!!! ---", set()),
    ],
)
def test_every_word_must_match(app, journal, query, titles):
    person, cohort, ids = journal
    assert set(_found(app, person, cohort, query)) == {ids[t] for t in titles}


def test_title_matches_rank_first(app, journal):
    person, cohort, ids = journal
    assert _found(app, person, cohort, "consent")[0] == ids["Consent through an interpreter"]


def test_results_are_highlighted_and_escaped(app, client, journal, make):
    person, cohort, ids = journal
    body = client.get(f"/journal/{cohort.id}/search?q=mango").get_data(as_text=True)
    assert "<mark>mango</mark>" in body
    assert "Vaccination day" in body


def test_html_in_entries_is_escaped_in_results(app, client, make, journal):
    person, cohort, _ = journal
    with app.app_context():
        from journal.entries import services
        from journal.extensions import db
        from journal.models import Cohort, User

        services.create_entry(
            db.session.get(User, person.id),
            db.session.get(Cohort, cohort.id),
            "cultural",
            {
                "title": "<script>alert(1)</script> xss",
                "body": "<img src=x onerror=alert(1)> xss",
                "theme": "other",
                "occurred_on": date(2026, 1, 5),
            },
            [],
        )
        db.session.commit()
    body = client.get(f"/journal/{cohort.id}/search?q=xss").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body and "<img src=x" not in body


def test_only_own_live_entries_are_found(app, client, make, journal):
    person, cohort, ids = journal
    other = make.member(cohort, "intern")
    make.entry(other, cohort, title="Someone else's oxygen note", visibility="cohort")
    assert client.post(f"/entries/{ids['Night shift']}/delete").status_code == 302
    assert _found(app, person, cohort, "oxygen") == []


def test_edits_are_reindexed(app, client, journal):
    person, cohort, ids = journal
    data = {
        "title": "Night shift",
        "body": "Now about a generator.",
        "theme": "other",
        "occurred_on": "2026-01-05",
        "base_version": "1",
    }
    assert client.post(f"/entries/{ids['Night shift']}/edit", data=data).status_code == 302
    assert _found(app, person, cohort, "oxygen") == []
    assert _found(app, person, cohort, "generator") == [ids["Night shift"]]


def test_search_page_query_count_is_the_same_for_10_and_200_entries(app, client, make, journal, count_queries):
    person, cohort, _ = journal
    from datetime import date

    from journal.entries import services
    from journal.extensions import db
    from journal.models import Cohort, User

    def write(count):
        with app.app_context():
            author, place = db.session.get(User, person.id), db.session.get(Cohort, cohort.id)
            for n in range(count):
                fields = {"title": f"Consent {n}", "body": "consent", "theme": "other", "occurred_on": date(2026, 1, 5)}
                services.create_entry(author, place, "cultural", fields, ["consent"])
            db.session.commit()

    write(5)  # with the five of the fixture: 10 entries
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/search?q=consent"))
    write(190)
    many = count_queries(lambda: client.get(f"/journal/{cohort.id}/search?q=consent"))
    assert many == few
