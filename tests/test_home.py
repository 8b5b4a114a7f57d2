"""Each role lands on its own home page; people in several cohorts switch between them."""

from datetime import date, timedelta

import pytest


def test_coordinator_lands_on_cohort_management(client, make, auth):
    admin = make.admin()
    auth.login(admin.email)
    assert client.get("/").headers["Location"] == "/cohorts/"


@pytest.mark.parametrize(
    ("role", "text"),
    [
        ("intern", "Who can see what you write"),
        ("supervisor", "What you can see"),
        ("reviewer", "Submitted portfolios"),
    ],
)
def test_each_role_has_its_home(client, make, auth, role, text):
    cohort = make.cohort(name="Moshi")
    person = make.member(cohort, role)
    auth.login(person.email)
    response = client.get(client.get("/").headers["Location"])
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert text in body
    assert body.count("<h1") == 1


def test_navigation_shows_only_what_the_person_may_use(client, make, auth):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    auth.login(intern.email)
    body = client.get(f"/home/{cohort.id}").get_data(as_text=True)
    assert 'href="/cohorts/"' not in body
    assert 'href="/account"' in body
    auth.logout()
    admin = make.admin()
    auth.login(admin.email)
    assert 'href="/cohorts/"' in client.get("/cohorts/").get_data(as_text=True)


def test_person_without_cohort_is_told_what_to_do(client, make, auth):
    person = make.user(email="lonely@example.org")
    auth.login(person.email)
    body = client.get("/").get_data(as_text=True)
    assert "You are not in a cohort yet" in body
    assert "lonely@example.org" in body


def test_switching_between_cohorts_with_different_roles(client, make, auth, query):
    first = make.cohort(name="Lima 2026", start=date.today() - timedelta(days=40))
    second = make.cohort(name="Moshi 2026", start=date.today() - timedelta(days=5))
    person = make.member(first, "intern")
    make.membership(person, second, "supervisor")
    auth.login(person.email)
    # The newest cohort comes first.
    assert client.get("/").headers["Location"] == f"/home/{second.id}"
    body = client.get(f"/home/{second.id}").get_data(as_text=True)
    assert "<h1>Moshi 2026</h1>" in body and "Supervisor ·" in body
    assert f'href="/home/{first.id}"' in body and "Lima 2026" in body
    # Choosing the other cohort switches the role and is remembered.
    assert "Lima 2026 · Intern" in client.get(f"/home/{first.id}").get_data(as_text=True)
    assert client.get("/").headers["Location"] == f"/home/{first.id}"


def test_placement_progress_is_shown(client, make, auth):
    cohort = make.cohort(start=date.today() - timedelta(days=9), days=56)
    intern = make.member(cohort, "intern")
    auth.login(intern.email)
    body = client.get(f"/home/{cohort.id}").get_data(as_text=True)
    assert "of 56 of the placement" in body


def test_home_query_count_does_not_grow_with_members(client, make, auth, count_queries):
    cohort = make.cohort()
    supervisor = make.member(cohort, "supervisor")
    auth.login(supervisor.email)
    few = count_queries(lambda: client.get(f"/home/{cohort.id}"))
    for _ in range(15):
        make.member(cohort, "intern")
    many = count_queries(lambda: client.get(f"/home/{cohort.id}"))
    assert few > 0
    assert many == few
