"""The coordinator's audit log of a cohort: who did what to which object, filtered, never entry text."""

import pytest

from journal import audit
from journal.entries.services import set_visibility
from journal.extensions import db
from journal.models import Entry, SignOffRequest
from tests.html import one, texts

SECRET_TITLE = "Zanzibar-7731 night with the febrile child"
SECRET_BODY = "Quokka-4419 differential: malaria, sepsis, typhoid"


@pytest.fixture
def log(make):
    """A cohort whose intern shared an entry and whose supervisor approved a request."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Joseph Mwangi")
    entry = make.entry(intern, cohort, title=SECRET_TITLE, body=SECRET_BODY)
    framework = make.framework(cohort, competencies=1)
    request = make.signoff(intern, cohort, framework.competencies[0].id, status="approved", supervisor=supervisor)
    return cohort, intern, supervisor, entry, request


def share(app, entry, visibility):
    with app.app_context():
        set_visibility(db.session.get(Entry, entry.id), visibility)
        db.session.commit()


def approve(app, supervisor, request, level=4):
    with app.app_context():
        audit.record(
            supervisor.id,
            "signoff.approved",
            db.session.get(SignOffRequest, request.id),
            request.cohort_id,
            level=level,
        )
        db.session.commit()


@pytest.fixture
def coordinator(make, auth):
    found = make.admin()
    auth.login(found.email)
    return found


def rows(html: str) -> list[str]:
    """The text of each row of the log's table, newest first (none when the page shows no table)."""
    return texts(html, "table.audit-table > tbody > tr")


def test_the_log_lists_events_newest_first_without_entry_text(app, client, log, coordinator):
    cohort, intern, supervisor, entry, request = log
    share(app, entry, "supervisors")
    approve(app, supervisor, request)
    response = client.get(f"/cohorts/{cohort.id}/audit")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Audit log</h1>" in html
    found = rows(html)
    assert len(found) == 2
    assert "Dr Joseph Mwangi Approved a sign-off Sign-off request #" in found[0]
    assert "Level 4 Acts unsupervised" in found[0]
    assert f"Amira Haddad Shared an entry Entry #{entry.id}" in found[1]
    assert "Before Private Now Shared with supervisors" in found[1]
    assert "Zanzibar-7731" not in html and "Quokka-4419" not in html
    assert "2 events, newest first." in html


def test_the_log_filters_by_person_and_by_action(app, client, log, coordinator):
    cohort, intern, supervisor, entry, request = log
    share(app, entry, "cohort")
    share(app, entry, "private")
    approve(app, supervisor, request)
    by_intern = rows(client.get(f"/cohorts/{cohort.id}/audit?person={intern.id}").get_data(as_text=True))
    assert [("Amira Haddad" in row, "Mwangi" in row) for row in by_intern] == [(True, False), (True, False)]
    by_action = client.get(f"/cohorts/{cohort.id}/audit?action=entry.unshared").get_data(as_text=True)
    assert len(rows(by_action)) == 1
    assert (
        f"Amira Haddad Unshared an entry Entry #{entry.id} Before Shared with the cohort Now Private"
        in rows(by_action)[0]
    )
    assert '<option value="entry.unshared" selected>' in by_action
    both = client.get(f"/cohorts/{cohort.id}/audit?person={supervisor.id}&action=entry.shared").get_data(as_text=True)
    assert rows(both) == [] and "Nothing matches" in both
    assert f'<option value="{supervisor.id}" selected>Dr Joseph Mwangi</option>' in both


def test_the_person_menu_lists_members_and_actors_of_this_cohort_only(app, client, log, coordinator, make):
    cohort, intern, supervisor, entry, request = log
    other = make.cohort()
    make.member(other, "intern", name="Someone Elsewhere")
    html = client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True)
    assert ">Amira Haddad</option>" in html and ">Dr Joseph Mwangi</option>" in html
    assert "Someone Elsewhere" not in html
    assert "Nothing recorded yet" in html


def test_events_of_another_cohort_are_not_listed(app, client, log, coordinator, make):
    cohort, intern, supervisor, entry, request = log
    other = make.cohort()
    elsewhere = make.member(other, "intern", name="Lukas Becker")
    share(app, make.entry(elsewhere, other), "supervisors")
    assert "Lukas Becker" not in client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True)


def test_the_log_is_paginated_and_keeps_the_filter(app, client, log, coordinator):
    cohort, intern, supervisor, entry, request = log
    for level in [1, 2, 3, 4, 5] * 11:
        approve(app, supervisor, request, level)
    first = client.get(f"/cohorts/{cohort.id}/audit?action=signoff.approved").get_data(as_text=True)
    assert len(rows(first)) == 50
    assert "Page 1 of 2" in first
    assert "action=signoff.approved" in one(first, 'a[rel="next"]')["href"]
    second = client.get(f"/cohorts/{cohort.id}/audit?action=signoff.approved&page=2").get_data(as_text=True)
    assert len(rows(second)) == 5


def test_the_query_count_does_not_grow_with_the_events(app, client, log, coordinator, count_queries, make):
    """Each event by a different person, so that lazily loading the actors would show."""
    cohort = log[0]
    for _ in range(5):
        share(app, make.entry(make.member(cohort, "intern"), cohort), "supervisors")
    few = count_queries(lambda: client.get(f"/cohorts/{cohort.id}/audit"))
    for _ in range(45):
        share(app, make.entry(make.member(cohort, "intern"), cohort), "cohort")
    assert len(rows(client.get(f"/cohorts/{cohort.id}/audit").get_data(as_text=True))) == 50
    many = count_queries(lambda: client.get(f"/cohorts/{cohort.id}/audit"))
    assert few == many


@pytest.mark.parametrize("role", ["intern", "supervisor", "reviewer"])
def test_members_of_the_cohort_may_not_see_its_log(client, auth, make, role):
    cohort = make.cohort()
    person = make.member(cohort, role)
    auth.login(person.email)
    assert client.get(f"/cohorts/{cohort.id}/audit").status_code == 403


def test_an_unknown_cohort_is_not_found(client, coordinator):
    assert client.get("/cohorts/999999/audit").status_code == 404


def test_the_cohort_page_links_to_its_log(client, log, coordinator):
    cohort = log[0]
    assert f'href="/cohorts/{cohort.id}/audit"' in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
