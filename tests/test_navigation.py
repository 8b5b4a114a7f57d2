"""The navigation shows each person the pages they may open, and only those.

It asks ``can()`` (journal/access.py) with the membership of the cohort in view and never looks at
roles itself, so what it links to and what the routes let in are one truth: every link it shows
opens, and the actions it asks are tabled here role by role.
"""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from journal import access
from journal.extensions import db
from tests.conftest import log_in_as
from tests.html import attributes, texts

NAV_LINKS = "nav.site-nav > ul > li > a"
EVERYONE = ["Notifications", "Account"]

# Who the person is (their role in the cohort, if any; whether they coordinate) and the links they see.
PEOPLE = {
    "intern": ("intern", False, ["Home", "Journal", "Progress", "Competencies", "Portfolio", *EVERYONE]),
    "supervisor": ("supervisor", False, ["Home", "Dashboard", "To review", "Portfolios", *EVERYONE]),
    "reviewer": ("reviewer", False, ["Home", "Portfolios", *EVERYONE]),
    "coordinator": (None, True, ["Cohorts", *EVERYONE]),
    "coordinator and supervisor": (
        "supervisor",
        True,
        ["Cohorts", "Home", "Dashboard", "To review", "Portfolios", *EVERYONE],
    ),
    # A coordinator may open any cohort's dashboard, so one who reviews sees it too.
    "coordinator and reviewer": ("reviewer", True, ["Cohorts", "Home", "Dashboard", "Portfolios", *EVERYONE]),
}

# The actions the navigation asks, and the roles in the cohort that may take them.
ACTIONS = {
    "keep_journal": {"intern"},
    "keep_checklist": {"intern"},
    "submit_portfolio": {"intern"},
    "view_dashboard": {"supervisor"},
    "supervise": {"supervisor"},
    "view_submissions": {"supervisor", "reviewer"},
}
# What coordinators may do in any cohort, members or not: figures and submissions, never a journal.
COORDINATORS_MAY = {"view_dashboard", "view_submissions"}


def person(make, name: str):
    """The person ``name`` of PEOPLE, with their cohort (None for a coordinator outside it)."""
    role, coordinator, _ = PEOPLE[name]
    cohort = make.cohort()
    user = make.admin() if coordinator else make.user()
    if role:
        make.membership(user, cohort, role)
    return user, cohort


@pytest.mark.parametrize("name", PEOPLE)
def test_each_person_sees_the_links_they_may_use_and_every_one_opens(client, make, name):
    user, cohort = person(make, name)
    log_in_as(client, user)
    role = PEOPLE[name][0]
    page = client.get(f"/home/{cohort.id}" if role else "/cohorts/").get_data(as_text=True)
    assert texts(page, NAV_LINKS) == PEOPLE[name][2]
    for href in attributes(page, NAV_LINKS, "href"):
        assert client.get(href).status_code == 200, href


def test_the_links_follow_the_cohort_in_view(client, make):
    lima, moshi = make.cohort(name="Lima"), make.cohort(name="Moshi")
    user = make.member(lima, "intern")
    make.membership(user, moshi, "supervisor")
    log_in_as(client, user)
    journal = client.get(f"/journal/{lima.id}/").get_data(as_text=True)
    dashboard = client.get(f"/review/{moshi.id}/").get_data(as_text=True)
    assert texts(journal, NAV_LINKS) == PEOPLE["intern"][2]
    assert texts(dashboard, NAV_LINKS) == PEOPLE["supervisor"][2]
    assert f"/journal/{lima.id}/" in attributes(journal, NAV_LINKS, "href")
    assert f"/review/{moshi.id}/queue" in attributes(dashboard, NAV_LINKS, "href")


@pytest.mark.parametrize("coordinator", [False, True], ids=["member", "coordinator"])
@pytest.mark.parametrize("role", ["intern", "supervisor", "reviewer", None])
def test_what_each_role_may_do_in_a_cohort(app, make, role, coordinator):
    cohort = make.cohort()
    user = make.admin() if coordinator else make.user()
    membership = make.membership(user, cohort, role) if role else None
    with app.app_context():
        for action, roles in ACTIONS.items():
            expected = role in roles or (coordinator and action in COORDINATORS_MAY)
            assert access.can(user, action, cohort) is expected, action
            if membership is not None:
                assert access.can(user, action, membership) is expected, action


@contextmanager
def statements():
    """The SQL statements sent inside the block."""
    sent = []

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_a_membership_answers_for_its_own_user_without_a_query(app, make):
    cohort = make.cohort()
    intern = make.member(cohort, "intern")
    supervisor = make.member(cohort, "supervisor")
    with app.app_context():
        memberships = {user.id: access.membership(user, cohort.id) for user in (intern, supervisor)}
        with statements() as sent:
            assert access.can(intern, "keep_journal", memberships[intern.id])
            assert access.can(supervisor, "supervise", memberships[supervisor.id])
            # Someone else's membership lends nothing, whatever its role.
            assert not access.can(supervisor, "keep_journal", memberships[intern.id])
            assert not access.can(intern, "supervise", memberships[supervisor.id])
        assert sent == []


def test_only_interns_open_a_journal(client, make):
    cohort = make.cohort()
    for role, status in (("intern", 200), ("supervisor", 404), ("reviewer", 404)):
        log_in_as(client, make.member(cohort, role))
        assert client.get(f"/journal/{cohort.id}/").status_code == status, role
