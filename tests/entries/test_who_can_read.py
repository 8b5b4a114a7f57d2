"""An entry's page, and the share control where the intern decides, say by name who can read the
entry now (DESIGN.md, privacy promise 9): so a supervisor added to the cohort, a coordinator
included, shows up as a reader of what was shared. Next to the visibility badge it is the one
sentence saying who can read the entry."""

import pytest

from tests.html import texts


@pytest.fixture
def moshi(make, auth):
    """An intern of "Moshi spring" (logged in), its supervisor Dr Mwangi, and a coordinator."""
    cohort = make.cohort(name="Moshi spring")
    intern = make.member(cohort, "intern", name="Amira Haddad")
    supervisor = make.member(cohort, "supervisor", name="Dr Mwangi")
    coordinator = make.admin(name="Cara Coordinator")
    auth.login(intern.email)
    return cohort, intern, supervisor, coordinator


def readers_line(html: str) -> str:
    """The one sentence of the page saying who can read the entry."""
    found = texts(html, "p.readers, span.readers")
    assert len(found) == 1, found
    return found[0]


def test_a_private_entry_says_only_you_once(client, make, moshi):
    cohort, intern, _, _ = moshi
    entry = make.entry(intern, cohort, visibility="private")
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert readers_line(page) == "Only you can read this entry."
    assert "can see this entry" not in page


def test_an_entry_shared_with_supervisors_names_them(client, make, moshi):
    cohort, intern, _, _ = moshi
    make.member(cohort, "supervisor", name="Dr Ode")
    entry = make.entry(intern, cohort, visibility="supervisors")
    assert readers_line(client.get(f"/entries/{entry.id}").get_data(as_text=True)) == (
        "You and the supervisors of Moshi spring (Dr Mwangi and Dr Ode) can read this entry."
    )


def test_an_entry_shared_with_the_cohort_adds_its_interns(client, make, moshi):
    cohort, intern, _, _ = moshi
    entry = make.entry(intern, cohort, visibility="cohort")
    assert readers_line(client.get(f"/entries/{entry.id}").get_data(as_text=True)) == (
        "You, the supervisors of Moshi spring (Dr Mwangi) and the interns of Moshi spring can read this entry."
    )


def test_a_coordinator_who_makes_themselves_supervisor_is_named_to_the_intern(client, make, moshi, auth):
    cohort, intern, _, coordinator = moshi
    entry = make.entry(intern, cohort, visibility="supervisors")
    auth.logout()
    auth.login(coordinator.email)
    client.post(f"/cohorts/{cohort.id}/invite", data={"email": coordinator.email, "role": "supervisor"})
    auth.logout()
    auth.login(intern.email)
    page = client.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert readers_line(page) == (
        "You and the supervisors of Moshi spring (Cara Coordinator and Dr Mwangi) can read this entry."
    )


def test_a_supervisor_reading_sees_the_author_and_themselves(client, make, moshi, auth):
    cohort, intern, supervisor, _ = moshi
    entry = make.entry(intern, cohort, visibility="cohort")
    auth.logout()
    auth.login(supervisor.email)
    assert readers_line(client.get(f"/entries/{entry.id}").get_data(as_text=True)) == (
        "Amira Haddad (its author), the supervisors of Moshi spring (you) "
        "and the interns of Moshi spring can read this entry."
    )


def test_every_row_of_the_journal_says_who_reads_it_in_short(client, make, moshi, count_queries):
    # The names are on the entry's page, where its sharing is changed; the list links there (issue #17).
    cohort, intern, _, _ = moshi
    make.entry(intern, cohort, visibility="supervisors")
    few = count_queries(lambda: client.get(f"/journal/{cohort.id}/"))
    for visibility in ["supervisors", "cohort", "private"] * 6:
        make.entry(intern, cohort, visibility=visibility)
    assert count_queries(lambda: client.get(f"/journal/{cohort.id}/")) == few
    lines = texts(client.get(f"/journal/{cohort.id}/").get_data(as_text=True), ".entry-readers .badge")
    assert len(lines) == 19
    assert lines.count("You and your supervisors") == 7 and lines.count("Your cohort") == 6
